import { measurePageCost } from './page-cost.ts';

const ms = (value: number) => `${value.toFixed(2)} ms`;
console.log('Renderer script time per load (CDP `ScriptDuration`, thread time, mean of the middle 60 % of runs), three Chromiums in one run.\n');
console.log('| page | no extension | minimal content script | Upstream | Upstream over minimal | Upstream / minimal (extension part) |\n|---|---:|---:|---:|---:|---:|');
for (const row of await measurePageCost()) {
  const { none, minimal, upstream } = row.typical;
  const floor = minimal - none;
  const ratio = floor > 0 ? `${((upstream - none) / floor).toFixed(2)}×` : 'n/a (floor not measurable)';
  console.log(`| ${row.page} | ${ms(none)} | ${ms(minimal)} | ${ms(upstream)} | ${ms(upstream - minimal)} | ${ratio} |`);
}
