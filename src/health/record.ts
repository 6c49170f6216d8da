import type { HistoryBudget } from './history.ts';
import type { ScheduleSettings } from './schedule.ts';
import type { Liveness, ProviderHealth, ReadError } from '../model/health.ts';

/** What the worker stores per provider: the last good reading and how the latest attempts went. */
export interface HealthRecord {
  providerId: string;
  /** Last successfully parsed health as shown to the user, kept through failures as the last known state. */
  health: ProviderHealth | null;
  /** The latest raw reading, which may hold a change for the worse that awaits confirmation. */
  lastRead?: ProviderHealth | null;
  /** ISO time of the latest attempt, successful or not. */
  lastAttemptAt: string | null;
  lastError: ReadError | null;
  /** Reads that failed in a row since the last success. */
  consecutiveFailures: number;
  /** How reads of this page have gone, for the provider page (absent in records of earlier versions). */
  diagnostics?: ReadDiagnostics;
  /** History rows recorded today, against the daily bound (absent before the first). */
  historyBudget?: HistoryBudget;
}

/** What Upstream knows of a page's shape over time: when it last answered as expected, and what changed. */
export interface ReadDiagnostics {
  /** When a read last succeeded, and in which platform's format. */
  lastGoodAt: string | null;
  lastGoodPlatform: string | null;
  /** When a read last failed, and why (kept after later reads succeed; absent in records of earlier versions). */
  lastErrorAt: string | null;
  lastError?: ReadError | null;
  /** Catalog components of the provider that the page no longer lists, as of the last good read. */
  missingComponents: string[];
  /** When the page last answered with a browser check instead of its data. */
  challengedAt: string | null;
}

export const EMPTY_DIAGNOSTICS: ReadDiagnostics = Object.freeze({ lastGoodAt: null, lastGoodPlatform: null, lastErrorAt: null, lastError: null, missingComponents: Object.freeze([]) as unknown as string[], challengedAt: null });

/** HTTP statuses that say the address is gone (moved or removed), not that the server is struggling. */
const GONE_STATUSES: ReadonlySet<number> = new Set([404, 410]);

/**
 * A failure that says the page changed rather than hiccuped: it is gone (404, 410), answers anything but its
 * platform's data (a web page, other JSON, another platform's data, a browser check), says it is no longer
 * published, or the registry cannot read it. Such a page is unknown at once; a server error, a rate limit
 * or a timeout keeps the last reading for two more tries.
 */
export function isDrift(error: ReadError | null): boolean {
  if (error === null) return false;
  if (error.kind === 'closed' || error.kind === 'config' || error.kind === 'format') return true;
  return error.kind === 'http' && GONE_STATUSES.has(error.status);
}

export function emptyRecord(providerId: string): HealthRecord {
  return { providerId, health: null, lastAttemptAt: null, lastError: null, consecutiveFailures: 0 };
}

/** Misses in a row after which the last known state is no longer trusted. */
export const MAX_MISSED_READS = 3;

/**
 * How old each kind of liveness evidence may get before the page counts as no longer published (frozen):
 * a generated document or a per-day history is minutes to hours old on a live page (days allow for caches
 * and time zones); a feed covering hundreds of products always has some activity within weeks.
 */
export const FROZEN_AFTER_DAYS: Record<Liveness['signal'], number> = {
  'build-time': 3,
  'daily-history': 3,
  'feed-activity': 60,
};

export type Freshness = 'fresh' | 'never-read' | 'failing' | 'stale' | 'frozen';

/**
 * Whether a record can be believed now. A reading older than three default poll intervals is stale even if
 * no read failed (the worker may not have run). A page whose own evidence of being published (its liveness)
 * is too old is frozen: an abandoned copy keeps answering, but says nothing about today. A page that merely
 * has not changed is not frozen: a calm provider's page can stay the same for months.
 */
export function freshness(record: HealthRecord | undefined, now: Date, schedule: Pick<ScheduleSettings, 'minuteMs' | 'defaultMinutes'>): Freshness {
  if (!record?.health) return 'never-read';
  if (record.consecutiveFailures >= MAX_MISSED_READS || (record.consecutiveFailures > 0 && isDrift(record.lastError))) return 'failing';
  const age = now.getTime() - Date.parse(record.health.fetchedAt);
  if (age > MAX_MISSED_READS * schedule.defaultMinutes * schedule.minuteMs) return 'stale';
  const liveness = record.health.liveness;
  if (liveness) {
    const livenessAge = now.getTime() - Date.parse(liveness.at);
    if (livenessAge > FROZEN_AFTER_DAYS[liveness.signal] * 24 * 3600_000) return 'frozen';
  }
  return 'fresh';
}
