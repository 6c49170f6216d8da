import { CATALOG } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import { confirmWorse } from '../health/confirm.ts';
import { mergeIncidents, statusChangesWithGaps } from '../health/history.ts';
import { emptyRecord, MAX_MISSED_READS, type HealthRecord } from '../health/record.ts';
import { ADAPTERS } from '../status/registry.ts';
import { nextPollAt, type ScheduleSettings } from '../health/schedule.ts';
import { readHealthRecords, readHttpCache, readIncidents, readPollStates, writeHttpCache, writePollResult, writePollStates } from './db.ts';
import { createFetcher, FetchError } from './fetcher.ts';
import type { StatusPageRef } from '../catalog/types.ts';

/** Every status read, polled or asked for by a provider page, revalidates through the same HTTP cache. */
export const statusFetcher = createFetcher({ get: readHttpCache, put: writeHttpCache });

interface ReadOutcome {
  record: HealthRecord;
  ok: boolean;
  retryAfterSeconds?: number;
}

/** Reads one provider's page and folds the result into its record; never throws. */
async function readProvider(provider: Provider, page: StatusPageRef, previous: HealthRecord, now: Date): Promise<ReadOutcome> {
  const failed = (error: string, retryAfterSeconds?: number): ReadOutcome => ({
    ok: false,
    retryAfterSeconds,
    record: { ...previous, lastAttemptAt: now.toISOString(), lastError: error, consecutiveFailures: previous.consecutiveFailures + 1 },
  });
  const adapter = ADAPTERS[provider.status.platform];
  if (!adapter) return failed(`no adapter for ${provider.status.platform}`);
  try {
    const result = await adapter.read(page, statusFetcher, now, previous.lastRead ?? previous.health);
    if (!result.ok) return failed(result.error);
    return {
      ok: true,
      record: {
        providerId: provider.id,
        health: confirmWorse(previous.health, previous.lastRead ?? null, result.health),
        lastRead: result.health,
        lastAttemptAt: now.toISOString(),
        lastError: null,
        consecutiveFailures: 0,
      },
    };
  } catch (error) {
    if (error instanceof FetchError) return failed(error.message, error.retryAfterSeconds);
    return failed('unreadable');
  }
}

/**
 * Polls one provider and stores the reading, its history and its next due time in one transaction.
 * A worker killed before that write loses nothing: the provider is still due and the next tick redoes it.
 */
export async function pollProvider(
  provider: Provider,
  watched: boolean,
  schedule: ScheduleSettings,
  now = new Date(),
  page: StatusPageRef = provider.status,
): Promise<HealthRecord> {
  const previous = (await readHealthRecords()).get(provider.id) ?? emptyRecord(provider.id);
  const outcome = await readProvider(provider, page, previous, now);
  const { record } = outcome;
  // Silence longer than a reading stays fresh is recorded as unknown, so the uptime chart does not invent data.
  const maxGapMs = MAX_MISSED_READS * schedule.defaultMinutes * schedule.minuteMs;
  const events = record.health && record.health !== previous.health ? statusChangesWithGaps(provider.id, previous.health, record.health, maxGapMs) : [];
  const incidents = outcome.ok && record.health ? mergeIncidents(provider.id, await readIncidents(provider.id), record.health) : [];
  // An unresolved incident keeps the provider on the quick schedule even when no open tab needs it.
  const busy = record.health !== null && record.health.level !== 'operational';
  const due = nextPollAt(
    now.getTime(),
    { ok: outcome.ok, consecutiveFailures: record.consecutiveFailures, retryAfterSeconds: outcome.retryAfterSeconds },
    watched || busy,
    schedule,
    Math.random,
    provider.status.minPollMinutes,
  );
  await writePollResult(record, { providerId: provider.id, nextPollAt: due }, events, incidents);
  return record;
}

let inFlight: Promise<void> | null = null;

/**
 * Polls every provider that is due (or all of them when `force`). Concurrent calls share one run, so a
 * tick that arrives during a slow poll does not read the same pages twice.
 */
export function pollDue(
  watchedProviders: ReadonlySet<string>,
  schedule: ScheduleSettings,
  force = false,
  pageFor: (provider: Provider) => Promise<StatusPageRef> = async (provider) => provider.status,
): Promise<void> {
  inFlight ??= (async () => {
    const [states, records] = await Promise.all([readPollStates(), readHealthRecords()]);
    const now = Date.now();
    const watchedMs = schedule.watchedMinutes * schedule.minuteMs;
    const due = CATALOG.providers.filter((provider) => {
      if (force || (states.get(provider.id)?.nextPollAt ?? 0) <= now) return true;
      // A provider that just became watched (a tab opened on its product) is read now, not at its
      // five-minute turn; a failing one keeps its backoff.
      const record = records.get(provider.id);
      const lastAttempt = Date.parse(record?.lastAttemptAt ?? '') || 0;
      const minMs = (provider.status.minPollMinutes ?? 0) * schedule.minuteMs;
      return watchedProviders.has(provider.id) && record?.consecutiveFailures === 0 && now - lastAttempt >= Math.max(watchedMs, minMs);
    });
    await Promise.all(
      due.map(async (provider) => pollProvider(provider, watchedProviders.has(provider.id), schedule, new Date(), await pageFor(provider))),
    );
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** The earliest time any provider is due, for the one-shot alarm that wakes the worker then. */
export async function nextDueAt(): Promise<number | null> {
  const states = [...(await readPollStates()).values()];
  return states.length === 0 ? null : Math.min(...states.map((state) => state.nextPollAt));
}

/**
 * After the user changed the polling intervals: every provider read successfully is next due one new interval
 * after its last read, so a longer interval holds at once and a shorter one does not wait out the old one.
 */
export async function reschedule(watchedProviders: ReadonlySet<string>, schedule: ScheduleSettings): Promise<void> {
  const [states, records] = await Promise.all([readPollStates(), readHealthRecords()]);
  const updated = CATALOG.providers.flatMap((provider) => {
    const record = records.get(provider.id);
    const lastAttempt = Date.parse(record?.lastAttemptAt ?? '');
    if (!record || record.consecutiveFailures > 0 || Number.isNaN(lastAttempt) || !states.has(provider.id)) return [];
    const busy = record.health !== null && record.health.level !== 'operational';
    const ok = { ok: true, consecutiveFailures: 0 };
    return [{ providerId: provider.id, nextPollAt: nextPollAt(lastAttempt, ok, watchedProviders.has(provider.id) || busy, schedule, Math.random, provider.status.minPollMinutes) }];
  });
  await writePollStates(updated);
}
