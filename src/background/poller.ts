import type { Provider } from '../catalog/types.ts';
import { confirmWorse } from '../health/confirm.ts';
import { incidentsToForget, mergeIncidents, statusChangesWithGaps, withinDailyBudget } from '../health/history.ts';
import { EMPTY_DIAGNOSTICS, emptyRecord, MAX_MISSED_READS, type HealthRecord } from '../health/record.ts';
import { boundHealth, mappedComponent } from '../status/bounds.ts';
import { explainFormatError, observed } from '../status/drift.ts';
import { ADAPTERS } from '../status/registry.ts';
import { nextPollAt, type ScheduleSettings } from '../health/schedule.ts';
import type { Fetcher } from '../status/adapter.ts';
import { readHealthRecord, readHealthRecords, readIncidents, readPollStates, writePollResult, writePollStates } from './db.ts';
import type { WorkerContext } from './context.ts';
import type { Interest } from '../stack/interest.ts';
import { digestEntry, type DigestEntry } from '../status/digest.ts';
import type { ProviderHealth, ReadError } from '../model/health.ts';
import { FetchError, readErrorOf } from '../status/adapter.ts';
import type { StatusPageRef } from '../catalog/types.ts';
import type { StatusEvent } from '../health/history.ts';
import { SharedRun } from './serial.ts';

interface ReadOutcome {
  record: HealthRecord;
  ok: boolean;
  retryAfterSeconds?: number;
}

