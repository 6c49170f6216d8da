import { measurePageWeights } from './page-weight.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = await measurePageWeights();
const floor = rows.find((row) => row.page === 'floor')!;
console.log('| page | files | JS + CSS | gzipped | first render (median) | over the blank page |\n|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  if (row.page === 'floor') continue;
  console.log(`| ${row.page} | ${row.files} | ${kb(row.rawBytes)} | ${kb(row.gzipBytes)} | ${row.firstRenderMs.toFixed(0)} ms | ${(row.firstRenderMs - floor.firstRenderMs).toFixed(0)} ms |`);
}
console.log(`\nA blank page of the same extension, one module script that only sets its mark: ${floor.firstRenderMs.toFixed(0)} ms from navigation start (median).`);
