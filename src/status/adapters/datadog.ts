import { pageEndpoint, selectRecentIncidents, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate, RecentIncident, ReadError, RecentResult } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Datadog Status Pages render in the browser from one public document, `<page>/config.json`: the
 * component tree (`ComponentGroup` nodes holding `Component` leaves), every incident with its
 * timeline, and the maintenances (`null` when there are none). A component's status is derived by
 * Datadog from the active notices, so the leaves alone give the current level.
 */

const COMPONENT_LEVELS = new Map<string, HealthLevel>([
  ['operational', 'operational'],
  ['degraded', 'degraded'],
  ['partial_outage', 'partial_outage'],
  ['major_outage', 'major_outage'],
  ['maintenance', 'maintenance'],
]);

/** Groups nest; deeper than this is not a page we understand (and must not exhaust the stack). */
const MAX_GROUP_DEPTH = 8;

function levelOf(status: unknown): HealthLevel {
  return (typeof status === 'string' && COMPONENT_LEVELS.get(status)) || 'unknown';
}

/** Leaves of the component tree; a group whose children cannot be read stays, as unknown. */
function flattenComponents(nodes: unknown, depth = 0): ComponentHealth[] {
  return objects(nodes).flatMap((node): ComponentHealth[] => {
    const id = asString(node.id);
    const name = asString(node.name);
    if (id === '') return [];
    if (node.type !== 'ComponentGroup') return [{ id, name, level: levelOf(node.status) }];
    if (!Array.isArray(node.components) || depth >= MAX_GROUP_DEPTH) return [{ id, name, level: 'unknown' }];
    return flattenComponents(node.components, depth + 1);
  });
}

function affectedLevels(value: unknown): HealthLevel[] {
  return objects(value).map((component) => levelOf(component.status));
}

function affectedIds(value: unknown): string[] {
  return objects(value).map((component) => asString(component.id)).filter(Boolean);
}

/** Timeline of an incident or maintenance (`updates` in Datadog's API naming). */
function timeline(record: JsonObject): JsonObject[] {
  return objects(Array.isArray(record.timeline) ? record.timeline : record.updates);
}

function latestUpdate(record: JsonObject): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const entry of timeline(record)) {
    const at = asTimestamp(entry.startedAt) ?? asTimestamp(entry.createdAt);
    if (at === null) continue;
    if (latest === null || at > latest.at) {
      latest = { body: asString(entry.description), at, status: asString(entry.status) };
    }
  }
  return latest;
}

/**
 * Worst impact the provider declared over the whole timeline. The incident's own `componentsAffected`
 * holds the components' current status (operational again once mitigated), so it is not enough alone.
 */
function declaredImpact(incident: JsonObject): HealthLevel {
  const levels = [
    ...affectedLevels(incident.componentsAffected),
    ...timeline(incident).flatMap((entry) => affectedLevels(entry.componentsAffected)),
  ];
  return levels.length === 0 ? 'unknown' : worstLevel(levels);
}

function isDeleted(record: JsonObject): boolean {
  return record.deletedAt !== undefined && record.deletedAt !== null;
}

function recordStatus(record: JsonObject): string {
  return asString(record.currentStatus) || asString(record.status);
}

function readIncident(incident: JsonObject, pageUrl: string): Incident | null {
  const id = asString(incident.id);
  if (id === '') return null;
  return {
    id,
    title: asString(incident.title),
    impact: declaredImpact(incident),
    status: recordStatus(incident),
    startedAt: asTimestamp(incident.publishedDate),
    latestUpdate: latestUpdate(incident),
    // The page's incident links are not in the document and we have not verified their path.
    url: pageUrl,
    componentIds: affectedIds(incident.componentsAffected),
    maintenance: false,
  };
}

function readMaintenance(maintenance: JsonObject, pageUrl: string): Incident | null {
  const id = asString(maintenance.id);
  if (id === '') return null;
  return {
    id,
    title: asString(maintenance.title),
    impact: 'maintenance',
    status: recordStatus(maintenance),
    startedAt: asTimestamp(maintenance.startDate) ?? asTimestamp(maintenance.publishedDate),
    latestUpdate: latestUpdate(maintenance),
    url: pageUrl,
    componentIds: affectedIds(maintenance.componentsAffected),
    maintenance: true,
  };
}

/** `resolved` is a boolean next to `currentStatus`; either one saying resolved is enough. */
function isOpenIncident(incident: JsonObject): boolean {
  return incident.resolved !== true && incident.currentStatus !== 'resolved' && !isDeleted(incident);
}

function readIncidents(incidents: JsonObject[], maintenances: JsonObject[], pageUrl: string): Incident[] {
  return [
    ...incidents.filter(isOpenIncident).map((incident) => readIncident(incident, pageUrl)),
    ...maintenances
      .filter((maintenance) => recordStatus(maintenance) === 'in_progress' && !isDeleted(maintenance))
      .map((maintenance) => readMaintenance(maintenance, pageUrl)),
  ].filter((incident): incident is Incident => incident !== null);
}

