import { FORMAT_ERROR, pageEndpoint, selectRecentIncidents, type ParseResult, type StatusAdapter } from '../adapter.ts';
import type { Incident, IncidentUpdate, RecentIncident, RecentResult } from '../../model/health.ts';
import { asHttpUrl, asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel, type HealthLevel } from '../../model/levels.ts';
import { levelFromIndicator } from '../levels.ts';

/**
 * Rootly status pages, through the public API Rootly serves on a page's own domain (pages with a custom
 * domain only; password- and SSO-protected pages have none):
 *
 * - `GET /api/v1/status.json`: `page{name, url, time_zone, updated_at}`, `status{indicator, description}` with
 *   the indicator `none | minor | major | maintenance`, and the active `incidents[]`;
 * - `GET /api/v1/incidents.json?page=&per_page=` (at most 100): the active incidents, paged.
 *
 * Incidents carry `name`, `status`, `impact` (`none | minor | major | critical`, from the incident's
 * severity), `started_at`, `resolved_at` (null while open), `url` and `incident_updates[{body, status,
 * created_at}]`. The API states no per-service status and no components per incident: the page is one
 * component, `overall`, at the indicator's level, and every incident is attributed to it.
 */

/** The one component a Rootly page is read as: its overall status. */
export const ROOTLY_OVERALL = 'overall';
const MAINTENANCE_STATES = new Set(['scheduled', 'in_progress', 'completed']);
const CLOSED_STATES = new Set(['resolved', 'completed', 'closed', 'cancelled', 'mitigated']);
/** Pages of `incidents.json` read for the history, at most 100 each. */
const MAX_PAGES = 3;
const PER_PAGE = 100;

function latestUpdate(incident: JsonObject): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const update of objects(incident.incident_updates)) {
    const at = asTimestamp(update.created_at);
    if (at !== null && (latest === null || at > latest.at)) latest = { body: asString(update.body), at, status: asString(update.status) };
  }
  return latest;
}

/** An incident's id: its own, else the last segment of its link, else its name and start. */
function incidentId(incident: JsonObject): string {
  const own = asString(incident.id).trim();
  if (own !== '') return own;
  const link = asString(incident.url);
  const fromLink = /\/incidents\/([^/?#]+)/.exec(link)?.[1];
  if (fromLink) return fromLink;
  const name = asString(incident.name);
  const started = asString(incident.started_at);
  return name === '' && started === '' ? '' : `${name}@${started}`;
}

function readIncident(incident: JsonObject, pageUrl: string): RecentIncident | null {
  const id = incidentId(incident);
  if (id === '') return null;
  const update = latestUpdate(incident);
  const status = asString(incident.status) || update?.status || '';
  const maintenance = MAINTENANCE_STATES.has(status) || MAINTENANCE_STATES.has(update?.status ?? '') || incident.impact === 'maintenance';
  const resolvedAt = asTimestamp(incident.resolved_at);
  return {
    id,
    title: asString(incident.name),
    impact: maintenance ? 'maintenance' : incidentImpact(incident.impact),
    status,
    startedAt: asTimestamp(incident.started_at),
    latestUpdate: update,
    url: asHttpUrl(incident.url, pageUrl),
    componentIds: [ROOTLY_OVERALL],
    maintenance,
    resolvedAt: resolvedAt ?? (CLOSED_STATES.has(status) ? (update?.at ?? null) : null),
  };
}

/** An incident's impact; "none" still is an incident someone posted, so it reads as degraded, never as clear. */
function incidentImpact(impact: unknown): HealthLevel {
  const level = levelFromIndicator(impact);
  return level === 'operational' ? 'degraded' : level;
}

export function parseRootlyStatus(payload: unknown, pageUrl: string, now: Date): ParseResult {
  const document = asObject(payload);
  const page = asObject(document?.page);
  const status = asObject(document?.status);
  // A page states who it is; an envelope without a name or address is not a Rootly page.
  if (!document || !page || !status || typeof status.indicator !== 'string' || (asString(page.name) === '' && asString(page.url) === '')) return FORMAT_ERROR;
  const indicator = levelFromIndicator(status.indicator);
  if (indicator === 'unknown') return FORMAT_ERROR;
  const listed = Array.isArray(document.incidents) ? objects(document.incidents) : null;
  if (listed === null && document.incidents !== undefined) return FORMAT_ERROR;
  const incidents: Incident[] = (listed ?? []).flatMap((incident) => {
    const read = readIncident(incident, pageUrl);
    if (!read || read.resolvedAt !== null) return [];
    const { resolvedAt: _open, ...open } = read;
    return [open];
  });
  // The indicator and the incidents can disagree; the worse of the two is the honest summary.
  const level = worstLevel([indicator, ...incidents.filter((incident) => !incident.maintenance).map((incident) => incident.impact)]);
  return {
    ok: true,
    health: {
      level,
      description: asString(status.description),
      components: [{ id: ROOTLY_OVERALL, name: asString(page.name), level }],
      incidents,
      pageUpdatedAt: asTimestamp(page.updated_at),
      fetchedAt: now.toISOString(),
    },
  };
}

/** The incidents of one or more `incidents.json` pages, newest first, as a provider page lists them. */
export function parseRootlyIncidents(payloads: unknown[], pageUrl: string, now: Date): RecentResult {
  const lists = payloads.map((payload) => asObject(payload)?.incidents);
  if (lists.length === 0 || !lists.every(Array.isArray)) return { ok: false, error: { kind: 'format' } };
  const incidents = lists.flatMap((list) => objects(list)).flatMap((incident) => readIncident(incident, pageUrl) ?? []);
  return { ok: true, incidents: selectRecentIncidents(incidents, now) };
}

export const rootly: StatusAdapter = {
  platform: 'rootly',
  async read(page, fetcher, now) {
    return parseRootlyStatus(await fetcher.json(pageEndpoint(page.pageUrl, 'api/v1/status.json')), page.pageUrl, now);
  },
  async recent(page, fetcher, now) {
    const payloads: unknown[] = [];
    for (let number = 1; number <= MAX_PAGES; number++) {
      const payload = await fetcher.json(pageEndpoint(page.pageUrl, `api/v1/incidents.json?page=${number}&per_page=${PER_PAGE}`));
      payloads.push(payload);
      const count = asObject(payload)?.incidents;
      if (!Array.isArray(count) || count.length < PER_PAGE) break;
    }
    return parseRootlyIncidents(payloads, page.pageUrl, now);
  },
};
