/**
 * How the extension asks for packs, politely: at most once a day, spread over a few hours so installations do
 * not ask together, backing off after failures (and never sooner than a server's Retry-After), revalidating
 * with the ETag of the last pack it read. What a check found is kept as a value the Options page words.
 */
import { isRecord } from '../model/json.ts';
import { INVALID_PARTS, type InvalidPart, type PackRefusal } from './open.ts';

/** Why a pack could not be read at all. */
export type FetchFailure = { reason: 'network' } | { reason: 'timeout' } | { reason: 'http'; status: number } | { reason: 'insecure-redirect' };

/** What one check, or the user, did to the data in use. */
export type CheckResult =
  | { outcome: 'applied'; version: number }
  /** The server has nothing newer (304, or the version in use). */
  | { outcome: 'up-to-date' }
  | { outcome: 'refused'; refusal: PackRefusal }
  | { outcome: 'failed'; failure: FetchFailure }
  /** The user went back to the bundled data from this version. */
  | { outcome: 'rolled-back'; version: number }
  /** A pack in use is no longer accepted by this build (its key was retired, its data is older than the bundled copy…). */
  | { outcome: 'dropped'; version: number; refusal: PackRefusal };

export interface UpdateState {
  /** The ETag of the pack last read in full, sent as If-None-Match. */
  etag: string | null;
  lastCheckAt: string | null;
  last: CheckResult | null;
  /** Failed reads in a row (network, HTTP errors), for the backoff. */
  failures: number;
  nextCheckAt: string | null;
  /** The newest version ever applied here: an older or equal pack is not applied again (a rollback stays one). */
  newestApplied: number | null;
}

export const EMPTY_UPDATE_STATE: UpdateState = { etag: null, lastCheckAt: null, last: null, failures: 0, nextCheckAt: null, newestApplied: null };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const UPDATE_TIMING = {
  /** Between checks that got an answer. */
  intervalMs: 24 * HOUR_MS,
  /** Added at random to every wait, so installations spread out. */
  jitterMs: 4 * HOUR_MS,
  /** The first check after the extension starts for the first time: within this window. */
  firstCheckWithinMs: 60 * MINUTE_MS,
  /** After a failure: 30 min, doubling, at most a day. */
  backoffBaseMs: 30 * MINUTE_MS,
  backoffMaxMs: 24 * HOUR_MS,
  /** A server's Retry-After is honoured up to a week. */
  retryAfterMaxMs: 7 * 24 * HOUR_MS,
  /** One pack download, start to end. */
  timeoutMs: 30_000,
} as const;

/** When to check next, after a check that ended with `result` (`failures`: failed reads in a row, this one included). */
export function nextCheckTime(now: Date, result: CheckResult, failures: number, random: number, retryAfterMs: number | null = null): Date {
  const T = UPDATE_TIMING;
  let wait: number;
  if (result.outcome === 'failed') {
    const backoff = Math.min(T.backoffMaxMs, T.backoffBaseMs * 2 ** Math.max(0, failures - 1));
    wait = backoff * (1 + random * 0.2);
  } else wait = T.intervalMs + random * T.jitterMs;
  if (retryAfterMs !== null) wait = Math.max(wait, Math.min(retryAfterMs, T.retryAfterMaxMs));
  return new Date(now.getTime() + wait);
}

/** The first check of a new installation: soon, but spread over an hour. */
export function firstCheckTime(now: Date, random: number): Date {
  return new Date(now.getTime() + MINUTE_MS + random * UPDATE_TIMING.firstCheckWithinMs);
}

/** Retry-After in milliseconds (seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

const isVersion = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
const isTime = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
const clipped = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

const invalidPart = (value: unknown): InvalidPart => INVALID_PARTS.find((part) => part === value) ?? 'catalog';

function parseRefusal(raw: unknown): PackRefusal | null {
  if (!isRecord(raw)) return null;
  switch (raw.reason) {
    case 'malformed':
    case 'bad-signature':
    case 'no-verifier':
      return { reason: raw.reason };
    case 'too-large':
      return typeof raw.limit === 'number' ? { reason: raw.reason, limit: raw.limit } : null;
    case 'unknown-key':
      return { reason: raw.reason, keyId: clipped(raw.keyId, 16) };
    case 'unsupported-schema':
      return { reason: raw.reason, schema: clipped(raw.schema, 40) };
    case 'not-newer':
      return isVersion(raw.version) && isVersion(raw.newest) ? { reason: raw.reason, version: raw.version, newest: raw.newest } : null;
    case 'older-than-bundled':
    case 'from-the-future':
      return isTime(raw.published) ? { reason: raw.reason, published: raw.published } : null;
    case 'invalid':
      // A refusal stored before parts were recorded was the catalog's.
      return typeof raw.problems === 'number' ? { reason: raw.reason, part: invalidPart(raw.part), problems: raw.problems, first: clipped(raw.first, 300) } : null;
    default:
      return null;
  }
}

function parseFailure(raw: unknown): FetchFailure | null {
  if (!isRecord(raw)) return null;
  if (raw.reason === 'network' || raw.reason === 'timeout' || raw.reason === 'insecure-redirect') return { reason: raw.reason };
  if (raw.reason === 'http' && typeof raw.status === 'number') return { reason: 'http', status: raw.status };
  return null;
}

export function parseCheckResult(raw: unknown): CheckResult | null {
  if (!isRecord(raw)) return null;
  switch (raw.outcome) {
    case 'applied':
    case 'rolled-back':
      return isVersion(raw.version) ? { outcome: raw.outcome, version: raw.version } : null;
    case 'up-to-date':
      return { outcome: raw.outcome };
    case 'refused': {
      const refusal = parseRefusal(raw.refusal);
      return refusal ? { outcome: raw.outcome, refusal } : null;
    }
    case 'dropped': {
      const refusal = parseRefusal(raw.refusal);
      return refusal && isVersion(raw.version) ? { outcome: raw.outcome, version: raw.version, refusal } : null;
    }
    case 'failed': {
      const failure = parseFailure(raw.failure);
      return failure ? { outcome: raw.outcome, failure } : null;
    }
    default:
      return null;
  }
}

/** The stored state, each field checked; anything unreadable starts afresh. */
export function parseUpdateState(raw: unknown): UpdateState {
  if (!isRecord(raw)) return EMPTY_UPDATE_STATE;
  return {
    etag: typeof raw.etag === 'string' && raw.etag.length <= 200 ? raw.etag : null,
    lastCheckAt: isTime(raw.lastCheckAt) ? raw.lastCheckAt : null,
    last: parseCheckResult(raw.last),
    failures: typeof raw.failures === 'number' && Number.isSafeInteger(raw.failures) && raw.failures >= 0 ? Math.min(raw.failures, 100) : 0,
    nextCheckAt: isTime(raw.nextCheckAt) ? raw.nextCheckAt : null,
    newestApplied: isVersion(raw.newestApplied) ? raw.newestApplied : null,
  };
}
