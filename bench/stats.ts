export interface Timing {
  runs: number;
  median: number;
  p95: number;
}

/** Median and 95th percentile (nearest rank) of samples in ms. */
export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { runs: sorted.length, median: rank(0.5), p95: rank(0.95) };
}
