import { CATALOG } from '../src/catalog/index.ts';
import { DetectionIndex } from '../src/detect/engine.ts';
import { extractInputs, scaledCatalog, timeUpstream, timeWappalyzer } from './detection.ts';

const sizes = [CATALOG.products.length, 100, 1_000, 7_500, 10_000];
const largest = scaledCatalog(10_000);
// Inputs are extracted once, with the largest catalog's markers (a superset), untimed for matching.
const { pages, extractionMs } = await extractInputs(largest);
const wappalyzer = timeWappalyzer(pages);
const rows: string[] = [];
const results = new Map<number, number>();
for (const size of sizes) {
  const index = new DetectionIndex(scaledCatalog(size));
  const { timing, detections } = timeUpstream(index, pages, 1000);
  results.set(size, timing.median);
  rows.push(`| Upstream, ${size.toLocaleString('en')} products${size === CATALOG.products.length ? ' (the real catalog)' : ''} | ${(timing.median * 1000).toFixed(2)} µs | ${(timing.p95 * 1000).toFixed(2)} µs | ${(wappalyzer.timing.median / timing.median).toFixed(0)}× | ${detections} |`);
}
console.log(`${pages.length} pages. Input extraction (happy-dom, untimed for matching): median ${extractionMs.median.toFixed(2)} ms, p95 ${extractionMs.p95.toFixed(2)} ms per page.\n`);
console.log('| engine | median per page | p95 per page | wappalyzer median ÷ this median | detections on the corpus |\n|---|---:|---:|---:|---:|');
console.log(`| wappalyzer-core 6.10.66, ${wappalyzer.technologies.toLocaleString('en')} technologies | ${wappalyzer.timing.median.toFixed(2)} ms | ${wappalyzer.timing.p95.toFixed(2)} ms | 1× | ${wappalyzer.detections} |`);
console.log(rows.join('\n'));
console.log(`\n10,000 products cost ${(results.get(10_000)! / results.get(100)!).toFixed(2)}× what 100 do (median per page).`);
