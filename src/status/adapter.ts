import type { StatusPageRef, StatusPlatform } from '../catalog/types.ts';
import type { ProviderHealth, ReadError, RecentIncident, RecentResult } from '../model/health.ts';

/**
 * Network access handed to adapters, so they stay free of browser APIs and testable with fakes.
 * Both reject on network errors, timeouts and non-2xx answers; `json` also rejects a body that is not JSON.
 */
export interface Fetcher {
  /** The body as text, decoded by its byte-order mark (UTF-8 by default, UTF-16 LE/BE when marked). */
  text(url: string): Promise<string>;
  json(url: string): Promise<unknown>;
}

export type ParseResult = { ok: true; health: ProviderHealth } | { ok: false; error: ReadError };

/** A read that failed on the way (HTTP error, timeout, size, not the expected format), with the server's Retry-After if any. */
export class FetchError extends Error {
  constructor(
    readonly readError: ReadError,
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(readError.kind === 'http' ? `HTTP ${readError.status}` : readError.kind, options);
    this.name = 'FetchError';
  }
}

/** The reason a fetch rejected with, as a ReadError (anything but a FetchError is a fault of ours). */
export function readErrorOf(error: unknown): ReadError {
  return error instanceof FetchError ? error.readError : { kind: 'unexpected' };
}

/** Broken input, in the platform's terms: the page answered, but not in the shape this platform uses. */
export const FORMAT_ERROR = { ok: false, error: { kind: 'format' } } as const satisfies ParseResult;
/** The registry entry lacks a parameter the platform needs. */
export const CONFIG_ERROR = { ok: false, error: { kind: 'config' } } as const satisfies ParseResult;

export interface StatusAdapter {
  platform: StatusPlatform;
  /**
   * Reads one status page. Malformed payloads resolve to `{ok: false}`; only the fetcher's errors reject.
   * `previous` is the last reading, which lets an adapter read a small endpoint first and skip the details
   * when the page has not changed since.
   */
  read(page: StatusPageRef, fetcher: Fetcher, now: Date, previous?: ProviderHealth | null): Promise<ParseResult>;
  /**
   * Recent incidents as the status page lists them, newest first, resolved ones included (on demand, for a
   * provider page). Absent on platforms whose public endpoints carry no history. Same contract as `read`:
   * malformed payloads resolve to `{ok: false}` or lose their bad entries; only the fetcher's errors reject.
   */
  recent?(page: StatusPageRef, fetcher: Fetcher, now: Date): Promise<RecentResult>;
}

/** `https://status.example.com` + `api/v2/summary.json`, tolerant of a trailing slash. */
export function pageEndpoint(pageUrl: string, path: string): string {
  return new URL(path, pageUrl.endsWith('/') ? pageUrl : `${pageUrl}/`).href;
}

/** Reused details are re-read at least this often, in case a page changes without saying so. */
export const MAX_DETAILS_AGE_MS = 30 * 60_000;

/** Whether a previous reading's details may stand in for a full read now. */
export function detailsStillUsable(previous: ProviderHealth | null | undefined, now: Date): previous is ProviderHealth {
  if (!previous || previous.level !== 'operational') return false;
  const detailsAt = Date.parse(previous.detailsFetchedAt ?? previous.fetchedAt);
  return now.getTime() - detailsAt < MAX_DETAILS_AGE_MS;
}

/** The previous reading, re-stamped as read now. */
export function reuseDetails(previous: ProviderHealth, now: Date): ParseResult {
  return { ok: true, health: { ...previous, fetchedAt: now.toISOString(), detailsFetchedAt: previous.detailsFetchedAt ?? previous.fetchedAt } };
}

/** A provider page lists at most this many recent incidents (Statuspage's `incidents.json` holds 50). */
export const RECENT_LIMIT = 50;
/** ... and only those open or active within this many days. */
export const RECENT_WINDOW_DAYS = 90;
/** Planned work further ahead than this has not happened yet, so it is no incident of the past. */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/** When an incident was last heard of: resolution, latest update or start, whichever is latest. */
function lastActivity(incident: RecentIncident): number {
  const times = [incident.resolvedAt, incident.latestUpdate?.at ?? null, incident.startedAt].flatMap((time) =>
    time === null ? [] : [Date.parse(time)],
  );
  return times.length === 0 ? Number.NaN : Math.max(...times);
}

/** The time a provider page sorts by: the start, else the latest word about it. */
function sortTime(incident: RecentIncident): number {
  const time = incident.startedAt ?? incident.latestUpdate?.at ?? incident.resolvedAt;
  return time === null ? Number.NEGATIVE_INFINITY : Date.parse(time);
}

/**
 * The incidents a provider page lists: open ones (whatever their age: they are still going on) and closed
 * ones active within the last 90 days, one per id, newest first, at most 50. Planned work that starts more
 * than a day from now is left out. Undated open incidents come last.
 */
export function selectRecentIncidents(incidents: Iterable<RecentIncident>, now: Date): RecentIncident[] {
  const since = now.getTime() - RECENT_WINDOW_DAYS * 86_400_000;
  const seen = new Set<string>();
  const kept: RecentIncident[] = [];
  for (const incident of incidents) {
    if (seen.has(incident.id)) continue;
    if (incident.startedAt !== null && Date.parse(incident.startedAt) > now.getTime() + FUTURE_TOLERANCE_MS) continue;
    if (incident.resolvedAt !== null && !(lastActivity(incident) >= since)) continue;
    seen.add(incident.id);
    kept.push(incident);
  }
  // Two undated incidents differ by NaN (-Infinity minus itself): keep their order.
  return kept.sort((a, b) => sortTime(b) - sortTime(a) || 0).slice(0, RECENT_LIMIT);
}
