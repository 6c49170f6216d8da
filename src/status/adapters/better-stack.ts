import { ISO_DAY } from '../../model/patterns.ts';
import { pageEndpoint, selectRecentIncidents, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asHttpUrl, asObject, asString, asTimestamp, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate, Liveness, RecentIncident, ReadError, RecentResult } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Better Stack status pages publish the whole page as a JSON:API document at `/index.json`:
 * `data.attributes.aggregate_state` for the page, and in `included[]` the sections, the resources
 * (one monitor each; AI providers often have one per model), the status reports (incidents and
 * maintenance) and their status updates.
 *
 * Per-model monitors flap, so one resource down among many is not an outage of the provider: the
 * overall level (and each section's) follows the share of monitored resources that are down.
 */

/** More than half of the monitored resources down is a major outage of the whole set. */
const MAJOR_OUTAGE_SHARE = 0.5;
/** From this share on, a partial outage; below it, a few flapping monitors read as degraded. */
const PARTIAL_OUTAGE_SHARE = 0.3;

/** Resource state: a health level, or `not_monitored`, which says nothing either way. */
type ResourceState = HealthLevel | 'not_monitored';

interface Resource {
  id: string;
  name: string;
  sectionId: string;
  state: ResourceState;
}

/** JSON:API ids are strings, but Better Stack also refers to them with numbers (`status_page_section_id`). */
function jsonId(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
}

function resourceState(status: unknown): ResourceState {
  switch (status) {
    case 'operational':
    case 'recovered': // back up after downtime earlier in the day
      return 'operational';
    case 'degraded':
      return 'degraded';
    case 'downtime':
      return 'major_outage';
    case 'maintenance':
      return 'maintenance';
    case 'not_monitored':
      return 'not_monitored';
    default:
      return 'unknown';
  }
}

/** Levels a status report uses, for itself and for each resource it affects. */
function reportLevel(state: unknown): HealthLevel {
  switch (state) {
    case 'operational':
    case 'resolved':
      return 'operational';
    case 'degraded':
      return 'degraded';
    case 'downtime':
      return 'major_outage';
    case 'maintenance':
      return 'maintenance';
    default:
      return 'unknown';
  }
}

/** The page's own aggregate_state; `resolved` belongs to reports, not to a page. */
function declaredLevel(state: string): HealthLevel {
  return state === 'resolved' ? 'unknown' : reportLevel(state);
}

function levelOfDownShare(share: number): HealthLevel {
  if (share > MAJOR_OUTAGE_SHARE) return 'major_outage';
  if (share >= PARTIAL_OUTAGE_SHARE) return 'partial_outage';
  return share > 0 ? 'degraded' : 'operational';
}

/** Level of a set of resources, or null when none of them is monitored (no evidence either way). */
function resourcesLevel(resources: Resource[]): HealthLevel | null {
  const monitored = resources.filter((resource) => resource.state !== 'not_monitored');
  if (monitored.length === 0) return null;
  const down = monitored.filter((resource) => resource.state === 'major_outage').length;
  const others = monitored.flatMap((resource) =>
    resource.state === 'major_outage' || resource.state === 'not_monitored' ? [] : [resource.state],
  );
  return worstLevel([levelOfDownShare(down / monitored.length), ...others]);
}

function ofType(included: JsonObject[], type: string): JsonObject[] {
  return included.filter((item) => item.type === type && jsonId(item.id) !== '');
}

function readResources(data: JsonObject, included: JsonObject[]): Resource[] {
  const resources = ofType(included, 'status_page_resource').map((item) => {
    const attributes = asObject(item.attributes) ?? {};
    return {
      id: jsonId(item.id),
      name: asString(attributes.public_name),
      sectionId: jsonId(attributes.status_page_section_id),
      state: resourceState(attributes.status),
    };
  });
  // The page lists its resources by id; one it names but we cannot read must not vanish into an all clear.
  const read = new Set(resources.map((resource) => resource.id));
  const listed = objects(asObject(asObject(data.relationships)?.resources)?.data).map((ref) => jsonId(ref.id));
  const unreadable = listed
    .filter((id) => id !== '' && !read.has(id))
    .map((id): Resource => ({ id, name: '', sectionId: '', state: 'unknown' }));
  return [...resources, ...unreadable];
}

function resourceComponent(resource: Resource): ComponentHealth {
  return {
    id: resource.id,
    name: resource.name,
    level: resource.state === 'not_monitored' ? 'unknown' : resource.state,
  };
}

/**
 * One component per section (id `section:<id>`), so a catalog can depend on "Inference - Chat" as a whole
 * and get the flapping-aware level rather than the worst of dozens of per-model monitors.
 */
function sectionComponents(included: JsonObject[], resources: Resource[]): ComponentHealth[] {
  return ofType(included, 'status_page_section').flatMap((section) => {
    const id = jsonId(section.id);
    const members = resources.filter((resource) => resource.sectionId === id);
    if (members.length === 0) return [];
    return [
      {
        id: `section:${id}`,
        name: asString(asObject(section.attributes)?.name),
        level: resourcesLevel(members) ?? 'unknown',
      },
    ];
  });
}

/**
 * The page's own aggregate state and the resources, combined. Better Stack reports `downtime` as soon as
 * one monitor is down, so with resources to look at, their share decides how bad it is.
 */
function overallLevel(aggregateState: string, resources: Resource[]): HealthLevel {
  const declared = declaredLevel(aggregateState);
  const fromResources = resourcesLevel(resources);
  if (fromResources === null) {
    // Nothing monitored: the page's word is all we have, and "operational" alone is not evidence.
    if (declared === 'operational') return 'unknown';
    return declared === 'major_outage' ? 'partial_outage' : declared;
  }
  return worstLevel([declared === 'major_outage' ? 'degraded' : declared, fromResources]);
}

function latestUpdate(report: JsonObject, updates: Map<string, JsonObject>, status: string): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const ref of objects(asObject(asObject(report.relationships)?.status_updates)?.data)) {
    const update = asObject(updates.get(jsonId(ref.id))?.attributes);
    const at = asTimestamp(update?.published_at);
    if (!update || at === null) continue;
    if (latest === null || at > latest.at) latest = { body: asString(update.message), at, status };
  }
  return latest;
}

