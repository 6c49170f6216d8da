import { detailsStillUsable, pageEndpoint, reuseDetails, type Fetcher, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asArray, asHttpUrl, asObject, asString, asTimestamp, objects, type JsonObject } from '../json.ts';
import { levelFromComponentStatus } from '../levels.ts';
import type { Incident } from '../types.ts';
import { parseStatuspageSummary } from './atlassian-statuspage.ts';

/**
 * incident.io pages serve a Statuspage-compatible `/api/v2/summary.json` with components but no incidents,
 * and (when the page owner enables it) a Widget API `/api/v1/summary` with ongoing incidents and
 * in-progress maintenance. We read both: components from the first, incidents from the second.
 */

function widgetIncident(item: JsonObject, pageUrl: string, maintenance: boolean): Incident | null {
  const id = asString(item.id);
  if (id === '') return null;
  const updatedAt = asTimestamp(item.last_update_at);
  const message = asString(item.last_update_message);
  return {
    id,
    title: asString(item.name, 'Untitled incident'),
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

async function readWidget(pageUrl: string, fetcher: Fetcher): Promise<Incident[] | null> {
  try {
    return parseIncidentIoWidget(await fetcher.json(pageEndpoint(pageUrl, 'api/v1/summary')), pageUrl);
  } catch {
    return null; // The Widget API is optional per page; components still tell the status.
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
 * Reads the ~150-byte Widget API first; when it lists nothing ongoing and the previous reading was all clear,
 * the components are still operational (incident.io changes component status only through incidents and
 * maintenance), so the larger summary is read only when something is going on (and at least every 30 minutes).
 */
export const incidentIo: StatusAdapter = {
  platform: 'incident-io',
  async read(page, fetcher, now, previous) {
    const incidents = await readWidget(page.pageUrl, fetcher);
    if (incidents !== null && incidents.length === 0 && detailsStillUsable(previous, now) && !previous.incidentsUnavailable) {
      return reuseDetails(previous, now);
    }
    const summary = await fetcher.json(pageEndpoint(page.pageUrl, 'api/v2/summary.json'));
    return mergeIncidentIo(summary, incidents, page.pageUrl, now);
  },
};
