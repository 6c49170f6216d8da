/**
 * Where the data pack in use and the state of its updates are kept. The pack (up to a few MB) lives in its own
 * IndexedDB database, which only Upstream's worker and pages can open, never a content script (on every
 * browser); the small update state in storage.local.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import browser from 'webextension-polyfill';
import { parseUpdateState, type UpdateState } from '../pack/updates.ts';

/** The pack in use, as accepted. */
export interface StoredPack {
  /** The signed bytes as served (header and payload; UTF-8 text), to check again under another build. */
  envelope: string;
  /** The checked pack (`DataPack`) as JSON: what is loaded at every worker start. */
  pack: string;
  version: number;
  keyId: string;
  appliedAt: string;
  /** The build that checked it (`buildId()`). */
  checkedBy: string;
}

interface DataDB extends DBSchema {
  packs: { key: string; value: StoredPack };
}

const DATA_DB = 'upstream-data';
const ACTIVE = 'active';
const STATE_KEY = 'dataUpdates';

let dbPromise: Promise<IDBPDatabase<DataDB>> | null = null;

function dataDb(): Promise<IDBPDatabase<DataDB>> {
  dbPromise ??= openDB<DataDB>(DATA_DB, 1, {
    upgrade: (database) => void database.createObjectStore('packs'),
    blocking() {
      void dbPromise?.then((open) => open.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

export async function readStoredPack(): Promise<StoredPack | undefined> {
  return (await dataDb()).get('packs', ACTIVE);
}

export async function writeStoredPack(pack: StoredPack): Promise<void> {
  await (await dataDb()).put('packs', pack, ACTIVE);
}

export async function deleteStoredPack(): Promise<void> {
  await (await dataDb()).delete('packs', ACTIVE);
}

export async function readUpdateState(): Promise<UpdateState> {
  return parseUpdateState((await browser.storage.local.get(STATE_KEY))[STATE_KEY]);
}

export async function writeUpdateState(state: UpdateState): Promise<void> {
  await browser.storage.local.set({ [STATE_KEY]: state });
}
