import type { ProviderHealth } from './types.ts';

/** What the worker stores per provider: the last good reading and how the latest attempts went. */
export interface HealthRecord {
  providerId: string;
  /** Last successfully parsed health, kept through failures so the user sees the last known state. */
  health: ProviderHealth | null;
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

export type Freshness = 'fresh' | 'never-read' | 'failing' | 'stale';

/**
 * Whether a record can be believed now. A reading older than three poll intervals (at least 15 minutes)
 * is stale even if no read failed: the worker may not have run.
 */
export function freshness(record: HealthRecord | undefined, now: Date, pollIntervalMs: number): Freshness {
  if (!record?.health) return 'never-read';
  if (record.consecutiveFailures >= MAX_MISSED_READS) return 'failing';
  const age = now.getTime() - Date.parse(record.health.fetchedAt);
  const limit = Math.max(MAX_MISSED_READS * pollIntervalMs, 15 * 60_000);
  return age > limit ? 'stale' : 'fresh';
}
