import type { ComponentHealth, Incident, IncidentUpdate, ProviderHealth } from '../model/health.ts';
import { worstLevel, type HealthLevel } from '../model/levels.ts';
import { BOUNDS, boundUpdates } from '../status/bounds.ts';
import { utcDay } from '../model/patterns.ts';

/** One change of a provider's (componentId null) or a component's level, as shown to the user. */
export interface StatusEvent {
  providerId: string;
  /** null for the provider as a whole; OTHER_COMPONENTS for the summary of components the catalog does not map. */
  componentId: string | null;
  componentName: string | null;
  /** ISO time the change was observed. */
  at: string;
  from: HealthLevel | null;
  /** For the summary row: the worst level the changed components went to. */
  to: HealthLevel;
  /** For the summary row: how many components the catalog does not map changed at this reading. */
  changed?: number;
}

/**
 * The componentId of the one row a reading records for all the changes of components the catalog does not map:
 * a page flipping 60,000 components writes one row, not 60,000. Not a valid id on any status platform.
 */
export const OTHER_COMPONENTS = '\u0000other-components';

/** Which page components get a history row of their own: every one, unless told otherwise. */
export type TrackedComponent = (component: Pick<ComponentHealth, 'id' | 'name'>) => boolean;
const EVERY_COMPONENT: TrackedComponent = () => true;

/** An incident as recorded over time, with every update we saw. */
export interface IncidentRecord {
  providerId: string;
  incident: Omit<Incident, 'latestUpdate'>;
  updates: IncidentUpdate[];
  firstSeenAt: string;
  lastSeenAt: string;
  /** When it disappeared from the page's unresolved list; null while open. */
  resolvedAt: string | null;
}

/**
 * Level changes between two shown readings: the provider's, one row per tracked component, and one summary
 * row for all the other components that changed.
 */
export function statusChanges(providerId: string, before: ProviderHealth | null, after: ProviderHealth, tracked: TrackedComponent = EVERY_COMPONENT): StatusEvent[] {
  const at = after.fetchedAt;
  const events: StatusEvent[] = [];
  if (before?.level !== after.level) {
    events.push({ providerId, componentId: null, componentName: null, at, from: before?.level ?? null, to: after.level });
  }
  const previous = new Map(before?.components.map((component) => [component.id, component.level]) ?? []);
  const others: HealthLevel[] = [];
  for (const component of after.components) {
    const from = previous.get(component.id) ?? null;
    if (from === component.level) continue;
    if (tracked(component)) events.push({ providerId, componentId: component.id, componentName: component.name, at, from, to: component.level });
    else others.push(component.level);
  }
  if (others.length > 0) {
    events.push({ providerId, componentId: OTHER_COMPONENTS, componentName: null, at, from: null, to: worstLevel(others), changed: others.length });
  }
  return events;
}

/**
 * Level changes, and, when the previous reading is older than `maxGapMs` (the browser was closed, or the page kept
 * failing), the silence as `unknown` from the moment the old reading went stale: uptime then does not count time
 * nobody watched as operational (or as an outage).
 */
export function statusChangesWithGaps(
  providerId: string,
  before: ProviderHealth | null,
  after: ProviderHealth,
  maxGapMs: number,
  tracked: TrackedComponent = EVERY_COMPONENT,
): StatusEvent[] {
  const events = statusChanges(providerId, before, after, tracked);
  const lastSeen = Date.parse(before?.fetchedAt ?? '');
  const seenNow = Date.parse(after.fetchedAt);
  if (!before || Number.isNaN(lastSeen) || Number.isNaN(seenNow) || seenNow - lastSeen <= maxGapMs) return events;
  const provider = (at: string, from: HealthLevel | null, to: HealthLevel): StatusEvent => ({ providerId, componentId: null, componentName: null, at, from, to });
  return [
    provider(new Date(lastSeen + maxGapMs).toISOString(), before.level, 'unknown'),
    provider(after.fetchedAt, 'unknown', after.level),
    ...events.filter((event) => event.componentId !== null),
  ];
}

/** How many history rows a provider recorded on one UTC day (YYYY-MM-DD). */
export interface HistoryBudget {
  day: string;
  rows: number;
}

/**
 * A reading's changes within the provider's daily row budget. Past it, one row says the rest of the day is
 * unknown (a page flipping on every read is not worth a row per read, and the uptime chart should not guess),
 * and the next day starts with the full picture again.
 */
export function withinDailyBudget(
  providerId: string,
  events: StatusEvent[],
  budget: HistoryBudget | undefined,
  after: ProviderHealth,
  tracked: TrackedComponent = EVERY_COMPONENT,
  max: number = BOUNDS.eventsPerProviderPerDay,
): { events: StatusEvent[]; budget: HistoryBudget } {
  const day = utcDay(after.fetchedAt);
  const resumed = budget !== undefined && budget.day !== day && budget.rows >= max;
  const changes = resumed ? statusChanges(providerId, null, after, tracked) : events;
  const used = budget?.day === day ? budget.rows : 0;
  if (used >= max) return { events: [], budget: { day, rows: used } };
  // One row is kept for saying the rest of the day is unknown.
  if (used + changes.length < max) return { events: changes, budget: { day, rows: used + changes.length } };
  return { events: [{ providerId, componentId: null, componentName: null, at: after.fetchedAt, from: null, to: 'unknown' }], budget: { day, rows: max } };
}

/** The incident records after a reading: open ones refreshed (updates merged), vanished ones resolved. */
export function mergeIncidents(providerId: string, existing: IncidentRecord[], health: ProviderHealth): IncidentRecord[] {
  const at = health.fetchedAt;
  const byId = new Map(existing.map((record) => [record.incident.id, record]));
  const open = new Set<string>();
  const result: IncidentRecord[] = [];
  for (const incident of health.incidents) {
    open.add(incident.id);
    const { latestUpdate, ...rest } = incident;
    const known = byId.get(incident.id);
    const updates = [...(known?.updates ?? [])];
    if (latestUpdate && !updates.some((update) => update.at === latestUpdate.at && update.body === latestUpdate.body)) {
      updates.push(latestUpdate);
      updates.sort((a, b) => a.at.localeCompare(b.at));
    }
    // A page re-stamping its latest update on every read adds one per read: only the newest are kept.
    result.push({ providerId, incident: rest, updates: boundUpdates(updates), firstSeenAt: known?.firstSeenAt ?? at, lastSeenAt: at, resolvedAt: null });
  }
  // Incidents that left the unresolved list were resolved (or deleted) by the provider.
  if (!health.incidentsUnavailable) {
    for (const record of existing) {
      if (!open.has(record.incident.id) && record.resolvedAt === null) result.push({ ...record, resolvedAt: at });
    }
  }
  return result;
}

/**
 * Incident records to delete after a merge so a provider keeps at most `max`: the resolved ones seen longest
 * ago (a page inventing new incidents on every read would otherwise grow history by a batch per read).
 */
export function incidentsToForget(existing: readonly IncidentRecord[], merged: readonly IncidentRecord[], max: number = BOUNDS.incidentRecordsPerProvider): string[] {
  const byId = new Map(existing.map((record) => [record.incident.id, record]));
  for (const record of merged) byId.set(record.incident.id, record);
  if (byId.size <= max) return [];
  const oldestFirst = [...byId.values()].sort((a, b) => Number(a.resolvedAt === null) - Number(b.resolvedAt === null) || a.lastSeenAt.localeCompare(b.lastSeenAt));
  return oldestFirst.slice(0, byId.size - max).map((record) => record.incident.id);
}
