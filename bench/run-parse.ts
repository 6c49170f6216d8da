import { measureParsing } from './parse.ts';

console.log('| payload | size | median ms | p95 ms | runs |\n|---|---:|---:|---:|---:|');
for (const row of measureParsing()) {
  console.log(`| ${row.payload} | ${(row.bytes / 1024).toFixed(0)} KB | ${row.timing.median.toFixed(2)} | ${row.timing.p95.toFixed(2)} | ${row.timing.runs} |`);
}
