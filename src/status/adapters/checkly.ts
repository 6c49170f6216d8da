import { pageEndpoint, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import { pageLevelFromIncidents } from '../levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Checkly status pages, e.g. Mistral's. The page (a Nuxt app) reads three undocumented JSON endpoints,
 * `/api/status-page/<slug>/…`:
 * - `uptime`: `{metadata: [{id, name, services: [{id, name}]}], uptime: [...history...]}`; the services
 *   are the components, and carry no current status of their own;
 * - `unresolved-incidents`: `{incidents: [{id, name, severity, lastUpdateStatus, services: [{id, name}],
 *   incidentUpdates?: [{description, status, publicIncidentUpdateDate, created_at}], created_at}]}`;
 * - `maintenance-windows`: `{active: [...], upcoming: [...]}`.
 * A service is operational unless an unresolved incident or an active maintenance window names it.
 *
 * Severity (Checkly docs: MINOR "most users unaffected", MEDIUM "some users affected", MAJOR "many users
 * affected", CRITICAL "all users affected") maps onto our levels like Statuspage's minor/major/critical.
 */

const SEVERITY_LEVELS = new Map<unknown, HealthLevel>([
  ['MINOR', 'degraded'],
  ['MEDIUM', 'degraded'],
  ['MAJOR', 'partial_outage'],
  ['CRITICAL', 'major_outage'],
]);

export function levelFromChecklySeverity(severity: unknown): HealthLevel {
  return SEVERITY_LEVELS.get(severity) ?? 'unknown';
}

/** The three payloads of one status page, as fetched. */
export interface ChecklyPayloads {
  uptime: unknown;
  unresolvedIncidents: unknown;
  maintenanceWindows: unknown;
}

function idOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
}

/** Services of every group; `unreadable` when a group or service could not be read (its status is unknowable). */
function readServices(metadata: unknown[]): { components: ComponentHealth[]; unreadable: boolean } {
  let unreadable = false;
  const components: ComponentHealth[] = [];
  for (const group of metadata) {
    const services = asObject(group)?.services;
    if (!Array.isArray(services)) {
      unreadable = true;
      continue;
    }
    for (const service of services) {
      const id = idOf(asObject(service)?.id);
      if (id === '') unreadable = true;
      else components.push({ id, name: asString(asObject(service)?.name), level: 'operational' });
    }
  }
  return { components, unreadable };
}

function serviceIds(item: JsonObject): string[] {
  return objects(item.services).map((service) => idOf(service.id)).filter(Boolean);
}

function latestUpdate(incident: JsonObject): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const update of objects(incident.incidentUpdates)) {
    const at = asTimestamp(update.publicIncidentUpdateDate) ?? asTimestamp(update.created_at);
    if (at === null) continue;
    if (latest === null || at > latest.at) {
      latest = { body: asString(update.description), at, status: asString(update.status).toLowerCase() };
    }
  }
  return latest;
}

function readIncident(incident: JsonObject, pageUrl: string): Incident | null {
  const id = idOf(incident.id);
  if (id === '') return null;
  return {
    id,
    title: asString(incident.name),
    impact: levelFromChecklySeverity(incident.severity),
    status: asString(incident.lastUpdateStatus).toLowerCase(),
    startedAt: asTimestamp(incident.created_at),
    latestUpdate: latestUpdate(incident),
    // Checkly's public incident URLs are not documented; the page itself is the safe link.
    url: pageUrl,
    componentIds: serviceIds(incident),
    maintenance: false,
  };
}

function readMaintenance(window: JsonObject, index: number, pageUrl: string): Incident {
  return {
    // Window ids are not guaranteed by any documentation we found; keep entries apart all the same.
    id: idOf(window.id) || `maintenance-${index}`,
    title: asString(window.name) || asString(window.title),
    impact: 'maintenance',
    status: 'in_progress',
    startedAt: asTimestamp(window.startsAt),
    latestUpdate: null,
    url: pageUrl,
    componentIds: serviceIds(window),
    maintenance: true,
  };
}


export function parseChecklyStatusPage(payloads: ChecklyPayloads, pageUrl: string, now: Date): ParseResult {
  const metadata = asObject(asObject(payloads)?.uptime)?.metadata;
  const incidentList = asObject(asObject(payloads)?.unresolvedIncidents)?.incidents;
  const activeWindows = asObject(asObject(payloads)?.maintenanceWindows)?.active;
  if (!Array.isArray(metadata) || !Array.isArray(incidentList) || !Array.isArray(activeWindows)) {
    return { ok: false, error: { kind: 'format' } };
  }
  const { components: services, unreadable } = readServices(metadata);
  const unresolved = objects(incidentList).filter((incident) => incident.lastUpdateStatus !== 'RESOLVED');
  const incidents = [
    ...unresolved.map((incident) => readIncident(incident, pageUrl)),
    ...objects(activeWindows).map((window, index) => readMaintenance(window, index, pageUrl)),
  ].filter((incident): incident is Incident => incident !== null);

  const components = services.map((service) => ({
    ...service,
    level: worstLevel([
      'operational',
      ...incidents.filter((incident) => incident.componentIds.includes(service.id)).map((incident) => incident.impact),
    ]),
  }));
  const unreadableEntries =
    objects(incidentList).length !== incidentList.length ||
    objects(activeWindows).length !== activeWindows.length ||
    incidents.length !== unresolved.length + objects(activeWindows).length;
  const level = pageLevelFromIncidents(components, incidents, !unreadable && !unreadableEntries);

  return {
    ok: true,
    health: {
      level,
      description: '',
      components,
      incidents,
      pageUpdatedAt: null, // None of the three payloads carries a page-level update time.
      fetchedAt: now.toISOString(),
    },
  };
}

/** The page slug, or null; it goes into a URL path, so only a plain slug is accepted. */
function slugParam(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value) ? value : null;
}

/**
 * Reads `<pageUrl>/api/status-page/<slug>/{uptime,unresolved-incidents,maintenance-windows}`.
 *
 * Params: `slug` (required), the page's Checkly slug, e.g. `'mistral-ai'` for https://status.mistral.ai.
 */
export const checkly: StatusAdapter = {
  platform: 'checkly',
  async read(page, fetcher, now) {
    const slug = slugParam(page.params?.slug);
    if (slug === null) return { ok: false, error: { kind: 'config' } };
    const endpoint = (name: string) => pageEndpoint(page.pageUrl, `api/status-page/${slug}/${name}`);
    const [uptime, unresolvedIncidents, maintenanceWindows] = await Promise.all([
      fetcher.json(endpoint('uptime')),
      fetcher.json(endpoint('unresolved-incidents')),
      fetcher.json(endpoint('maintenance-windows')),
    ]);
    return parseChecklyStatusPage({ uptime, unresolvedIncidents, maintenanceWindows }, page.pageUrl, now);
  },
};