/** Open means: not resolved, already started, and not yet ended. Scheduled maintenance is left out. */
function isOpen(attributes: JsonObject, now: Date): boolean {
  if (attributes.aggregate_state === 'resolved') return false;
  const startsAt = asTimestamp(attributes.starts_at);
  const endsAt = asTimestamp(attributes.ends_at);
  if (startsAt !== null && Date.parse(startsAt) > now.getTime()) return false;
  return endsAt === null || Date.parse(endsAt) > now.getTime();
}

function incidentUrl(pageUrl: string, id: string, maintenance: boolean): string {
  // Incident pages live at /incident/<id>; for maintenance we know no such path, so link the page.
  if (maintenance) return pageUrl;
  try {
    return asHttpUrl(pageEndpoint(pageUrl, `incident/${encodeURIComponent(id)}`), pageUrl);
  } catch {
    return pageUrl;
  }
}

function readReport(report: JsonObject, updates: Map<string, JsonObject>, pageUrl: string): Incident {
  const id = jsonId(report.id);
  const attributes = asObject(report.attributes) ?? {};
  const maintenance = attributes.report_type === 'maintenance';
  const affected = objects(attributes.affected_resources);
  const status = asString(attributes.aggregate_state);
  // A resolved report's own state says only that it is over; what it declared lives in its resources.
  const ownLevel = status === 'resolved' ? [] : [reportLevel(attributes.aggregate_state)];
  const impact = maintenance ? 'maintenance' : worstLevel([...ownLevel, ...affected.map((item) => reportLevel(item.status))]);
  return {
    id,
    title: asString(attributes.title),
    impact,
    status,
    startedAt: asTimestamp(attributes.starts_at),
    latestUpdate: latestUpdate(report, updates, status),
    url: incidentUrl(pageUrl, id, maintenance),
    componentIds: affected.map((item) => jsonId(item.status_page_resource_id)).filter(Boolean),
    maintenance,
  };
}

function readIncidents(included: JsonObject[], pageUrl: string, now: Date): Incident[] {
  const updates = new Map(ofType(included, 'status_update').map((update) => [jsonId(update.id), update]));
  return ofType(included, 'status_report')
    .filter((report) => isOpen(asObject(report.attributes) ?? {}, now))
    .map((report) => readReport(report, updates, pageUrl));
}

interface IndexDocument {
  data: JsonObject;
  attributes: JsonObject;
  aggregateState: string;
  included: JsonObject[];
}

