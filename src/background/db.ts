import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { IncidentRecord, StatusEvent } from '../health/history.ts';
import type { HealthRecord } from '../health/record.ts';
import { parseReadError } from '../model/health.ts';

/** A cached response body with the validators to revalidate it (ETag / Last-Modified). */
export interface HttpCacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  body: string;
}

/** When each provider is due, kept outside memory so a restarted worker picks up where it stopped. */
export interface PollState {
  providerId: string;
  /** Epoch ms. */
  nextPollAt: number;
}

export interface UpstreamDB extends DBSchema {
  health: { key: string; value: HealthRecord };
  'poll-state': { key: string; value: PollState };
  'http-cache': { key: string; value: HttpCacheEntry };
  'status-events': { key: number; value: StatusEvent; indexes: { 'by-at': string; 'by-provider': [string, string] } };
  incidents: { key: [string, string]; value: IncidentRecord; indexes: { 'by-last-seen': string; 'by-provider': string } };
}

export const DB_NAME = 'upstream';
/** Bump with a new step in `migrate`; steps run in order from the stored version. */
export const DB_VERSION = 2;

export function migrate(database: IDBPDatabase<UpstreamDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    database.createObjectStore('health', { keyPath: 'providerId' });
  }
  if (oldVersion < 2) {
    database.createObjectStore('poll-state', { keyPath: 'providerId' });
    database.createObjectStore('http-cache', { keyPath: 'url' });
    const events = database.createObjectStore('status-events', { autoIncrement: true });
    events.createIndex('by-at', 'at');
    events.createIndex('by-provider', ['providerId', 'at']);
    const incidents = database.createObjectStore('incidents', { keyPath: ['providerId', 'incident.id'] });
    incidents.createIndex('by-last-seen', 'lastSeenAt');
    incidents.createIndex('by-provider', 'providerId');
  }
}

let dbPromise: Promise<IDBPDatabase<UpstreamDB>> | null = null;

export function db(): Promise<IDBPDatabase<UpstreamDB>> {
  dbPromise ??= openDB<UpstreamDB>(DB_NAME, DB_VERSION, {
    upgrade: (database, oldVersion) => migrate(database, oldVersion),
    // Another context (an old worker) holds an older version open: let it go so the upgrade can run.
    blocking() {
      void dbPromise?.then((open) => open.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** A stored record as this version reads it: earlier versions stored the reason of a failure as English text. */
function storedRecord(record: HealthRecord): HealthRecord {
  return { ...record, lastError: parseReadError(record.lastError) };
}

export async function readHealthRecords(): Promise<Map<string, HealthRecord>> {
  const records = await (await db()).getAll('health');
  return new Map(records.map((record) => [record.providerId, storedRecord(record)]));
}

export async function readHealthRecord(providerId: string): Promise<HealthRecord | undefined> {
  const record = await (await db()).get('health', providerId);
  return record && storedRecord(record);
}

export async function readPollStates(): Promise<Map<string, PollState>> {
  const states = await (await db()).getAll('poll-state');
  return new Map(states.map((state) => [state.providerId, state]));
}

/** New due times for several providers at once (after the user changed the polling intervals). */
export async function writePollStates(states: PollState[]): Promise<void> {
  const tx = (await db()).transaction('poll-state', 'readwrite');
  await Promise.all([...states.map((state) => tx.store.put(state)), tx.done]);
}

export async function readIncidents(providerId: string): Promise<IncidentRecord[]> {
  return (await db()).getAllFromIndex('incidents', 'by-provider', providerId);
}

export async function readStatusEvents(providerId: string): Promise<StatusEvent[]> {
  return (await db()).getAllFromIndex('status-events', 'by-provider', IDBKeyRange.bound([providerId, ''], [providerId, '\uffff']));
}

/** Everything one poll learned, written in one transaction so a worker killed mid-write leaves no half state. */
export async function writePollResult(
  record: HealthRecord,
  state: PollState,
  events: StatusEvent[],
  incidents: IncidentRecord[],
): Promise<void> {
  const tx = (await db()).transaction(['health', 'poll-state', 'status-events', 'incidents'], 'readwrite');
  await Promise.all([
    tx.objectStore('health').put(record),
    tx.objectStore('poll-state').put(state),
    ...events.map((event) => tx.objectStore('status-events').add(event)),
    ...incidents.map((incident) => tx.objectStore('incidents').put(incident)),
    tx.done,
  ]);
}

/** Deletes history older than the retention window; returns how many rows went. */
export async function pruneHistory(olderThan: Date): Promise<number> {
  const cutoff = olderThan.toISOString();
  const tx = (await db()).transaction(['status-events', 'incidents'], 'readwrite');
  let removed = 0;
  for (let cursor = await tx.objectStore('status-events').index('by-at').openCursor(IDBKeyRange.upperBound(cutoff, true)); cursor; cursor = await cursor.continue()) {
    await cursor.delete();
    removed++;
  }
  for (let cursor = await tx.objectStore('incidents').index('by-last-seen').openCursor(IDBKeyRange.upperBound(cutoff, true)); cursor; cursor = await cursor.continue()) {
    if (cursor.value.resolvedAt !== null) {
      await cursor.delete();
      removed++;
    }
  }
  await tx.done;
  return removed;
}

export async function readHttpCache(url: string): Promise<HttpCacheEntry | undefined> {
  return (await db()).get('http-cache', url);
}

export async function writeHttpCache(entry: HttpCacheEntry): Promise<void> {
  await (await db()).put('http-cache', entry);
}

/** For tests and the options page: forget every reading and all history. */
export async function clearAll(): Promise<void> {
  const database = await db();
  await Promise.all((['health', 'poll-state', 'http-cache', 'status-events', 'incidents'] as const).map((store) => database.clear(store)));
}
