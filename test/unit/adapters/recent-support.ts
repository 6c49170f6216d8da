/** Shared checks for the `recent` tests of every adapter. */
import { RECENT_LIMIT } from '../../../src/status/adapter.ts';
import { parseReadError, type RecentIncident, type RecentResult } from '../../../src/model/health.ts';
import { HEALTH_LEVELS } from '../../../src/model/levels.ts';

const isIso = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function sortTime(incident: RecentIncident): number {
  const time = incident.startedAt ?? incident.latestUpdate?.at ?? incident.resolvedAt;
  return time === null ? Number.NEGATIVE_INFINITY : Date.parse(time);
}

function wellFormedIncident(incident: RecentIncident): boolean {
  const update = incident.latestUpdate;
  return (
    typeof incident.id === 'string' &&
    incident.id !== '' &&
    // Titles are the page's text, possibly empty, as `read` keeps them.
    typeof incident.title === 'string' &&
    HEALTH_LEVELS.includes(incident.impact) &&
    typeof incident.status === 'string' &&
    (incident.startedAt === null || isIso(incident.startedAt)) &&
    (incident.resolvedAt === null || isIso(incident.resolvedAt)) &&
    (update === null || (typeof update.body === 'string' && typeof update.status === 'string' && isIso(update.at))) &&
    isHttpUrl(incident.url) &&
    incident.componentIds.every((id) => typeof id === 'string' && id !== '') &&
    typeof incident.maintenance === 'boolean'
  );
}

/**
 * The invariant of every `recent` result, whatever the payload: an error with a reason, or at most 50
 * well-formed incidents (text fields strings, times ISO, links http(s)), one per id, newest first.
 */
export function wellFormedRecent(result: RecentResult): boolean {
  if (!result.ok) return parseReadError(result.error) !== null && parseReadError(result.error)?.kind !== 'unexpected';
  const { incidents } = result;
  const ids = new Set(incidents.map((incident) => incident.id));
  const ordered = incidents.every((incident, index) => index === 0 || sortTime(incidents[index - 1]!) >= sortTime(incident));
  return incidents.length <= RECENT_LIMIT && ids.size === incidents.length && ordered && incidents.every(wellFormedIncident);
}

/** Malformed input never invents an incident: every id listed is one the payload had. */
export function onlyKnownIds(result: RecentResult, known: Iterable<string>): boolean {
  const ids = new Set(known);
  return !result.ok || result.incidents.every((incident) => ids.has(incident.id));
}

export function incidentsOf(result: RecentResult): RecentIncident[] {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.incidents;
}

/**
 * Time allowed to a fuzz test of 10,000 runs: XML round trips and deep arbitrary values take seconds, more
 * when every test file runs at once on a two-core machine, well past vitest's default 5 s.
 */
export const FUZZ_TIMEOUT_MS = 60_000;

export const DAY_MS = 86_400_000;

export function daysBefore(now: Date, days: number, minutes = 0): string {
  return new Date(now.getTime() - days * DAY_MS + minutes * 60_000).toISOString();
}

/** The non-empty string values of `field` in a list of objects (ids a payload really carries). */
export function stringsOf(list: unknown, field: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}
