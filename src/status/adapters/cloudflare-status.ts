import { CONFIG_ERROR, FORMAT_ERROR, pageEndpoint, selectRecentIncidents, type ParseResult, type StatusAdapter } from '../adapter.ts';
import type { StatusPageRef } from '../../catalog/types.ts';
import type { ComponentHealth, Incident, IncidentUpdate, RecentIncident, RecentResult } from '../../model/health.ts';
import { asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import { levelFromComponentStatus, levelFromIndicator } from '../levels.ts';
import { paramList } from './feed.ts';

/**
 * Cloudflare's status page (www.cloudflarestatus.com), read through the JSON its own front end uses since the
 * 2026 rebuild: `GET /api/v3/summary` answers `{success, result}`, with `result.components[{id, name,
 * status}]` (Statuspage statuses), `result.active_incidents[]`, `result.active_maintenances[]` and a short,
 * page-wide `result.recent_incidents[]` (with `resolved_at`). An incident names its components
 * (`components[{id, name}]`) and carries only its newest update (`last_update{message, status, created_at}`).
 *
 * The page covers all of Cloudflare (hundreds of components), and services Cloudflare acquired report there
 * (Replicate, since 2026-09). `params.componentIds` (required) names the components a provider is, and
 * `params.groupIds` the page's groups that belong to it: a component added or renamed in such a group is read
 * too (the catalog shows trouble there as a possible impact), so an incident on it is never dropped. Nothing
 * outside that scope is read: not the page-wide indicator, nor an incident by its title (a Cloudflare-wide
 * incident may mention a service in its title without touching it).
 */

function latestUpdate(incident: JsonObject): IncidentUpdate | null {
  const update = asObject(incident.last_update);
  const at = asTimestamp(update?.display_at) ?? asTimestamp(update?.created_at);
  return update && at !== null ? { body: asString(update.message), at, status: asString(update.status) } : null;
}

function readIncident(incident: JsonObject, scope: ReadonlySet<string>, pageUrl: string, maintenance: boolean): RecentIncident | null {
  const id = asString(incident.id).trim();
  const named = objects(incident.components).map((component) => asString(component.id)).filter((componentId) => scope.has(componentId));
  if (id === '' || named.length === 0) return null;
  return {
    id,
    title: asString(incident.name),
    impact: maintenance ? 'maintenance' : levelFromIndicator(incident.impact),
    status: asString(incident.status),
    startedAt: asTimestamp(incident.starts_at) ?? asTimestamp(incident.created_at),
    latestUpdate: latestUpdate(incident),
    url: pageEndpoint(pageUrl, `incidents/${encodeURIComponent(id)}`),
    componentIds: [...new Set(named)],
    maintenance,
    resolvedAt: asTimestamp(incident.resolved_at),
  };
}

interface Summary {
  scope: Set<string>;
  result: JsonObject;
}

function readSummary(payload: unknown, params: StatusPageRef['params']): Summary | ParseResult {
  const scope = new Set(paramList(params, 'componentIds'));
  if (scope.size === 0) return CONFIG_ERROR;
  const envelope = asObject(payload);
  const result = asObject(envelope?.result);
  if (envelope?.success !== true || !result || !Array.isArray(result.components)) return FORMAT_ERROR;
  // The provider's groups widen the scope to every component the page lists in them, known or not.
  const groups = new Set(paramList(params, 'groupIds'));
  for (const component of objects(result.components)) {
    const id = asString(component.id);
    if (id !== '' && groups.has(asString(component.group_id))) scope.add(id);
  }
  return { scope, result };
}

const open = ({ resolvedAt: _closed, ...incident }: RecentIncident): Incident => incident;

export function parseCloudflareSummary(payload: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): ParseResult {
  const summary = readSummary(payload, params);
  if ('ok' in summary) return summary;
  const { scope, result } = summary;
  const components: ComponentHealth[] = objects(result.components)
    .filter((component) => scope.has(asString(component.id)))
    .map((component) => ({ id: asString(component.id), name: asString(component.name), level: levelFromComponentStatus(component.status) }));
  const incidents = [
    ...objects(result.active_incidents).map((incident) => readIncident(incident, scope, pageUrl, false)),
    ...objects(result.active_maintenances).map((maintenance) => readIncident(maintenance, scope, pageUrl, true)),
  ].flatMap((incident) => (incident && incident.resolvedAt === null ? [open(incident)] : []));
  // A component missing from the page reads unknown: the page no longer says anything about it.
  const level = components.length === 0 ? 'unknown' : worstLevel([...components.map((component) => component.level), ...incidents.filter((i) => !i.maintenance).map((i) => i.impact)]);
  return {
    ok: true,
    health: { level, description: '', components, incidents, pageUpdatedAt: null, fetchedAt: now.toISOString() },
  };
}

/** The provider's incidents of the summary: open ones, and the recent resolved ones the page still lists. */
export function parseCloudflareRecent(payload: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): RecentResult {
  const summary = readSummary(payload, params);
  if ('ok' in summary) return { ok: false, error: summary.ok ? { kind: 'format' } : summary.error };
  const { scope, result } = summary;
  const incidents = [
    ...objects(result.active_incidents).map((incident) => readIncident(incident, scope, pageUrl, false)),
    ...objects(result.recent_incidents).map((incident) => readIncident(incident, scope, pageUrl, false)),
  ].flatMap((incident) => incident ?? []);
  return { ok: true, incidents: selectRecentIncidents(incidents, now) };
}

export const cloudflareStatus: StatusAdapter = {
  platform: 'cloudflare-status',
  async read(page, fetcher, now) {
    return parseCloudflareSummary(await fetcher.json(pageEndpoint(page.pageUrl, 'api/v3/summary')), page.pageUrl, now, page.params);
  },
  async recent(page, fetcher, now) {
    return parseCloudflareRecent(await fetcher.json(pageEndpoint(page.pageUrl, 'api/v3/summary')), page.pageUrl, now, page.params);
  },
};
