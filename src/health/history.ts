import type { Incident, IncidentUpdate, ProviderHealth } from '../model/health.ts';
import type { HealthLevel } from '../model/levels.ts';

/** One change of a provider's (componentId null) or a component's level, as shown to the user. */
export interface StatusEvent {
  providerId: string;
  /** null for the provider as a whole. */
  componentId: string | null;
  componentName: string | null;
  /** ISO time the change was observed. */
  at: string;
  from: HealthLevel | null;
  to: HealthLevel;
}

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

/** Level changes between two shown readings (provider-level and per component). */
export function statusChanges(providerId: string, before: ProviderHealth | null, after: ProviderHealth): StatusEvent[] {
  const at = after.fetchedAt;
  const events: StatusEvent[] = [];
  if (before?.level !== after.level) {
    events.push({ providerId, componentId: null, componentName: null, at, from: before?.level ?? null, to: after.level });
  }
  const previous = new Map(before?.components.map((component) => [component.id, component.level]) ?? []);
  for (const component of after.components) {
    const from = previous.get(component.id) ?? null;
    if (from !== component.level) {
      events.push({ providerId, componentId: component.id, componentName: component.name, at, from, to: component.level });
    }
  }
  return events;
}

/**
 * Level changes, and, when the previous reading is older than `maxGapMs` (the browser was closed, or the page kept
 * failing), the silence as `unknown` from the moment the old reading went stale: uptime then does not count time
 * nobody watched as operational (or as an outage).
 */
export function statusChangesWithGaps(providerId: string, before: ProviderHealth | null, after: ProviderHealth, maxGapMs: number): StatusEvent[] {
  const events = statusChanges(providerId, before, after);
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
    result.push({ providerId, incident: rest, updates, firstSeenAt: known?.firstSeenAt ?? at, lastSeenAt: at, resolvedAt: null });
  }
  // Incidents that left the unresolved list were resolved (or deleted) by the provider.
  if (!health.incidentsUnavailable) {
    for (const record of existing) {
      if (!open.has(record.incident.id) && record.resolvedAt === null) result.push({ ...record, resolvedAt: at });
    }
  }
  return result;
}
