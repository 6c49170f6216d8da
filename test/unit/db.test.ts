import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { clearAll, DB_NAME, DB_VERSION, db, pruneHistory, readEarlyWarnings, readHealthRecord, readIncidents, readStatusEvents, writeEarlyWarning, writePollResult } from '../../src/background/db.ts';
import type { EarlyWarningRecord } from '../../src/health/early-warning.ts';
import { emptyRecord } from '../../src/health/record.ts';

describe('the IndexedDB schema', () => {
  it('migrates a version-1 database (health only) to the current version without losing readings', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore('health', { keyPath: 'providerId' });
      },
    });
    await v1.put('health', { ...emptyRecord('anthropic'), lastError: 'HTTP 503' });
    v1.close();

    const current = await db();
    expect(current.version).toBe(DB_VERSION);
    expect([...current.objectStoreNames].sort()).toEqual(['early-warnings', 'health', 'http-cache', 'incidents', 'poll-state', 'status-events']);
    // Earlier versions stored the reason as text; it is read back as the kind it described.
    expect((await readHealthRecord('anthropic'))?.lastError).toEqual({ kind: 'http', status: 503 });
  });

  it('prunes history past the retention window, an incident still open but not seen since included', async () => {
    const old = '2026-07-01T00:00:00.000Z';
    const recent = '2026-11-20T00:00:00.000Z';
    const incident = { id: 'x', title: 't', impact: 'degraded' as const, status: 'identified', startedAt: null, url: 'https://example.com', componentIds: [], maintenance: false };
    await writePollResult(
      emptyRecord('openai'),
      { providerId: 'openai', nextPollAt: 0 },
      [
        { providerId: 'openai', componentId: null, componentName: null, at: old, from: null, to: 'operational' },
        { providerId: 'openai', componentId: null, componentName: null, at: recent, from: 'operational', to: 'degraded' },
      ],
      [
        { providerId: 'openai', incident: { ...incident, id: 'old-resolved' }, updates: [], firstSeenAt: old, lastSeenAt: old, resolvedAt: old },
        { providerId: 'openai', incident: { ...incident, id: 'old-open' }, updates: [], firstSeenAt: old, lastSeenAt: old, resolvedAt: null },
      ],
    );
    const removed = await pruneHistory(new Date('2026-08-26T00:00:00Z'));
    expect(removed).toBe(3);
    expect((await readStatusEvents('openai')).map((event) => event.at)).toEqual([recent]);
    expect(await readIncidents('openai')).toEqual([]);
  });

  it('prunes in batches, each its own transaction, until nothing old is left', async () => {
    await clearAll();
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
    const events = Array.from({ length: 23 }, (_, n) => ({ providerId: 'openai', componentId: null, componentName: null, at: day(n), from: null, to: 'operational' as const }));
    await writePollResult(emptyRecord('openai'), { providerId: 'openai', nextPollAt: 0 }, events, []);
    const transactions: string[] = [];
    const database = await db();
    const original = database.transaction.bind(database);
    database.transaction = ((...args: Parameters<typeof original>) => {
      transactions.push(String(args[0]));
      return original(...args);
    }) as typeof database.transaction;
    try {
      expect(await pruneHistory(new Date(day(20)), 5)).toBe(20);
    } finally {
      database.transaction = original;
    }
    expect((await readStatusEvents('openai')).map((event) => event.at)).toEqual([day(20), day(21), day(22)]);
    // 20 rows in batches of five: four full batches and the one that finds nothing more, then the incidents and the early warnings.
    expect(transactions).toEqual(['status-events', 'status-events', 'status-events', 'status-events', 'status-events', 'incidents', 'early-warnings']);
  });

  it('prunes rows written out of time order (a clock set back) too, and nothing newer', async () => {
    await clearAll();
    const event = (at: string) => ({ providerId: 'openai', componentId: null, componentName: null, at, from: null, to: 'operational' as const });
    const written = ['2026-03-01', '2026-01-01', '2026-03-02', '2026-01-02', '2026-01-03', '2026-03-03'].map((day) => event(`${day}T00:00:00.000Z`));
    await writePollResult(emptyRecord('openai'), { providerId: 'openai', nextPollAt: 0 }, written, []);
    expect(await pruneHistory(new Date('2026-02-01T00:00:00Z'), 2)).toBe(3);
    expect((await readStatusEvents('openai')).map((e) => e.at.slice(0, 10))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
  });

  it('keeps early-warning records per provider, newest first, bounded, pruned with history and cleared with it', async () => {
    await clearAll();
    const record = (providerId: string, warnedAt: string, leadMs: number | null): EarlyWarningRecord => ({
      providerId,
      productId: 'claude',
      warnedAt,
      lastFailureAt: warnedAt,
      admittedAt: leadMs === null ? null : new Date(Date.parse(warnedAt) + leadMs).toISOString(),
      incidentId: leadMs === null ? null : 'x',
      incidentTitle: leadMs === null ? null : 'Elevated errors',
      leadMs,
    });
    await writeEarlyWarning(record('anthropic', '2026-01-05T10:00:00.000Z', 360_000));
    await writeEarlyWarning(record('anthropic', '2026-03-05T10:00:00.000Z', null));
    await writeEarlyWarning(record('anthropic', '2026-03-06T10:00:00.000Z', -60_000));
    await writeEarlyWarning(record('openai', '2026-03-06T10:00:00.000Z', 60_000));
    // The same warning written again (admitted after it was first recorded) replaces its record.
    await writeEarlyWarning(record('anthropic', '2026-03-05T10:00:00.000Z', 120_000));
    const since = '2026-01-01T00:00:00.000Z';
    expect((await readEarlyWarnings('anthropic', since, 10)).map((entry) => [entry.warnedAt.slice(0, 10), entry.leadMs])).toEqual([
      ['2026-03-06', -60_000],
      ['2026-03-05', 120_000],
      ['2026-01-05', 360_000],
    ]);
    expect(await readEarlyWarnings('anthropic', since, 1)).toHaveLength(1);
    expect(await readEarlyWarnings('anthropic', '2026-03-01T00:00:00.000Z', 10)).toHaveLength(2);
    expect(await pruneHistory(new Date('2026-02-01T00:00:00Z'))).toBe(1);
    expect((await readEarlyWarnings('anthropic', since, 10)).map((entry) => entry.warnedAt.slice(0, 10))).toEqual(['2026-03-06', '2026-03-05']);
    await clearAll();
    expect(await readEarlyWarnings('openai', since, 10)).toEqual([]);
  });
});
