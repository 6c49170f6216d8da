/**
 * The registry self-check: reads every provider's status page with the adapter the registry names and reports,
 * per provider, whether the page answered, in which shape, whether every component the catalog maps is still
 * named by the page itself, and how recent its newest incident is. `scripts/registry-check.ts` runs it against
 * the live pages (or, without a network, recorded captures where there are some and synthetic all-clear pages
 * elsewhere); the unit tests run it against fixtures.
 */
import type { Provider } from '../src/catalog/types.ts';
import type { ReadError } from '../src/model/health.ts';
import { readErrorOf, type Fetcher } from '../src/status/adapter.ts';
import { explainFormatError, observed } from '../src/status/drift.ts';
import { ADAPTERS } from '../src/status/registry.ts';
import { componentsNamed, recording } from './registry-check-evidence.ts';

/** What a provider was checked against: its live page, recorded captures of it, or a synthetic all-clear page. */
export type PageSource = 'live' | 'recorded' | 'synthetic';

export interface ProviderCheck {
  providerId: string;
  platform: string;
  pageUrl: string;
  source: PageSource;
  /** The page answered (any HTTP success), whatever its shape. */
  reachable: boolean;
  /** The answer was the registry's platform's data. */
  shapeRecognised: boolean;
  /** Why not, when it was not read. */
  error: ReadError | null;
  /** Catalog components (ids) the page names, and those it does not (a component the adapter built from the registry alone is missing). */
  componentsFound: string[];
  componentsMissing: string[];
  /** ISO time of the newest incident the page lists (open or resolved), or null when it lists none or has no history. */
  newestIncidentAt: string | null;
  ok: boolean;
}

function componentMatches(provider: Provider, components: { id: string; name: string }[]): { found: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  for (const component of provider.components) {
    const ids = new Set(component.match.ids);
    const names = new Set(component.match.names.map((name) => name.toLowerCase()));
    (components.some((c) => ids.has(c.id) || names.has(c.name.toLowerCase())) ? found : missing).push(component.id);
  }
  return { found, missing };
}

const latest = (times: (string | null | undefined)[]): string | null =>
  times.reduce<string | null>((newest, time) => (time && (newest === null || time > newest) ? time : newest), null);

export async function checkProvider(provider: Provider, fetcher: Fetcher, now: Date, source: PageSource = 'live'): Promise<ProviderCheck> {
  const base = { providerId: provider.id, platform: provider.status.platform, pageUrl: provider.status.pageUrl, source };
  const adapter = ADAPTERS[provider.status.platform];
  const recorded = recording(fetcher);
  const watched = observed(recorded);
  let error: ReadError | null = null;
  let reachable: boolean;
  let components: { id: string; name: string }[] = [];
  let incidentTimes: (string | null)[] = [];
  try {
    const result = await adapter.read(provider.status, watched, now, null);
    reachable = true;
    if (result.ok) {
      components = result.health.components;
      incidentTimes = result.health.incidents.flatMap((incident) => [incident.startedAt, incident.latestUpdate?.at ?? null]);
    } else error = explainFormatError(result.error, watched.lastBody, provider);
  } catch (caught) {
    error = explainFormatError(readErrorOf(caught), watched.lastBody, provider);
    reachable = error.kind === 'format';
  }
  if (error === null && adapter.recent) {
    try {
      const recent = await adapter.recent(provider.status, fetcher, now);
      if (recent.ok) incidentTimes.push(...recent.incidents.flatMap((incident) => [incident.startedAt, incident.resolvedAt]));
    } catch {
      // The history is a bonus: the current reading decides.
    }
  }
  const named = error === null ? await componentsNamed(provider, fetcher, recorded.bodies) : null;
  const listed = componentMatches(provider, components);
  const found = named ? listed.found.filter((id) => named.has(id)) : listed.found;
  const missing = provider.components.map((component) => component.id).filter((id) => !found.includes(id));
  const shapeRecognised = error === null;
  return {
    ...base,
    reachable,
    shapeRecognised,
    error,
    componentsFound: found,
    componentsMissing: shapeRecognised ? missing : [],
    newestIncidentAt: latest(incidentTimes),
    ok: shapeRecognised && missing.length === 0,
  };
}

/** The fetcher a provider is checked with, and what it serves. */
export type FetcherFor = (provider: Provider) => { fetcher: Fetcher; source: PageSource };

export async function checkRegistry(providers: readonly Provider[], fetcherFor: FetcherFor, now: Date): Promise<ProviderCheck[]> {
  return Promise.all(
    providers.map((provider) => {
      const { fetcher, source } = fetcherFor(provider);
      return checkProvider(provider, fetcher, now, source);
    }),
  );
}

function describeError(error: ReadError): string {
  switch (error.kind) {
    case 'http':
      return `HTTP ${error.status}`;
    case 'format':
      return error.found === 'challenge' ? 'browser check (challenge page)' : error.platform ? `answers as ${error.platform}` : `not ${error.found ?? 'its'} format`;
    default:
      return error.kind;
  }
}

/** The report as a Markdown table, one row per provider, problems first. */
export function formatReport(checks: readonly ProviderCheck[], mode: 'live' | 'fixtures', now: Date): string {
  const rows = [...checks].sort((a, b) => Number(a.ok) - Number(b.ok) || a.providerId.localeCompare(b.providerId));
  const synthetic = rows.filter((check) => check.source === 'synthetic').map((check) => check.providerId);
  const lines = [
    `Registry check (${mode === 'live' ? 'live status pages' : 'no network: recorded captures, else synthetic all-clear pages'}), ${now.toISOString()}`,
    '',
    '| provider | platform | checked against | reachable | shape | components | newest incident | verdict |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((check) =>
      [
        check.providerId,
        check.platform,
        check.source === 'synthetic' ? 'synthetic all-clear page' : check.source === 'recorded' ? 'recorded capture' : 'live page',
        check.reachable ? 'yes' : `no (${check.error ? describeError(check.error) : '?'})`,
        check.shapeRecognised ? 'recognised' : check.error ? describeError(check.error) : 'not recognised',
        check.shapeRecognised ? `${check.componentsFound.length}/${check.componentsFound.length + check.componentsMissing.length}${check.componentsMissing.length ? ` (missing: ${check.componentsMissing.join(', ')})` : ''}` : '-',
        check.newestIncidentAt ? check.newestIncidentAt.slice(0, 10) : 'none listed',
        check.ok ? 'OK' : 'CHECK',
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
    ),
    '',
    `${rows.filter((check) => check.ok).length} of ${rows.length} providers OK.`,
    ...(synthetic.length > 0
      ? [`Checked against synthetic all-clear pages built from the registry itself (their OK says only that adapter and registry agree): ${synthetic.join(', ')}.`]
      : []),
  ];
  return lines.join('\n');
}
