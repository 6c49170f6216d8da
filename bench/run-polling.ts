import { CATALOG } from '../src/catalog/index.ts';
import { measurePolling, type PollingScenario } from './polling.ts';

const scenarios: PollingScenario[] = [
  { name: 'steady state, no tab open, servers send ETags', watched: [], validators: true, anthropicIncident: false },
  { name: 'steady state, no tab open, no validators (worst case)', watched: [], validators: false, anthropicIncident: false },
  { name: 'steady state, a Notion tab open (Anthropic and OpenAI watched)', watched: ['anthropic', 'openai'], validators: true, anthropicIncident: false },
  { name: 'Anthropic major outage, update every 10 min, Notion tab open', watched: ['anthropic', 'openai'], validators: true, anthropicIncident: true },
];

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const lines: string[] = [];
for (const scenario of scenarios) {
  const traffic = await measurePolling(scenario);
  const rows = CATALOG.providers.map((provider) => ({ provider, ...traffic.get(provider.id)! }));
  const total = rows.reduce((sum, row) => ({ requests: sum.requests + row.requests, bytes: sum.bytes + row.bytes, notModified: sum.notModified + row.notModified }), { requests: 0, bytes: 0, notModified: 0 });
  const worst = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  lines.push(`### ${scenario.name}`, '');
  lines.push(`All ${rows.length} providers: **${total.requests} requests/h** (${total.notModified} answered 304), **${kb(total.bytes)} KB/h**; per provider median ${kb(median(rows.map((r) => r.bytes)))} KB/h, largest ${worst.provider.id} ${kb(worst.bytes)} KB/h.`, '');
  lines.push('| provider | platform | requests/h | 304s | KB/h |', '|---|---|---:|---:|---:|');
  for (const row of rows) lines.push(`| ${row.provider.id} | ${row.provider.status.platform} | ${row.requests} | ${row.notModified} | ${kb(row.bytes)} |`);
  lines.push('');
}
console.log(lines.join('\n'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
