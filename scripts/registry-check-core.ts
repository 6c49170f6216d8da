/**
 * The registry self-check: reads every provider's status page with the adapter the registry names and reports,
 * per provider, whether the page answered, in which shape, whether every component the catalog maps is still
 * on it, and how recent its newest incident is. `scripts/registry-check.ts` runs it against the live pages (or
 * the recorded fixtures when there is no network); the unit tests run it against fixtures.
 */
import type { Provider } from '../src/catalog/types.ts';
import type { ReadError } from '../src/model/health.ts';
import { readErrorOf, type Fetcher } from '../src/status/adapter.ts';
import { explainFormatError, observed } from '../src/status/drift.ts';
import { ADAPTERS } from '../src/status/registry.ts';

export interface ProviderCheck {
  providerId: string;
  platform: string;
  pageUrl: string;
  /** The page answered (any HTTP success), whatever its shape. */
  reachable: boolean;
  /** The answer was the registry's platform's data. */
  shapeRecognised: boolean;
  /** Why not, when it was not read. */
  error: ReadError | null;
  /** Catalog components (ids) found on the page, and those missing from it. */
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

export async function checkProvider(provider: Provider, fetcher: Fetcher, now: Date): Promise<ProviderCheck> {
  const base = { providerId: provider.id, platform: provider.status.platform, pageUrl: provider.status.pageUrl };
  const adapter = ADAPTERS[provider.status.platform];
  const watched = observed(fetcher);
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
  const { found, missing } = componentMatches(provider, components);
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

export async function checkRegistry(providers: readonly Provider[], fetcher: Fetcher, now: Date): Promise<ProviderCheck[]> {
  return Promise.all(providers.map((provider) => checkProvider(provider, fetcher, now)));
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
  const lines = [
    `Registry check (${mode === 'live' ? 'live status pages' : 'recorded fixtures, no network'}), ${now.toISOString()}`,
    '',
    '| provider | platform | reachable | shape | components | newest incident | verdict |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((check) =>
      [
        check.providerId,
        check.platform,
        check.reachable ? 'yes' : `no (${check.error ? describeError(check.error) : '?'})`,
        check.shapeRecognised ? 'recognised' : check.error ? describeError(check.error) : 'not recognised',
        check.shapeRecognised ? `${check.componentsFound.length}/${check.componentsFound.length + check.componentsMissing.length}${check.componentsMissing.length ? ` (missing: ${check.componentsMissing.join(', ')})` : ''}` : '-',
        check.newestIncidentAt ? check.newestIncidentAt.slice(0, 10) : 'none listed',
        check.ok ? 'OK' : 'CHECK',
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
    ),
    '',
    `${rows.filter((check) => check.ok).length} of ${rows.length} providers OK.`,
  ];
  return lines.join('\n');
}
