import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { HealthRecord } from '../health/record.ts';

interface UpstreamDB extends DBSchema {
  health: { key: string; value: HealthRecord };
}

export const DB_NAME = 'upstream';
const DB_VERSION = 1;

let dbPromise: Promise<IDBPDatabase<UpstreamDB>> | null = null;

function db(): Promise<IDBPDatabase<UpstreamDB>> {
  dbPromise ??= openDB<UpstreamDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      // Fall through from the stored version so every migration runs in order.
      if (oldVersion < 1) database.createObjectStore('health', { keyPath: 'providerId' });
    },
  });
  return dbPromise;
}

export async function readHealthRecords(): Promise<Map<string, HealthRecord>> {
  const records = await (await db()).getAll('health');
  return new Map(records.map((record) => [record.providerId, record]));
}

export async function readHealthRecord(providerId: string): Promise<HealthRecord | undefined> {
  return (await db()).get('health', providerId);
}

export async function writeHealthRecord(record: HealthRecord): Promise<void> {
  await (await db()).put('health', record);
}
