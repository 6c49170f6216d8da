import { pageEndpoint, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { asArray, asObject, asString, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import { pageLevelFromIncidents } from '../levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Flashduty (Flashcat) status pages, e.g. DeepSeek's. The page's own JSON call
 * `/api/status-page/<pageId>/summary/active` answers `{request_id, data: {page, active_changes}}`:
 * `data.page.components[]` lists the components (id, name, optional section_id) WITHOUT a status, and
 * `data.active_changes[]` lists the non-terminal changes (incidents and maintenances). A component's
 * status therefore only exists inside the changes: no change names it means it is operational.
 *
 * Enums (Flashduty's own CLI reference, flashcatcloud/flashduty-cli):
 * - change `type`: `incident` | `maintenance`;
 * - change `status`: incidents `investigating | identified | monitoring | resolved`,
 *   maintenances `scheduled | ongoing | completed`;
 * - component status: `operational | degraded | partial_outage | full_outage` (incidents),
 *   `operational | under_maintenance` (maintenances).
 */

const COMPONENT_LEVELS = new Map<unknown, HealthLevel>([
  ['operational', 'operational'],
  ['degraded', 'degraded'],
  ['partial_outage', 'partial_outage'],
  ['full_outage', 'major_outage'],
  ['under_maintenance', 'maintenance'],
]);

/** Change statuses under which nothing is happening right now: over, or not started yet. */
const NOT_IN_PROGRESS = new Set(['resolved', 'completed', 'scheduled']);

export function levelFromFlashdutyStatus(status: unknown): HealthLevel {
  return COMPONENT_LEVELS.get(status) ?? 'unknown';
}

/** Flashduty ids are numbers (change_id) or strings (component ULIDs); both become strings. */
function idOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
}

/** Unix seconds, sent as a number or (per the API schema) a numeric string, as ISO 8601; else null. */
function isoFromSeconds(value: unknown): string | null {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function isInProgress(change: JsonObject): boolean {
  // A missing or unknown status is kept: treating it as over would hide a live incident.
  return !NOT_IN_PROGRESS.has(asString(change.status));
}

/**
 * Each component's current status string in one change. `affected_components[].status` is the current
 * one (it reads `operational` on resolved changes); the updates' `component_changes` fill in components
 * it does not list, latest update last so it wins.
 */
function componentStatuses(change: JsonObject): Map<string, unknown> {
  const statuses = new Map<string, unknown>();
  const updates = objects(change.updates).sort(
    (a, b) => (isoFromSeconds(a.at_seconds) ?? '').localeCompare(isoFromSeconds(b.at_seconds) ?? ''),
  );
  for (const update of updates) {
    for (const entry of objects(update.component_changes)) {
      const id = idOf(entry.component_id);
      if (id !== '') statuses.set(id, entry.status);
    }
  }
  for (const entry of objects(change.affected_components)) {
    const id = idOf(entry.component_id);
    if (id !== '') statuses.set(id, entry.status);
  }
  return statuses;
}

function latestUpdate(change: JsonObject): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const update of objects(change.updates)) {
    const at = isoFromSeconds(update.at_seconds);
    if (at === null) continue;
    if (latest === null || at > latest.at) {
      latest = { body: asString(update.description), at, status: asString(update.status) };
    }
  }
  return latest;
}

function readChange(change: JsonObject, pageUrl: string): Incident | null {
  const id = idOf(change.change_id);
  if (id === '') return null;
  const maintenance = change.type === 'maintenance';
  const statuses = componentStatuses(change);
  const affectedIds = objects(change.affected_components).map((entry) => idOf(entry.component_id)).filter(Boolean);
  return {
    id,
    title: asString(change.title),
    // An incident's impact is the worst status it gives its components; none given means we cannot tell.
    impact: maintenance ? 'maintenance' : worstLevel([...statuses.values()].map(levelFromFlashdutyStatus)),
    status: asString(change.status),
    startedAt: isoFromSeconds(change.start_at_seconds),
    latestUpdate: latestUpdate(change),
    // Flashduty's public incident URLs are not documented; the page itself is the safe link.
    url: pageUrl,
    componentIds: affectedIds.length > 0 ? affectedIds : [...statuses.keys()],
    maintenance,
  };
}

/** Components of the page; `unreadable` when an entry has no usable id (its status could never be matched). */
function readComponents(page: JsonObject): { components: ComponentHealth[]; unreadable: boolean } {
  const entries = asArray(page.components);
  const components = objects(entries)
    .map((component) => ({
      id: idOf(component.component_id),
      name: asString(component.name),
      level: 'operational' as HealthLevel,
    }))
    .filter((component) => component.id !== '');
  return { components, unreadable: components.length !== entries.length };
}

/** Worst status each component has across the changes in progress. */
function componentLevels(changes: JsonObject[]): Map<string, HealthLevel> {
  const levels = new Map<string, HealthLevel>();
  for (const change of changes) {
    for (const [id, status] of componentStatuses(change)) {
      levels.set(id, worstLevel([levels.get(id) ?? 'operational', levelFromFlashdutyStatus(status)]));
    }
  }
  return levels;
}


export function parseFlashdutySummary(payload: unknown, pageUrl: string, now: Date): ParseResult {
  const data = asObject(asObject(payload)?.data);
  const page = asObject(data?.page);
  if (!data || !page || !Array.isArray(page.components) || !Array.isArray(data.active_changes)) {
    return { ok: false, error: { kind: 'format' } };
  }
  const entries = asArray(data.active_changes);
  const changes = objects(entries).filter(isInProgress);
  const { components: listed, unreadable } = readComponents(page);
  const levels = componentLevels(changes);
  const components = listed.map((component) => ({ ...component, level: levels.get(component.id) ?? 'operational' }));
  const incidents = changes.map((change) => readChange(change, pageUrl)).filter((incident): incident is Incident => incident !== null);

  // Anything unreadable (a component or change entry that is not an object, an id-less change)
  // leaves the page's state unknown; so does a page listing no components at all.
  const unreadableChanges = objects(entries).length !== entries.length || incidents.length !== changes.length;
  const level = pageLevelFromIncidents(components, incidents, !unreadable && !unreadableChanges);

  return {
    ok: true,
    health: {
      level,
      description: '',
      components,
      incidents,
      pageUpdatedAt: null, // summary/active carries no page-level update time.
      fetchedAt: now.toISOString(),
    },
  };
}

/** The page id as a string of digits, or null; it goes into a URL path, so nothing else is accepted. */
function pageIdParam(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && /^\d+$/.test(value) ? value : null;
}

/**
 * Reads `<pageUrl>/api/status-page/<pageId>/summary/active`.
 *
 * Params: `pageId` (required), the page's numeric Flashduty id as a string, e.g. `'6410630422455'` for
 * https://status.deepseek.com (also visible as `data.page.page_id` in the payload).
 */
export const flashduty: StatusAdapter = {
  platform: 'flashduty',
  async read(page, fetcher, now) {
    const pageId = pageIdParam(page.params?.pageId);
    if (pageId === null) return { ok: false, error: { kind: 'config' } };
    const payload = await fetcher.json(pageEndpoint(page.pageUrl, `api/status-page/${pageId}/summary/active`));
    return parseFlashdutySummary(payload, page.pageUrl, now);
  },
};
