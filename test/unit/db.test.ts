import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, db, pruneHistory, readHealthRecord, readIncidents, readStatusEvents, writePollResult } from '../../src/background/db.ts';
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
    expect([...current.objectStoreNames].sort()).toEqual(['health', 'http-cache', 'incidents', 'poll-state', 'status-events']);
    // Earlier versions stored the reason as text; it is read back as the kind it described.
    expect((await readHealthRecord('anthropic'))?.lastError).toEqual({ kind: 'http', status: 503 });
  });

  it('prunes history past the retention window but keeps open incidents', async () => {
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
    expect(removed).toBe(2);
    expect((await readStatusEvents('openai')).map((event) => event.at)).toEqual([recent]);
    expect((await readIncidents('openai')).map((record) => record.incident.id)).toEqual(['old-open']);
  });
});
