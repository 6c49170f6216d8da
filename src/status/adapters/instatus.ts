import { detailsStillUsable, pageEndpoint, reuseDetails, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asHttpUrl, asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Instatus pages publish `/summary.json` (page status, active incidents and maintenance) and
 * `/v2/components.json` (every component with its status). We read both: the components carry the
 * per-service levels, the summary the page's own verdict and what is going on.
 */

const COMPONENT_LEVELS = new Map<string, HealthLevel>([
  ['OPERATIONAL', 'operational'],
  ['UNDERMAINTENANCE', 'maintenance'],
  ['DEGRADEDPERFORMANCE', 'degraded'],
  ['PARTIALOUTAGE', 'partial_outage'],
  // An outage, smaller than a major one: still more than slowness.
  ['MINOROUTAGE', 'partial_outage'],
  ['MAJOROUTAGE', 'major_outage'],
]);

/** Component statuses, also used for incident `impact`. */
function levelFromInstatus(status: unknown): HealthLevel {
  return (typeof status === 'string' && COMPONENT_LEVELS.get(status)) || 'unknown';
}

/**
 * `page.status`: UP, HASISSUES, UNDERMAINTENANCE, and on newer pages ALL|SOME|ONE + a component status
 * (e.g. ONEMAJOROUTAGE). A major outage of only some components is a partial outage of the page.
 */
function pageLevel(status: unknown): HealthLevel {
  if (status === 'UP') return 'operational';
  if (status === 'HASISSUES') return 'degraded';
  if (typeof status !== 'string') return 'unknown';
  const scoped = /^(ALL|SOME|ONE)([A-Z]+)$/.exec(status);
  if (!scoped) return levelFromInstatus(status);
  const level = levelFromInstatus(scoped[2]);
  return scoped[1] !== 'ALL' && level === 'major_outage' ? 'partial_outage' : level;
}

/** The summary gives no ids; its links end in one (`/incident/<id>`, `/maintenance/<id>`). */
function idFromUrl(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
    return parsed.pathname.split('/').filter(Boolean).at(-1) ?? '';
  } catch {
    return '';
  }
}

function readIncident(item: JsonObject, pageUrl: string, maintenance: boolean): Incident | null {
  const title = asString(item.name);
  const startedAt = asTimestamp(maintenance ? item.start : item.started) ?? asTimestamp(item.started ?? item.start);
  const id = asString(item.id) || idFromUrl(item.url) || (title ? `${title}@${startedAt ?? ''}` : '');
  if (id === '') return null;
  return {
    id,
    title: title,
    impact: maintenance ? 'maintenance' : levelFromInstatus(item.impact),
    status: asString(item.status),
    startedAt,
    // summary.json carries no update text.
    latestUpdate: null,
    url: asHttpUrl(item.url, pageUrl),
    // Nor the components an incident touches, so it is shown with every component.
    componentIds: [],
    maintenance,
  };
}

/** Absent (the page leaves empty lists out) or null reads as empty; any other non-array as unreadable. */
function optionalList(value: unknown): JsonObject[] | null {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? objects(value) : null;
}

function readIncidents(summary: JsonObject, pageUrl: string): Incident[] | null {
  const incidents = optionalList(summary.activeIncidents);
  const maintenances = optionalList(summary.activeMaintenances);
  if (incidents === null || maintenances === null) return null;
  return [
    ...incidents.filter((item) => item.status !== 'RESOLVED').map((item) => readIncident(item, pageUrl, false)),
    ...maintenances.filter((item) => item.status === 'INPROGRESS').map((item) => readIncident(item, pageUrl, true)),
  ].filter((incident): incident is Incident => incident !== null);
}

function readComponents(payload: JsonObject): ComponentHealth[] {
  return objects(payload.components)
    .map((component) => ({
      id: asString(component.id),
      name: asString(component.name),
      level: levelFromInstatus(component.status),
    }))
    .filter((component) => component.id !== '');
}

export function parseInstatus(summaryPayload: unknown, componentsPayload: unknown, pageUrl: string, now: Date): ParseResult {
  const summary = asObject(summaryPayload);
  const page = asObject(summary?.page);
  const componentList = asObject(componentsPayload);
  if (!summary || !page || typeof page.status !== 'string') {
    return { ok: false, error: { kind: 'format' } };
  }
  if (!componentList || !Array.isArray(componentList.components)) {
    return { ok: false, error: { kind: 'format' } };
  }
  const incidents = readIncidents(summary, pageUrl);
  if (incidents === null) return { ok: false, error: { kind: 'format' } };
  const components = readComponents(componentList);
  // Without components nothing per service is known, so it is never read as all clear.
  const level =
    components.length === 0 ? 'unknown' : worstLevel([pageLevel(page.status), ...components.map((component) => component.level)]);
  return {
    ok: true,
    health: {
      level,
      // The page publishes no sentence of its own, only the status word.
      description: '',
      components,
      incidents,
      pageUpdatedAt: null,
      fetchedAt: now.toISOString(),
    },
  };
}

/**
 * True when summary.json says every component is up and nothing is going on. Instatus computes
 * `page.status` from the components, so the previous all-clear components still hold.
 */
export function summaryAllClear(summaryPayload: unknown): boolean {
  const summary = asObject(summaryPayload);
  if (!summary || asObject(summary.page)?.status !== 'UP') return false;
  const incidents = readIncidents(summary, '');
  return incidents !== null && incidents.length === 0;
}

/**
 * Instatus status pages. Reads `<pageUrl>/summary.json`, then `<pageUrl>/v2/components.json` unless the
 * summary is all clear and the previous all-clear reading is recent enough to reuse. No `params`.
 * Component ids are Instatus' own (cuid strings).
 */
export const instatus: StatusAdapter = {
  platform: 'instatus',
  async read(page, fetcher, now, previous) {
    const summary = await fetcher.json(pageEndpoint(page.pageUrl, 'summary.json'));
    if (detailsStillUsable(previous, now) && previous.incidents.length === 0 && summaryAllClear(summary)) {
      return reuseDetails(previous, now);
    }
    const components = await fetcher.json(pageEndpoint(page.pageUrl, 'v2/components.json'));
    return parseInstatus(summary, components, page.pageUrl, now);
  },
};