/** Catalog components of the provider that a reading lists nothing for. */
function missingComponents(provider: Provider, health: ProviderHealth): string[] {
  return provider.components
    .filter((component) => {
      const ids = new Set(component.match.ids);
      const names = new Set(component.match.names.map((name) => name.toLowerCase()));
      return !health.components.some((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
    })
    .map((component) => component.id);
}

/** Reads one provider's page and folds the result into its record; never throws. */
async function readProvider(provider: Provider, page: StatusPageRef, fetcher: Fetcher, previous: HealthRecord, now: Date, relayed: DigestEntry | null): Promise<ReadOutcome> {
  const at = now.toISOString();
  const diagnostics = previous.diagnostics ?? EMPTY_DIAGNOSTICS;
  const failed = (error: ReadError, retryAfterSeconds?: number): ReadOutcome => ({
    ok: false,
    retryAfterSeconds,
    record: {
      ...previous,
      lastAttemptAt: at,
      lastError: error,
      consecutiveFailures: previous.consecutiveFailures + 1,
      diagnostics: { ...diagnostics, lastErrorAt: at, lastError: error, challengedAt: error.kind === 'format' && error.found === 'challenge' ? at : diagnostics.challengedAt },
    },
  });
  const adapter = ADAPTERS[provider.status.platform];
  if (!adapter) return failed({ kind: 'config' });
  const watched = observed(fetcher);
  try {
    // The relay's reading of the same page with the same adapter, when a relay is configured and has a fresh one.
    const result = relayed
      ? relayed.ok
        ? { ok: true as const, health: relayed.health }
        : { ok: false as const, error: relayed.error }
      : await adapter.read(page, watched, now, previous.lastRead ?? previous.health);
    if (!result.ok) return failed(explainFormatError(result.error, watched.lastBody, provider));
    const health = boundHealth(result.health, provider, page.pageUrl);
    return {
      ok: true,
      record: {
        providerId: provider.id,
        health: confirmWorse(previous.health, previous.lastRead ?? null, health),
        lastRead: health,
        lastAttemptAt: at,
        lastError: null,
        consecutiveFailures: 0,
        diagnostics: { ...diagnostics, lastGoodAt: at, lastGoodPlatform: provider.status.platform, missingComponents: missingComponents(provider, health) },
      },
    };
  } catch (error) {
    return failed(explainFormatError(readErrorOf(error), watched.lastBody, provider), error instanceof FetchError ? error.retryAfterSeconds : undefined);
  }
}

/** A page that asked for a browser check in the last week is read with the browser's cookies (the user's pass). */
const CHALLENGE_MEMORY_MS = 7 * 24 * 3_600_000;
export function needsCookies(record: HealthRecord | undefined, now: Date): boolean {
  const challengedAt = Date.parse(record?.diagnostics?.challengedAt ?? '');
  return now.getTime() - challengedAt < CHALLENGE_MEMORY_MS;
}

/**
 * Polls one provider and stores the reading, its history and its next due time in one transaction.
 * A worker killed before that write loses nothing: the provider is still due and the next tick redoes it.
 */
export async function pollProvider(
  provider: Provider,
  watched: boolean,
  schedule: ScheduleSettings,
  fetcher: Fetcher,
  now = new Date(),
  page: StatusPageRef = provider.status,
  relayed: DigestEntry | null = null,
): Promise<HealthRecord> {
  const previous = (await readHealthRecord(provider.id)) ?? emptyRecord(provider.id);
  const outcome = await readProvider(provider, page, fetcher, previous, now, relayed);
  let { record } = outcome;
  // Silence longer than a reading stays fresh is recorded as unknown, so the uptime chart does not invent data.
  const maxGapMs = MAX_MISSED_READS * schedule.defaultMinutes * schedule.minuteMs;
  const tracked = mappedComponent(provider);
  const changes = record.health && record.health !== previous.health ? statusChangesWithGaps(provider.id, previous.health, record.health, maxGapMs, tracked) : [];
  let events: StatusEvent[] = [];
  if (record.health && outcome.ok) {
    const budgeted = withinDailyBudget(provider.id, changes, previous.historyBudget, record.health, tracked);
    events = budgeted.events;
    record = { ...record, historyBudget: budgeted.budget };
  }
  const known = outcome.ok && record.health ? await readIncidents(provider.id) : [];
  const incidents = outcome.ok && record.health ? mergeIncidents(provider.id, known, record.health) : [];
  const forget = incidentsToForget(known, incidents);
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
  await writePollResult(record, { providerId: provider.id, nextPollAt: due }, events, incidents, forget);
  return record;
}

/**
 * The providers to read now: of those the user needs (`interest.read`), every one that is due (all of them when
 * `force`), and any that just became watched. Providers nobody needs are not read, however overdue.
 */
export function dueProviders(
  providers: readonly Provider[],
  states: ReadonlyMap<string, { nextPollAt: number }>,
  records: ReadonlyMap<string, HealthRecord>,
  interest: Interest,
  schedule: ScheduleSettings,
  now: number,
  force = false,
): Provider[] {
  const watchedMs = schedule.watchedMinutes * schedule.minuteMs;
  return providers.filter((provider) => {
    if (!interest.read.has(provider.id)) return false;
    if (force || (states.get(provider.id)?.nextPollAt ?? 0) <= now) return true;
    // A provider that just became watched (a tab opened on its product) is read now, not at its
    // five-minute turn; a failing one keeps its backoff.
    const record = records.get(provider.id);
    const lastAttempt = Date.parse(record?.lastAttemptAt ?? '') || 0;
    const minMs = (provider.status.minPollMinutes ?? 0) * schedule.minuteMs;
    return interest.watched.has(provider.id) && record?.consecutiveFailures === 0 && now - lastAttempt >= Math.max(watchedMs, minMs);
  });
}

/**
 * Polls what is due among the providers the user needs. A poll asked for while another runs shares it; a
 * forced one runs again right after it, so "Check now" during an alarm's poll still reads everything needed.
 */
export function pollDue(ctx: WorkerContext, interest: Interest, force = false): Promise<void> {
  if (!force) return polls.run(() => pollOnce(ctx, interest, false));
  // Queued behind a running poll, the forced one reads the records that poll wrote.
  return polls.again((queued) => pollOnce(queued ? ctx.after('records') : ctx, interest, true));
}

const polls = new SharedRun<void>();

async function pollOnce(ctx: WorkerContext, interest: Interest, force: boolean): Promise<void> {
  // The poller writes readings: it reads them from the store itself, not from the event's snapshot.
  const [states, records, schedule] = await Promise.all([readPollStates(), readHealthRecords(), ctx.schedule()]);
  const due = dueProviders(ctx.index.catalog.providers, states, records, interest, schedule, Date.now(), force);
  if (due.length === 0) return;
  const at = new Date();
  const relay = await readRelay(ctx, at, schedule);
  await Promise.all(
    due.map(async (provider) => {
      const page = await ctx.pageFor(provider);
      // A page pointed elsewhere for development is read directly; so is any provider the relay has no fresh reading of.
      const relayed = page === provider.status ? relay(provider.id) : null;
      const fetcher = needsCookies(records.get(provider.id), at) ? ctx.cookieFetcher : ctx.fetcher;
      return pollProvider(provider, interest.watched.has(provider.id), schedule, fetcher, at, page, relayed);
    }),
  );
}

/**
 * The configured relay's digest, read once per poll through the same revalidating fetcher (a 304 costs no body),
 * as a lookup of fresh entries. No relay, an unreachable one or a malformed digest: every page is read directly.
 */
async function readRelay(ctx: WorkerContext, now: Date, schedule: ScheduleSettings): Promise<(providerId: string) => DigestEntry | null> {
  const { relayUrl } = await ctx.settings();
  if (!relayUrl) return () => null;
  let digest: unknown;
  try {
    digest = await ctx.fetcher.json(relayUrl);
  } catch {
    return () => null;
  }
  // Older than one default interval, the relay has stopped reading that page: read it directly.
  const maxAgeMs = schedule.defaultMinutes * schedule.minuteMs;
  return (providerId) => {
    const entry = digestEntry(digest, providerId);
    const age = entry ? now.getTime() - Date.parse(entry.readAt) : Infinity;
    return entry && age <= maxAgeMs && age >= -maxAgeMs ? entry : null;
  };
}

/** The earliest time a needed provider is due, for the one-shot alarm that wakes the worker then; null when none is. */
export async function nextDueAt(interest: Interest): Promise<number | null> {
  const states = [...(await readPollStates()).entries()].filter(([providerId]) => interest.read.has(providerId));
  const unread = [...interest.read].some((providerId) => !states.some(([id]) => id === providerId));
  if (unread) return Date.now();
  return states.length === 0 ? null : Math.min(...states.map(([, state]) => state.nextPollAt));
}

/**
 * After the user changed the polling intervals: every provider read successfully is next due one new interval
 * after its last read, so a longer interval holds at once and a shorter one does not wait out the old one.
 */
export async function reschedule(ctx: WorkerContext, interest: Interest): Promise<void> {
  const [states, records, schedule] = await Promise.all([readPollStates(), readHealthRecords(), ctx.schedule()]);
  const updated = ctx.index.catalog.providers.flatMap((provider) => {
    const record = records.get(provider.id);
    const lastAttempt = Date.parse(record?.lastAttemptAt ?? '');
    if (!record || record.consecutiveFailures > 0 || Number.isNaN(lastAttempt) || !states.has(provider.id)) return [];
    const busy = record.health !== null && record.health.level !== 'operational';
    const ok = { ok: true, consecutiveFailures: 0 };
    return [{ providerId: provider.id, nextPollAt: nextPollAt(lastAttempt, ok, interest.watched.has(provider.id) || busy, schedule, Math.random, provider.status.minPollMinutes) }];
  });
  await writePollStates(updated);
}
