import { measurePageWeights } from './page-weight.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('| page | files | JS + CSS | gzipped | first render (median) |\n|---|---:|---:|---:|---:|');
for (const row of await measurePageWeights()) console.log(`| ${row.page} | ${row.files} | ${kb(row.rawBytes)} | ${kb(row.gzipBytes)} | ${row.firstRenderMs.toFixed(0)} ms |`);
