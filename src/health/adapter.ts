import type { ProviderHealth } from './types.ts';

/** Every status platform Upstream can read; each has one adapter file in ./adapters and a registry entry. */
export const STATUS_PLATFORMS = [
  'atlassian-statuspage',
  'incident-io',
  'better-stack',
  'instatus',
  'google-cloud',
  'google-workspace',
  'aws-health',
  'azure-status',
  'checkly',
  'flashduty',
  'datadog',
  'rss',
] as const;
export type StatusPlatform = (typeof STATUS_PLATFORMS)[number];

/** Where a provider's status lives; `params` carries platform-specific settings (product ids, regions...). */
export interface StatusPageRef {
  pageUrl: string;
  platform: StatusPlatform;
  params?: Record<string, string | string[]>;
  /** Never poll more often than this, watched or not: for pages whose only endpoint is large. */
  minPollMinutes?: number;
}

/**
 * Network access handed to adapters, so they stay free of browser APIs and testable with fakes.
 * Both reject on network errors, timeouts and non-2xx answers; `json` also rejects a body that is not JSON.
 */
export interface Fetcher {
  /** The body as text, decoded by its byte-order mark (UTF-8 by default, UTF-16 LE/BE when marked). */
  text(url: string): Promise<string>;
  json(url: string): Promise<unknown>;
}

export type ParseResult = { ok: true; health: ProviderHealth } | { ok: false; error: string };

export interface StatusAdapter {
  platform: StatusPlatform;
  /**
   * Reads one status page. Malformed payloads resolve to `{ok: false}`; only the fetcher's errors reject.
   * `previous` is the last reading, which lets an adapter read a small endpoint first and skip the details
   * when the page has not changed since.
   */
  read(page: StatusPageRef, fetcher: Fetcher, now: Date, previous?: ProviderHealth | null): Promise<ParseResult>;
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
