import { detailsStillUsable, pageEndpoint, reuseDetails, type Fetcher, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asArray, asHttpUrl, asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import { levelFromComponentStatus } from '../levels.ts';
import type { Incident, RecentResult } from '../../model/health.ts';
import { parseStatuspageIncidents, parseStatuspageSummary } from './atlassian-statuspage.ts';

/**
 * incident.io pages serve a Statuspage-compatible `/api/v2/summary.json` with components but no incidents,
 * and (when the page owner enables it) a Widget API `/api/v1/summary` with ongoing incidents and
 * in-progress maintenance. We read components from the first and incidents from the second, or from the
 * page's front-end document `/proxy/<host>` when the Widget API is off.
 */

/** An incident's own page, where incident.io keeps it (the link the proxy document's incidents get too). */
function incidentPage(pageUrl: string, id: string): string {
  return pageEndpoint(pageUrl, `incidents/${encodeURIComponent(id)}`);
}

function widgetIncident(item: JsonObject, pageUrl: string, maintenance: boolean): Incident | null {
  const id = asString(item.id);
  if (id === '') return null;
  const updatedAt = asTimestamp(item.last_update_at);
  const message = asString(item.last_update_message);
  return {
    id,
    title: asString(item.name),
    impact: maintenance ? 'maintenance' : levelFromComponentStatus(item.current_worst_impact),
    status: asString(item.status),
    startedAt: asTimestamp(item.started_at) ?? asTimestamp(item.published_at),
    latestUpdate: updatedAt !== null && message !== '' ? { body: message, at: updatedAt, status: asString(item.status) } : null,
    url: asHttpUrl(item.url, pageUrl),
    componentIds: objects(item.affected_components).map((component) => asString(component.id)).filter(Boolean),
    maintenance,
  };
}

/** Ongoing incidents and in-progress maintenance from a Widget API payload, or null if it is not one. */
export function parseIncidentIoWidget(payload: unknown, pageUrl: string): Incident[] | null {
  const widget = asObject(payload);
  if (!widget || !Array.isArray(widget.ongoing_incidents)) return null;
  return [
    ...objects(widget.ongoing_incidents).map((item) => widgetIncident(item, pageUrl, false)),
    ...objects(widget.in_progress_maintenances).map((item) => widgetIncident(item, pageUrl, true)),
  ].filter((incident): incident is Incident => incident !== null);
}

function proxyIncident(item: JsonObject, pageUrl: string): Incident | null {
  const id = asString(item.id);
  if (id === '') return null;
  const maintenance = item.type === 'maintenance';
  let latest: Incident['latestUpdate'] = null;
  for (const update of objects(item.updates)) {
    const at = asTimestamp(update.published_at);
    if (at !== null && (latest === null || at > latest.at)) {
      latest = { body: asString(update.message_string), at, status: asString(update.to_status) };
    }
  }
  const affected = objects(item.affected_components);
  const levels = affected.map((component) => levelFromComponentStatus(component.current_status ?? component.status));
  return {
    id,
    title: asString(item.name),
    impact: maintenance ? 'maintenance' : levels.length > 0 ? worstLevel(levels) : 'unknown',
    status: asString(item.status),
    startedAt: asTimestamp(item.published_at),
    latestUpdate: latest,
    url: incidentPage(pageUrl, id),
    componentIds: affected.map((component) => asString(component.component_id)).filter(Boolean),
    maintenance,
  };
}

/**
 * Ongoing incidents from the page's own front-end document (`/proxy/<host>`), which every incident.io page
 * serves even when its owner turned the Widget API off (Cohere, Perplexity, Fireworks); null if it is not one.
 */
export function parseIncidentIoProxy(payload: unknown, pageUrl: string): Incident[] | null {
  const summary = asObject(asObject(payload)?.summary);
  if (!summary || !Array.isArray(summary.ongoing_incidents)) return null;
  const maintenances = objects(summary.scheduled_maintenances).filter((item) => item.status === 'maintenance_in_progress');
  return [...objects(summary.ongoing_incidents), ...maintenances]
    .map((item) => proxyIncident(item, pageUrl))
    .filter((incident): incident is Incident => incident !== null);
}

async function readIncidents(pageUrl: string, fetcher: Fetcher): Promise<Incident[] | null> {
  try {
    const widget = parseIncidentIoWidget(await fetcher.json(pageEndpoint(pageUrl, 'api/v1/summary')), pageUrl);
    if (widget) return widget;
  } catch {
    // The Widget API is optional per page: fall back to the page's own document.
  }
  try {
    return parseIncidentIoProxy(await fetcher.json(pageEndpoint(pageUrl, `proxy/${new URL(pageUrl).hostname}`)), pageUrl);
  } catch {
    return null; // Components still tell the status; the popup says incidents could not be read.
  }
}

export function mergeIncidentIo(summaryPayload: unknown, incidents: Incident[] | null, pageUrl: string, now: Date): ParseResult {
  const parsed = parseStatuspageSummary(summaryPayload, pageUrl, now);
  if (!parsed.ok) return parsed;
  const summary = asObject(summaryPayload);
  // incident.io's compatible summary carries no incidents; a list from it would wrongly read as "none".
  const ownIncidents = asArray(summary?.incidents).length > 0 ? parsed.health.incidents : [];
  return {
    ok: true,
    health: {
      ...parsed.health,
      incidents: incidents ?? ownIncidents,
      incidentsUnavailable: incidents === null && ownIncidents.length === 0,
    },
  };
}

/**
 * Recent incidents from the Statuspage-compatible `/api/v2/incidents.json` (served by OpenAI,
 * Cohere, Groq and others, without the text of each update). Neither the Widget API nor the proxy
 * document lists resolved incidents, so this is the only history. Incidents without a shortlink link their
 * own page on the status page.
 */
export function parseIncidentIoIncidents(payload: unknown, pageUrl: string, now: Date): RecentResult {
  const parsed = parseStatuspageIncidents(payload, pageUrl, now);
  if (!parsed.ok) return { ok: false, error: { kind: 'format' } };
  const incidents = parsed.incidents.map((incident) =>
    incident.url === pageUrl ? { ...incident, url: incidentPage(pageUrl, incident.id) } : incident,
  );
  return { ok: true, incidents };
}

/**
 * Reads the ~150-byte Widget API first; when it lists nothing ongoing and the previous reading was all clear,
 * the components are still operational (incident.io changes component status only through incidents and
 * maintenance), so the larger summary is read only when something is going on (and at least every 30 minutes).
 */
export const incidentIo: StatusAdapter = {
  platform: 'incident-io',
  async read(page, fetcher, now, previous) {
    const incidents = await readIncidents(page.pageUrl, fetcher);
    if (incidents !== null && incidents.length === 0 && detailsStillUsable(previous, now) && !previous.incidentsUnavailable) {
      return reuseDetails(previous, now);
    }
    const summary = await fetcher.json(pageEndpoint(page.pageUrl, 'api/v2/summary.json'));
    return mergeIncidentIo(summary, incidents, page.pageUrl, now);
  },
  async recent(page, fetcher, now) {
    return parseIncidentIoIncidents(await fetcher.json(pageEndpoint(page.pageUrl, 'api/v2/incidents.json')), page.pageUrl, now);
  },
};
