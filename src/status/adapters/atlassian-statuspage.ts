import {
  detailsStillUsable,
  pageEndpoint,
  reuseDetails,
  selectRecentIncidents,
  type ParseResult,
  type StatusAdapter,
} from '../adapter.ts';
import { asHttpUrl, asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import { levelFromComponentStatus, levelFromIndicator } from '../levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate, RecentIncident, RecentResult } from '../../model/health.ts';

/** Maintenance states during which the work is actually happening (not merely scheduled). */
const ACTIVE_MAINTENANCE = new Set(['in_progress', 'verifying']);
/** Incident states after which nothing is going on any more. */
const RESOLVED_STATES = new Set(['resolved', 'postmortem']);
/** ... and for the history, which mixes in maintenance, its end too. */
const CLOSED_STATES = new Set([...RESOLVED_STATES, 'completed']);

/** Components of a Statuspage-format `summary.json`, without group rows (they repeat their children). */
export function readStatuspageComponents(summary: JsonObject): ComponentHealth[] {
  return objects(summary.components)
    .filter((component) => component.group !== true)
    .map((component) => ({
      id: asString(component.id),
      name: asString(component.name),
      level: levelFromComponentStatus(component.status),
    }))
    .filter((component) => component.id !== '');
}

function latestUpdate(incident: JsonObject): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const update of objects(incident.incident_updates)) {
    const at = asTimestamp(update.display_at) ?? asTimestamp(update.created_at);
    if (at === null) continue;
    if (latest === null || at > latest.at) {
      latest = { body: asString(update.body), at, status: asString(update.status) };
    }
  }
  return latest;
}

function readIncident(incident: JsonObject, pageUrl: string, maintenance: boolean): Incident | null {
  const id = asString(incident.id);
  if (id === '') return null;
  return {
    id,
    title: asString(incident.name),
    impact: maintenance ? 'maintenance' : levelFromIndicator(incident.impact),
    status: asString(incident.status),
    startedAt: asTimestamp(incident.started_at) ?? asTimestamp(incident.scheduled_for) ?? asTimestamp(incident.created_at),
    latestUpdate: latestUpdate(incident),
    url: asHttpUrl(incident.shortlink, pageUrl),
    componentIds: objects(incident.components).map((component) => asString(component.id)).filter(Boolean),
    maintenance,
  };
}

export function parseStatuspageSummary(payload: unknown, pageUrl: string, now: Date): ParseResult {
  const summary = asObject(payload);
  const status = asObject(summary?.status);
  if (!summary || !status || !Array.isArray(summary.components)) {
    return { ok: false, error: { kind: 'format' } };
  }
  const components = readStatuspageComponents(summary);
  const incidents = [
    ...objects(summary.incidents)
      .filter((incident) => !RESOLVED_STATES.has(asString(incident.status)))
      .map((incident) => readIncident(incident, pageUrl, false)),
    ...objects(summary.scheduled_maintenances)
      .filter((maintenance) => ACTIVE_MAINTENANCE.has(asString(maintenance.status)))
      .map((maintenance) => readIncident(maintenance, pageUrl, true)),
  ].filter((incident): incident is Incident => incident !== null);

  // The page indicator and the components can disagree (indicator "major" with green components, or the
  // reverse); the worse of the two is the honest summary.
  // A page without components tells us nothing per service, so it is never read as all clear.
  const level =
    components.length === 0
      ? 'unknown'
      : worstLevel([levelFromIndicator(status.indicator), ...components.map((component) => component.level)]);

  return {
    ok: true,
    health: {
      level,
      description: asString(status.description),
      components,
      incidents,
      pageUpdatedAt: asTimestamp(asObject(summary.page)?.updated_at),
      fetchedAt: now.toISOString(),
    },
  };
}

/** A history entry; `null` when it cannot be listed (no id, planned work not begun, closed at no known time). */
function readRecentIncident(entry: JsonObject, pageUrl: string): RecentIncident | null {
  const status = asString(entry.status);
  // incidents.json mixes maintenance into the history; planned work that has not begun is no incident yet.
  const maintenance = entry.impact === 'maintenance' || asTimestamp(entry.scheduled_for) !== null;
  if (status === 'scheduled') return null;
  const incident = readIncident(entry, pageUrl, maintenance);
  if (!incident) return null;
  // Like `read`, only a closing status closes: an unknown one stays open rather than look over.
  if (!CLOSED_STATES.has(status)) return { ...incident, resolvedAt: null };
  const resolvedAt = asTimestamp(entry.resolved_at) ?? incident.latestUpdate?.at ?? asTimestamp(entry.updated_at);
  return resolvedAt === null ? null : { ...incident, resolvedAt };
}

/**
 * Recent incidents from a Statuspage-format `/api/v2/incidents.json` (`{page, incidents}`, the 50 most
 * recent, resolved ones included). Also read for incident.io's compatible endpoint.
 */
export function parseStatuspageIncidents(payload: unknown, pageUrl: string, now: Date): RecentResult {
  const list = asObject(payload)?.incidents;
  if (!Array.isArray(list)) return { ok: false, error: { kind: 'format' } };
  const incidents = objects(list).flatMap((entry) => readRecentIncident(entry, pageUrl) ?? []);
  return { ok: true, incidents: selectRecentIncidents(incidents, now) };
}

/**
 * True when `status.json` says all clear and the page has not changed since the previous full read, so the
 * previous components and incidents still hold.
 */
export function unchangedAllClear(statusPayload: unknown, previousPageUpdatedAt: string | null): boolean {
  const status = asObject(statusPayload);
  const indicator = asObject(status?.status)?.indicator;
  const updatedAt = asTimestamp(asObject(status?.page)?.updated_at);
  return indicator === 'none' && updatedAt !== null && updatedAt === previousPageUpdatedAt;
}

/**
 * Reads the ~250-byte `status.json` first and the full `summary.json` only when something changed or is
 * not green (and at least every 30 minutes).
 */
export const atlassianStatuspage: StatusAdapter = {
  platform: 'atlassian-statuspage',
  async read(page, fetcher, now, previous) {
    if (detailsStillUsable(previous, now)) {
      const status = await fetcher.json(pageEndpoint(page.pageUrl, 'api/v2/status.json'));
      if (unchangedAllClear(status, previous.pageUpdatedAt)) return reuseDetails(previous, now);
    }
    const payload = await fetcher.json(pageEndpoint(page.pageUrl, 'api/v2/summary.json'));
    return parseStatuspageSummary(payload, page.pageUrl, now);
  },
  async recent(page, fetcher, now) {
    return parseStatuspageIncidents(await fetcher.json(pageEndpoint(page.pageUrl, 'api/v2/incidents.json')), page.pageUrl, now);
  },
};
