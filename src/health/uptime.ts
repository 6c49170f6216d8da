import type { IncidentRecord, StatusEvent } from './history.ts';
import { worstLevel } from '../model/levels.ts';
import { type IncidentUpdate, type RecentIncident } from '../model/health.ts';
import { HEALTH_LEVELS, type HealthLevel } from '../model/levels.ts';
import { utcDay } from '../model/patterns.ts';

/** Milliseconds in a UTC day (UTC has no daylight saving; JavaScript time has no leap seconds). */
const DAY_MS = 86_400_000;

const KNOWN_LEVELS: ReadonlySet<string> = new Set(HEALTH_LEVELS);

export interface UptimeDay {
  /** YYYY-MM-DD in UTC. */
  date: string;
  /** Milliseconds of the observed part of the day spent at each level (only levels that occurred; never `unknown`). */
  durations: Partial<Record<HealthLevel, number>>;
  /**
   * Share of the day covered by observations (0..1): before the first recorded event nothing is known. For today,
   * the share of the part that has passed, so a fully watched today reads 1, not the hour of the day.
   */
  observed: number;
  /** Worst level seen that day (over observed time, so never `unknown`), or null when nothing was observed. */
  worst: HealthLevel | null;
  /** Operational time / observed time (0..1), or null when nothing was observed. Maintenance counts as up. */
  uptime: number | null;
}

interface Change {
  at: number;
  level: HealthLevel;
}

/** The subject's changes as times, sorted, one per instant; unparseable times skipped, future times clamped. */
function changesOf(events: readonly StatusEvent[], subject: string | null, now: number): Change[] {
  const changes: Change[] = [];
  let sorted = true;
  let previous = -Infinity;
  for (const event of events) {
    if (event.componentId !== subject) continue;
    const parsed = Date.parse(event.at);
    if (Number.isNaN(parsed)) continue;
    // A level we do not know (a newer build's, or a damaged row) must never read as up.
    const level: HealthLevel = KNOWN_LEVELS.has(event.to) ? event.to : 'unknown';
    // Our own clock stamped these, so a future time means the clock went back: it is the level from now on.
    const at = Math.min(parsed, now);
    if (at < previous) sorted = false;
    previous = at;
    changes.push({ at, level });
  }
  // IndexedDB's by-provider index already returns events by time, so the usual cost is the linear check above.
  if (!sorted) changes.sort((a, b) => a.at - b.at);
  // Two levels at one instant (duplicates, or clamped future events): keep the worse, whatever the input order.
  const merged: Change[] = [];
  for (const change of changes) {
    const last = merged[merged.length - 1];
    if (last?.at === change.at) last.level = worstLevel([last.level, change.level]);
    else merged.push({ ...change });
  }
  return merged;
}

/**
 * Daily uptime of one subject (the provider as a whole: events with componentId null; or one component) over the
 * last `days` UTC days ending today, oldest first, from the status events Upstream recorded for one provider. A
 * level holds from its event until the next one; the last holds until `now`. `unknown` time counts as not observed.
 * Events may be unsorted or duplicated; future times are clamped to `now`, unparseable ones skipped.
 */
export function dailyUptime(events: readonly StatusEvent[], days: number, now: Date, componentId: string | null = null): UptimeDay[] {
  const end = now.getTime();
  const count = Math.floor(days);
  if (Number.isNaN(end) || !Number.isFinite(count) || count < 1) return [];
  const todayStart = Math.floor(end / DAY_MS) * DAY_MS;
  const windowStart = todayStart - (count - 1) * DAY_MS;
  const totals: Partial<Record<HealthLevel, number>>[] = Array.from({ length: count }, () => ({}));

  const changes = changesOf(events, componentId, end);
  for (const [i, { at, level }] of changes.entries()) {
    if (level === 'unknown') continue;
    // Clip each span to the window, then split it at midnights: spans are disjoint, so all of this is O(events + days).
    let from = Math.max(at, windowStart);
    const to = Math.min(changes[i + 1]?.at ?? end, end);
    while (from < to) {
      const day = Math.floor((from - windowStart) / DAY_MS);
      const until = Math.min(to, windowStart + (day + 1) * DAY_MS);
      const total = totals[day];
      if (total) total[level] = (total[level] ?? 0) + (until - from);
      from = until;
    }
  }

  return totals.map((durations, day) => {
    const start = windowStart + day * DAY_MS;
    const span = Math.min(DAY_MS, end - start);
    const levels = Object.keys(durations) as HealthLevel[];
    const observedMs = Object.values(durations).reduce((sum, ms) => sum + ms, 0);
    const upMs = (durations.operational ?? 0) + (durations.maintenance ?? 0);
    return {
      date: utcDay(start),
      durations,
      observed: span > 0 ? observedMs / span : 0,
      worst: levels.length > 0 ? worstLevel(levels) : null,
      uptime: observedMs > 0 ? upMs / observedMs : null,
    };
  });
}

