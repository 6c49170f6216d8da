import { measureContentScript } from './content-script.ts';

const { perPage, heaviest, slowest } = await measureContentScript();
console.log(`Content script collection on the ${perPage.runs} corpus pages in Chromium: median ${(perPage.median * 1000).toFixed(0)} µs, p95 ${(perPage.p95 * 1000).toFixed(0)} µs per page; heaviest page (${heaviest.page}, ${heaviest.elements.toLocaleString('en')} elements): ${(heaviest.median * 1000).toFixed(0)} µs.`);
console.log(`Slowest pages: ${slowest.map((p) => `${p.page} ${(p.median * 1000).toFixed(0)} µs (${p.scripts} scripts)`).join(', ')}.`);
