/**
 * `npm run bench`: every benchmark, printed as Markdown for docs/BENCHMARKS.md, with the machine it ran on.
 * LATENCY_SAMPLES (default 3) sets how many real-time outage samples the Chromium run takes (about 2 min each);
 * PAGE_COST_RUNS (11), PAGE_WEIGHT_RUNS (15) and HISTORY_DAYS (365) size the other Chromium and history runs.
 * `npm run bench -- <section>` runs one section.
 */
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const section = process.argv[2] ?? 'all';
const run = (script: string) => execSync(`npx tsx ${script}`, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
if (section === 'all' || section === 'polling') console.log(`## Polling cost\n\n${run('bench/run-polling.ts')}`);
if (section === 'all' || section === 'parse') console.log(`## Parse time\n\n${run('bench/run-parse.ts')}`);
if (section === 'all' || section === 'latency') console.log(`## Outage to badge\n\n${run('bench/run-latency.ts')}`);
if (section === 'all' || section === 'detection') console.log(`## Detection\n\n${run('bench/run-detection.ts')}`);
if (section === 'all' || section === 'history') console.log(`## A year of history\n\n${run('bench/run-history.ts')}`);
if (section === 'all' || section === 'page-cost') console.log(`## What the browser spends on the content script\n\n${run('bench/run-page-cost.ts')}`);
if (section === 'all' || section === 'content-script') console.log(`## Content script collection step\n\n${run('bench/run-content-script.ts')}`);
if (section === 'all' || section === 'page-weight') console.log(`## Upstream's pages: weight and first render\n\n${run('bench/run-page-weight.ts')}`);
if (section === 'all' || section === 'early-warning') console.log(`## Early warning: watching AI requests\n\n${run('bench/run-early-warning.ts')}`);
if (section === 'all' || section === 'relay') console.log(`## The relay prototype\n\n${run('bench/run-relay.ts')}`);