/** Overall uptime across the days (observed time weighted), or null if nothing observed. */
export function overallUptime(days: readonly UptimeDay[]): number | null {
  let observed = 0;
  let up = 0;
  for (const day of days) {
    for (const [level, ms] of Object.entries(day.durations) as [HealthLevel, number][]) {
      // Durations never hold `unknown`, but a hand-built day might; it is not observed time either way.
      if (level === 'unknown') continue;
      observed += ms;
      if (level === 'operational' || level === 'maintenance') up += ms;
    }
  }
  return observed > 0 ? up / observed : null;
}

export interface TimelineEntry {
  incidentId: string;
  title: string;
  impact: HealthLevel;
  maintenance: boolean;
  url: string;
  /** incident.startedAt ?? firstSeenAt (for a page-only entry: its startedAt, else its latest update's time). */
  startedAt: string;
  resolvedAt: string | null;
  /** null while open (or when a time does not parse); never negative. */
  durationMs: number | null;
  /** Newest first. */
  updates: IncidentUpdate[];
}

/** Parsed time for sorting, with unparseable times last when sorting newest first. */
function sortTime(iso: string): number {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? -Infinity : parsed;
}

function newestFirst(updates: readonly IncidentUpdate[]): IncidentUpdate[] {
  return [...updates].sort((a, b) => sortTime(b.at) - sortTime(a.at) || 0);
}

function durationBetween(startedAt: string, resolvedAt: string | null): number | null {
  if (resolvedAt === null) return null;
  const duration = Date.parse(resolvedAt) - Date.parse(startedAt);
  return Number.isNaN(duration) ? null : Math.max(0, duration);
}

function entry(base: Omit<TimelineEntry, 'durationMs'>): TimelineEntry {
  return { ...base, durationMs: durationBetween(base.startedAt, base.resolvedAt) };
}

/**
 * Recorded incidents, newest first (by start), optionally merged with the status page's own recent list. Entries
 * with the same id are one: recorded updates win (we kept every one we saw; the page gives only its latest), the
 * page's fields are the newer reading of the incident, and its resolvedAt, when it has one, is preferred because
 * ours is only when we noticed (late by a poll interval, or by days if the browser was closed).
 */
export function incidentTimeline(records: readonly IncidentRecord[], pageRecent: readonly RecentIncident[] = []): TimelineEntry[] {
  const byId = new Map<string, IncidentRecord>();
  for (const record of records) {
    // The same incident stored twice (it should not be): the one seen last is the most complete.
    const known = byId.get(record.incident.id);
    if (!known || sortTime(record.lastSeenAt) > sortTime(known.lastSeenAt)) byId.set(record.incident.id, record);
  }
  const entries = new Map<string, TimelineEntry>();
  for (const record of byId.values()) {
    const { incident } = record;
    const startedAt = incident.startedAt ?? record.firstSeenAt;
    entries.set(
      incident.id,
      entry({
        incidentId: incident.id, title: incident.title, impact: incident.impact, maintenance: incident.maintenance, url: incident.url,
        startedAt, resolvedAt: record.resolvedAt, updates: newestFirst(record.updates),
      }),
    );
  }
  for (const page of pageRecent) {
    const record = byId.get(page.id);
    const pageUpdates = page.latestUpdate ? [page.latestUpdate] : [];
    const updates = record && record.updates.length > 0 ? newestFirst(record.updates) : pageUpdates;
    const startedAt = page.startedAt ?? record?.incident.startedAt ?? record?.firstSeenAt ?? page.latestUpdate?.at;
    // Nothing to place it on a timeline by.
    if (startedAt === undefined) continue;
    entries.set(
      page.id,
      entry({
        incidentId: page.id, title: page.title, impact: page.impact, maintenance: page.maintenance, url: page.url,
        startedAt, resolvedAt: page.resolvedAt ?? record?.resolvedAt ?? null, updates,
      }),
    );
  }
  return [...entries.values()].sort(
    (a, b) => sortTime(b.startedAt) - sortTime(a.startedAt) || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0),
  );
}
