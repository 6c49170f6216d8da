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
  if (record.consecutiveFailures >= MAX_MISSED_READS) return 'failing';
  const age = now.getTime() - Date.parse(record.health.fetchedAt);
  if (age > MAX_MISSED_READS * schedule.defaultMinutes * schedule.minuteMs) return 'stale';
  const liveness = record.health.liveness;
  if (liveness) {
    const livenessAge = now.getTime() - Date.parse(liveness.at);
    if (livenessAge > FROZEN_AFTER_DAYS[liveness.signal] * 24 * 3600_000) return 'frozen';
  }
  return 'fresh';
}
