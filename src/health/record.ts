import type { ScheduleSettings } from './schedule.ts';
import type { ProviderHealth } from './types.ts';

/** What the worker stores per provider: the last good reading and how the latest attempts went. */
export interface HealthRecord {
  providerId: string;
  /** Last successfully parsed health as shown to the user, kept through failures as the last known state. */
  health: ProviderHealth | null;
  /** The latest raw reading, which may hold a change for the worse that awaits confirmation. */
  lastRead?: ProviderHealth | null;
  /** ISO time of the latest attempt, successful or not. */
  lastAttemptAt: string | null;
  lastError: string | null;
  /** Reads that failed in a row since the last success. */
  consecutiveFailures: number;
}

export function emptyRecord(providerId: string): HealthRecord {
  return { providerId, health: null, lastAttemptAt: null, lastError: null, consecutiveFailures: 0 };
}

/** Misses in a row after which the last known state is no longer trusted. */
export const MAX_MISSED_READS = 3;

/** A page that claims all clear but has not changed for this long may be abandoned (a frozen mirror). */
export const FROZEN_AFTER_DAYS = 60;

export type Freshness = 'fresh' | 'never-read' | 'failing' | 'stale' | 'frozen';

/**
 * Whether a record can be believed now. A reading older than three default poll intervals is stale even if
 * no read failed (the worker may not have run); an all-clear page whose own update time is months old is frozen.
 */
export function freshness(record: HealthRecord | undefined, now: Date, schedule: Pick<ScheduleSettings, 'minuteMs' | 'defaultMinutes'>): Freshness {
  if (!record?.health) return 'never-read';
  if (record.consecutiveFailures >= MAX_MISSED_READS) return 'failing';
  const age = now.getTime() - Date.parse(record.health.fetchedAt);
  if (age > MAX_MISSED_READS * schedule.defaultMinutes * schedule.minuteMs) return 'stale';
  const pageUpdatedAt = record.health.pageUpdatedAt;
  if (record.health.level === 'operational' && pageUpdatedAt !== null) {
    const pageAge = now.getTime() - Date.parse(pageUpdatedAt);
    if (pageAge > FROZEN_AFTER_DAYS * 24 * 3600_000) return 'frozen';
  }
  return 'fresh';
}
