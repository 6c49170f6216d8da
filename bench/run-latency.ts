import { measureBadgeLatency } from './badge-latency.ts';

const samples = Number(process.env.LATENCY_SAMPLES ?? 3);
const { timing, samples: seconds } = await measureBadgeLatency(samples);
console.log(`Samples (s): ${seconds.map((s) => s.toFixed(1)).join(', ')}; median ${timing.median.toFixed(1)} s, max ${Math.max(...seconds).toFixed(1)} s.`);