function readIndexDocument(payload: unknown): IndexDocument | { error: ReadError } {
  const document = asObject(payload);
  const data = asObject(document?.data);
  const attributes = asObject(data?.attributes);
  // Unknown paths answer a 200 HTML shell; only a status_page document is a reading.
  if (!document || !data || data.type !== 'status_page' || !attributes || !Array.isArray(document.included)) {
    return { error: { kind: 'format' } };
  }
  if (typeof attributes.aggregate_state !== 'string') {
    return { error: { kind: 'format' } };
  }
  return { data, attributes, aggregateState: attributes.aggregate_state, included: objects(document.included) };
}

/** How far ahead of us a page's calendar day may be (time zones), before it is not believed. */
const DAY_AHEAD_TOLERANCE_MS = 2 * 86_400_000;

/**
 * The newest day of the resources' per-day histories: Better Stack extends them to today on a live page, so
 * this is evidence the page is still published even when nothing happens.
 */
function newestHistoryDay(included: JsonObject[], now: Date): Liveness | null {
  let newest: string | null = null;
  for (const resource of ofType(included, 'status_page_resource')) {
    for (const day of objects(asObject(resource.attributes)?.status_history)) {
      if (typeof day.day !== 'string' || !ISO_DAY.test(day.day)) continue;
      const time = Date.parse(`${day.day}T00:00:00Z`);
      if (Number.isNaN(time) || time > now.getTime() + DAY_AHEAD_TOLERANCE_MS) continue;
      if (newest === null || day.day > newest) newest = day.day;
    }
  }
  return newest === null ? null : { at: `${newest}T00:00:00.000Z`, signal: 'daily-history' };
}

export function parseBetterStackIndex(payload: unknown, pageUrl: string, now: Date): ParseResult {
  const document = readIndexDocument(payload);
  if ('error' in document) return { ok: false, error: document.error };
  const { data, attributes, aggregateState, included } = document;
  const resources = readResources(data, included);
  return {
    ok: true,
    health: {
      level: overallLevel(aggregateState, resources),
      description: asString(attributes.announcement),
      components: [...sectionComponents(included, resources), ...resources.map(resourceComponent)],
      incidents: readIncidents(included, pageUrl, now),
      pageUpdatedAt: asTimestamp(attributes.updated_at),
      liveness: newestHistoryDay(included, now),
      fetchedAt: now.toISOString(),
    },
  };
}

/**
 * A report of the history: open as `read` shows it, or closed with the time it ended (`ends_at`, else its
 * latest update); null for planned work not begun and for a closed report with no time at all.
 */
function readRecentReport(report: JsonObject, updates: Map<string, JsonObject>, pageUrl: string, now: Date): RecentIncident | null {
  const attributes = asObject(report.attributes) ?? {};
  const startsAt = asTimestamp(attributes.starts_at);
  if (startsAt !== null && Date.parse(startsAt) > now.getTime()) return null;
  const incident = readReport(report, updates, pageUrl);
  if (isOpen(attributes, now)) return { ...incident, resolvedAt: null };
  const resolvedAt = asTimestamp(attributes.ends_at) ?? incident.latestUpdate?.at ?? null;
  return resolvedAt === null ? null : { ...incident, resolvedAt };
}

/**
 * Recent status reports (incidents and maintenance) of `/index.json`, which lists the page's past reports
 * beside the open ones (the real Together capture holds a maintenance resolved two months earlier).
 */
export function parseBetterStackRecent(payload: unknown, pageUrl: string, now: Date): RecentResult {
  const document = readIndexDocument(payload);
  if ('error' in document) return { ok: false, error: document.error };
  const updates = new Map(ofType(document.included, 'status_update').map((update) => [jsonId(update.id), update]));
  const incidents = ofType(document.included, 'status_report').flatMap((report) => readRecentReport(report, updates, pageUrl, now) ?? []);
  return { ok: true, incidents: selectRecentIncidents(incidents, now) };
}

/**
 * Better Stack status pages (Together AI, Hugging Face). Reads `<pageUrl>/index.json`.
 * No `params`: the page URL is all it needs. Components are the page's resources (ids as on the page)
 * plus one per section with id `section:<section id>`.
 */
export const betterStack: StatusAdapter = {
  platform: 'better-stack',
  async read(page, fetcher, now) {
    const payload = await fetcher.json(pageEndpoint(page.pageUrl, 'index.json'));
    return parseBetterStackIndex(payload, page.pageUrl, now);
  },
  async recent(page, fetcher, now) {
    return parseBetterStackRecent(await fetcher.json(pageEndpoint(page.pageUrl, 'index.json')), page.pageUrl, now);
  },
};
