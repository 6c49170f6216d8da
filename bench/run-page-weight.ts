import { measurePageWeights } from './page-weight.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = await measurePageWeights();
const floorOpenedAs = (openedAs: string) => rows.find((row) => row.page === 'floor' && row.openedAs === openedAs)!;
console.log('| page | opened as | files | JS + CSS | gzipped | first render (median) | over the blank page opened the same way |\n|---|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
  if (row.page === 'floor') continue;
  const over = row.firstRenderMs - floorOpenedAs(row.openedAs).firstRenderMs;
  console.log(`| ${row.page} | ${row.openedAs} | ${row.files} | ${kb(row.rawBytes)} | ${kb(row.gzipBytes)} | ${row.firstRenderMs.toFixed(0)} ms | ${over.toFixed(0)} ms |`);
}
console.log(
  `\nA blank page of the same extension, one module script that only sets its mark, from navigation start (median): ${floorOpenedAs('popup').firstRenderMs.toFixed(0)} ms opened as the popup, ${floorOpenedAs('tab').firstRenderMs.toFixed(0)} ms in a tab.`,
);
