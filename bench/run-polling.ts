import { CATALOG } from '../src/catalog/index.ts';
import { measurePolling, type PollingScenario } from './polling.ts';

/** Ten widely used AI tools, as one user's stack. */
const TEN_TOOLS = ['chatgpt', 'claude', 'github-copilot', 'cursor', 'perplexity', 'notion-ai', 'microsoft-copilot', 'slack-ai', 'figma-ai', 'otter-ai'];
const NOBODY = { tabProducts: [], stackProducts: [], shownProviders: [] };
const NOTION_TAB = { tabProducts: ['notion-ai'], stackProducts: ['notion-ai'], shownProviders: [] };
const ALL_PROVIDERS = CATALOG.providers.map((provider) => provider.id);

const scenarios: PollingScenario[] = [
  { name: 'fresh install: empty stack, no tab, no page of Upstream open', interest: NOBODY, validators: true, anthropicIncident: false },
  { name: 'empty stack, the catalog page open all hour (every provider shown)', interest: { ...NOBODY, shownProviders: ALL_PROVIDERS }, validators: true, anthropicIncident: false },
  { name: 'a Notion tab open all hour', interest: NOTION_TAB, validators: true, anthropicIncident: false },
  { name: 'a 10-tool stack, no tab open', interest: { ...NOBODY, stackProducts: TEN_TOOLS }, validators: true, anthropicIncident: false },
  { name: 'a 10-tool stack with a Notion tab open', interest: { ...NOTION_TAB, stackProducts: TEN_TOOLS }, validators: true, anthropicIncident: false },
  { name: 'a 10-tool stack, Notion tab open, Anthropic in a major outage updated every 10 min', interest: { ...NOTION_TAB, stackProducts: TEN_TOOLS }, validators: true, anthropicIncident: true },
  { name: 'a 10-tool stack, Notion tab open, servers without validators (worst case)', interest: { ...NOTION_TAB, stackProducts: TEN_TOOLS }, validators: false, anthropicIncident: false },
  { name: 'former policy for comparison: every provider read, no tab open', interest: NOBODY, everyProvider: true, validators: true, anthropicIncident: false },
];

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const summary: string[] = ['| situation | status pages read | requests/h | of which 304 | KB/h | busiest page: requests/h |', '|---|---:|---:|---:|---:|---|'];
const busiest: { name: string; perHour: number }[] = [];
const details: string[] = [];
for (const scenario of scenarios) {
  const traffic = await measurePolling(scenario);
  const rows = CATALOG.providers.map((provider) => ({ provider, ...traffic.get(provider.id)! })).filter((row) => row.requests > 0);
  const total = rows.reduce((sum, row) => ({ requests: sum.requests + row.requests, bytes: sum.bytes + row.bytes, notModified: sum.notModified + row.notModified }), { requests: 0, bytes: 0, notModified: 0 });
  const top = rows.reduce<(typeof rows)[number] | null>((a, b) => (a === null || b.requests > a.requests ? b : a), null);
  summary.push(`| ${scenario.name} | ${rows.length} | **${total.requests}** | ${total.notModified} | ${kb(total.bytes)} | ${top ? `${top.provider.id} ${top.requests}` : '—'} |`);
  busiest.push({ name: scenario.name, perHour: top?.requests ?? 0 });
  if (rows.length > 0 && !scenario.everyProvider) {
    details.push(`##### ${scenario.name}`, '', '| provider | platform | requests/h | 304s | KB/h |', '|---|---|---:|---:|---:|');
    for (const row of rows) details.push(`| ${row.provider.id} | ${row.provider.status.platform} | ${row.requests} | ${row.notModified} | ${kb(row.bytes)} |`);
    details.push('');
  }
}

const INSTALLS = [10_000, 100_000, 1_000_000];
const rate = (perHour: number, installs: number) => (perHour * installs) / 3600;
const load = ['| if every install were in this situation | busiest page, 10k installs | 100k | 1M |', '|---|---:|---:|---:|'];
for (const row of busiest) load.push(`| ${row.name} | ${INSTALLS.map((installs) => `${rate(row.perHour, installs).toFixed(1)} req/s`).join(' | ')} |`);

console.log(['#### Requests per hour, one install', '', ...summary, '', '#### Load on one status page, if every install were in one situation', '', ...load, '', '#### Per provider', '', ...details].join('\n'));