/** The document has no page-level update time; the last change to any incident or maintenance is it. */
function lastModified(records: JsonObject[]): string | null {
  let latest: string | null = null;
  for (const record of records) {
    const at = asTimestamp(record.lastModifiedAt);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

interface ConfigDocument {
  config: JsonObject;
  incidents: JsonObject[];
  maintenances: JsonObject[];
}

function readConfigDocument(payload: unknown): ConfigDocument | { error: ReadError } {
  const config = asObject(payload);
  // An error envelope or a redesigned document must not read as a page with nothing wrong.
  if (!config || !Array.isArray(config.components) || !Array.isArray(config.incidents)) {
    return { error: { kind: 'format' } };
  }
  if (config.enabled === false) return { error: { kind: 'closed' } };
  const maintenanceList = config.maintenances ?? [];
  if (!Array.isArray(maintenanceList)) return { error: { kind: 'format' } };
  return { config, incidents: objects(config.incidents), maintenances: objects(maintenanceList) };
}

export function parseDatadogConfig(payload: unknown, pageUrl: string, now: Date): ParseResult {
  const document = readConfigDocument(payload);
  if ('error' in document) return { ok: false, error: document.error };
  const { config, incidents, maintenances } = document;
  const components = flattenComponents(config.components);
  return {
    ok: true,
    health: {
      // Without components nothing per service is known, so it is never read as all clear.
      level: components.length === 0 ? 'unknown' : worstLevel(components.map((component) => component.level)),
      description: asString(config.description),
      components,
      incidents: readIncidents(incidents, maintenances, pageUrl),
      pageUpdatedAt: lastModified([...incidents, ...maintenances]),
      fetchedAt: now.toISOString(),
    },
  };
}

/** An incident of the history: open as `read` shows it, or resolved at `resolvedDate` (else its latest update). */
function readRecentIncident(incident: JsonObject, pageUrl: string): RecentIncident | null {
  if (isDeleted(incident)) return null;
  const read = readIncident(incident, pageUrl);
  if (!read) return null;
  if (isOpenIncident(incident)) return { ...read, resolvedAt: null };
  const resolvedAt = asTimestamp(incident.resolvedDate) ?? read.latestUpdate?.at ?? asTimestamp(incident.lastModifiedAt);
  return resolvedAt === null ? null : { ...read, resolvedAt };
}

/**
 * A maintenance of the history: in progress (as `read` shows it) or completed at `completedDate`. Planned,
 * canceled and unknown states are not listed: none of them is work that happened.
 */
function readRecentMaintenance(maintenance: JsonObject, pageUrl: string): RecentIncident | null {
  const status = recordStatus(maintenance);
  if (isDeleted(maintenance) || (status !== 'in_progress' && status !== 'completed')) return null;
  const read = readMaintenance(maintenance, pageUrl);
  if (!read) return null;
  if (status === 'in_progress') return { ...read, resolvedAt: null };
  const resolvedAt = asTimestamp(maintenance.completedDate) ?? read.latestUpdate?.at ?? asTimestamp(maintenance.lastModifiedAt);
  return resolvedAt === null ? null : { ...read, resolvedAt };
}

/**
 * Recent incidents and maintenance from `config.json`, which carries the page's incident history (the real
 * OpenRouter capture holds four resolved incidents). A resolved incident's impact is the worst its timeline
 * declared, since its components read operational again.
 */
export function parseDatadogRecent(payload: unknown, pageUrl: string, now: Date): RecentResult {
  const document = readConfigDocument(payload);
  if ('error' in document) return { ok: false, error: document.error };
  const incidents = [
    ...document.incidents.map((incident) => readRecentIncident(incident, pageUrl)),
    ...document.maintenances.map((maintenance) => readRecentMaintenance(maintenance, pageUrl)),
  ].filter((incident): incident is RecentIncident => incident !== null);
  return { ok: true, incidents: selectRecentIncidents(incidents, now) };
}

/**
 * Datadog Status Pages (OpenRouter). Reads `<pageUrl>/config.json`. No `params`.
 * Components are the leaves of the page's tree (ids are UUIDs); groups are not repeated as components.
 */
export const datadog: StatusAdapter = {
  platform: 'datadog',
  async read(page, fetcher, now) {
    const payload = await fetcher.json(pageEndpoint(page.pageUrl, 'config.json'));
    return parseDatadogConfig(payload, page.pageUrl, now);
  },
  async recent(page, fetcher, now) {
    return parseDatadogRecent(await fetcher.json(pageEndpoint(page.pageUrl, 'config.json')), page.pageUrl, now);
  },
};
