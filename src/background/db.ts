import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EarlyWarningRecord } from '../health/early-warning.ts';
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
  /** How much earlier Upstream knew than each status page (early warning), per warning. */
  'early-warnings': { key: [string, string]; value: EarlyWarningRecord; indexes: { 'by-warned': string; 'by-provider': string } };
}

export const DB_NAME = 'upstream';
/** Bump with a new step in `migrate`; steps run in order from the stored version. */
export const DB_VERSION = 3;

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
  if (oldVersion < 3) {
    const warnings = database.createObjectStore('early-warnings', { keyPath: ['providerId', 'warnedAt'] });
    warnings.createIndex('by-warned', 'warnedAt');
    warnings.createIndex('by-provider', 'providerId');
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

/** Rows looked through backwards for the level a window starts at; beyond them the window starts unknown. */
const LOOKBACK_ROWS = 2000;

/**
 * A provider's own level changes (not its components') since `since`, oldest first, led by the last one before
 * it: what an uptime chart of that window needs, and nothing more.
 */
export async function readProviderLevelEvents(providerId: string, since: string): Promise<StatusEvent[]> {
  const tx = (await db()).transaction('status-events');
  const index = tx.store.index('by-provider');
  const inWindow = (await index.getAll(IDBKeyRange.bound([providerId, since], [providerId, '\uffff']))).filter((event) => event.componentId === null);
  let before: StatusEvent | null = null;
  let looked = 0;
  for (let cursor = await index.openCursor(IDBKeyRange.bound([providerId, ''], [providerId, since], false, true), 'prev'); cursor && looked < LOOKBACK_ROWS; cursor = await cursor.continue()) {
    looked++;
    if (cursor.value.componentId === null) {
      before = cursor.value;
      break;
    }
  }
  await tx.done;
  return before ? [before, ...inWindow] : inWindow;
}

/** A provider's incident records last seen since `since`, newest first, at most `max`. */
export async function readRecentIncidentRecords(providerId: string, since: string, max: number): Promise<IncidentRecord[]> {
  const records = await readIncidents(providerId);
  return records
    .filter((record) => record.lastSeenAt >= since)
    .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt))
    .slice(0, max);
}

/** A warning's record: written when the status page admits it, or when it ends unadmitted. */
export async function writeEarlyWarning(record: EarlyWarningRecord): Promise<void> {
  await (await db()).put('early-warnings', record);
}

/** A provider's early-warning records since `since` (ISO), newest first, at most `max`. */
export async function readEarlyWarnings(providerId: string, since: string, max: number): Promise<EarlyWarningRecord[]> {
  const records = await (await db()).getAllFromIndex('early-warnings', 'by-provider', providerId);
  return records
    .filter((record) => record.warnedAt >= since)
    .sort((a, b) => b.warnedAt.localeCompare(a.warnedAt))
    .slice(0, max);
}

/**
 * Everything one poll learned, written in one transaction so a worker killed mid-write leaves no half state.
 * `forget` names incident records to delete (after the puts, so a record both updated and forgotten goes).
 */
export async function writePollResult(
  record: HealthRecord,
  state: PollState,
  events: StatusEvent[],
  incidents: IncidentRecord[],
  forget: string[] = [],
): Promise<void> {
  const tx = (await db()).transaction(['health', 'poll-state', 'status-events', 'incidents'], 'readwrite');
  await Promise.all([
    tx.objectStore('health').put(record),
    tx.objectStore('poll-state').put(state),
    ...events.map((event) => tx.objectStore('status-events').add(event)),
    ...incidents.map((incident) => tx.objectStore('incidents').put(incident)),
    ...forget.map((incidentId) => tx.objectStore('incidents').delete([record.providerId, incidentId])),
    tx.done,
  ]);
}

/** Rows one pruning transaction deletes: small, so a poll's write waits a fraction of a second, not the pruning. */
export const PRUNE_BATCH = 2000;

/**
 * Deletes history older than the retention window, incidents by when they were last seen (open or not: one still
 * open is seen on every read), early-warning records by when Upstream warned. Each batch is its own transaction and the next one starts after the event loop
 * turned, so polls interleave; a worker stopped midway keeps the batches done and the next pruning goes on.
 * Returns how many rows went. `afterBatch` runs after every batch that deleted rows (the caller keeps its resume
 * alarm ahead of it).
 */
export async function pruneHistory(olderThan: Date, batch = PRUNE_BATCH, afterBatch: () => Promise<void> = async () => {}): Promise<number> {
  const cutoff = olderThan.toISOString();
  const database = await db();
  const deleteInBatches = (deleteBatch: () => Promise<number>) => runBatches(deleteBatch, afterBatch);
  const events = await deleteInBatches(() => pruneEventsBatch(database, cutoff, batch));
  const incidents = await deleteInBatches(async () => {
    const tx = database.transaction('incidents', 'readwrite');
    const keys = await tx.store.index('by-last-seen').getAllKeys(IDBKeyRange.upperBound(cutoff, true), batch);
    await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
    return keys.length;
  });
  const warnings = await deleteInBatches(async () => {
    const tx = database.transaction('early-warnings', 'readwrite');
    const keys = await tx.store.index('by-warned').getAllKeys(IDBKeyRange.upperBound(cutoff, true), batch);
    await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
    return keys.length;
  });
  return events + incidents + warnings;
}

/**
 * One batch of old status events. Events are keyed in the order they were written, which is the order of their
 * times, so from the oldest row on, old rows follow each other in key order and go in one range delete (browsers
 * delete a range many times faster than key by key). A row out of time order (a clock set back) ends the run.
 */
async function pruneEventsBatch(database: IDBPDatabase<UpstreamDB>, cutoff: string, batch: number): Promise<number> {
  const tx = database.transaction('status-events', 'readwrite');
  const oldest = await tx.store.index('by-at').openKeyCursor(IDBKeyRange.upperBound(cutoff, true));
  if (!oldest) {
    await tx.done;
    return 0;
  }
  const first = oldest.primaryKey;
  const from = IDBKeyRange.lowerBound(first);
  const [keys, rows] = await Promise.all([tx.store.getAllKeys(from, batch), tx.store.getAll(from, batch)]);
  // The run of old rows from the oldest on; the oldest itself is old, so the run is never empty.
  let last = first;
  for (const [i, row] of rows.entries()) {
    if (row.at >= cutoff) break;
    last = keys[i] ?? last;
  }
  const run = keys.filter((key) => key >= first && key <= last).length;
  await Promise.all([tx.store.delete(IDBKeyRange.bound(first, last)), tx.done]);
  return Math.max(run, 1);
}

/** Runs batches until one finds nothing left, letting other work in between. */
async function runBatches(deleteBatch: () => Promise<number>, afterBatch: () => Promise<void>): Promise<number> {
  let removed = 0;
  for (;;) {
    const deleted = await deleteBatch();
    if (deleted === 0) return removed;
    removed += deleted;
    await afterBatch();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
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
  await Promise.all((['health', 'poll-state', 'http-cache', 'status-events', 'incidents', 'early-warnings'] as const).map((store) => database.clear(store)));
}
