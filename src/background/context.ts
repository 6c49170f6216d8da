/**
 * What one event of the worker needs (a message, an alarm, a request seen), loaded at most once for that event
 * and passed explicitly to whatever handles it. Nothing here outlives the event except the immutable indexes of
 * the catalog data in use (bundled, or a data pack: `data.ts`): settings, readings, tabs and the stack are read
 * from storage for each event, so a restarted worker behaves exactly like a running one.
 */
import type { CatalogIndex, Provider } from '../catalog/index.ts';
import type { StatusPageRef } from '../catalog/types.ts';
import type { DetectionIndex } from '../detect/engine.ts';
import type { HealthRecord } from '../health/record.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import type { UserSettings } from '../protocol/settings.ts';
import type { Fetcher } from '../status/adapter.ts';
import type { StackState } from '../stack/stack.ts';
import { readHealthRecords, readHttpCache, writeHttpCache } from './db.ts';
import { activeData, type ActiveData, type DataInfo } from './data.ts';
import { createFetcher } from './fetcher.ts';
import { scheduleSettings, statusPageFor, userSettings } from './settings.ts';
import { readStack } from './stack-store.ts';
import { readAllTabs, type TabRecord } from './tab-store.ts';

export interface WorkerContext {
  /** The time the event is handled at. */
  readonly now: Date;
  readonly index: CatalogIndex;
  readonly detection: DetectionIndex;
  /** Which data the indexes hold (for the pages), and the page markers the content script needs from it. */
  readonly data: DataInfo;
  /** Status requests, revalidated through the stored HTTP cache; without cookies. */
  readonly fetcher: Fetcher;
  /** The same, with the browser's cookies: only for a page that asked for a browser check. */
  readonly cookieFetcher: Fetcher;
  settings(): Promise<UserSettings>;
  schedule(): Promise<ScheduleSettings>;
  records(): Promise<ReadonlyMap<string, HealthRecord>>;
  tabs(): Promise<ReadonlyMap<number, TabRecord>>;
  stack(): Promise<StackState>;
  /** The status page to read for a provider (development installs may point one elsewhere). */
  pageFor(provider: Provider): Promise<StatusPageRef>;
  /** The same event after it changed some stored data: those parts are read again, the rest is kept. */
  after(...changed: ('records' | 'tabs' | 'stack' | 'settings')[]): WorkerContext;
}

const CACHE = { get: readHttpCache, put: writeHttpCache };
const FETCHER = createFetcher(CACHE);
const COOKIE_FETCHER = createFetcher(CACHE, undefined, undefined, { cookies: true });

type Loaders = {
  settings: () => Promise<UserSettings>;
  records: () => Promise<ReadonlyMap<string, HealthRecord>>;
  tabs: () => Promise<ReadonlyMap<number, TabRecord>>;
  stack: () => Promise<StackState>;
};

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= load());
}

function build(now: Date, data: ActiveData, loaders: Loaders): WorkerContext {
  const schedule = once(async () => scheduleSettings(await loaders.settings()));
  return {
    now,
    index: data.index,
    detection: data.detection,
    data: data.info,
    fetcher: FETCHER,
    cookieFetcher: COOKIE_FETCHER,
    settings: loaders.settings,
    schedule,
    records: loaders.records,
    tabs: loaders.tabs,
    stack: loaders.stack,
    pageFor: statusPageFor,
    after(...changed) {
      const next: Loaders = { ...loaders };
      if (changed.includes('settings')) next.settings = once(userSettings);
      if (changed.includes('records')) next.records = once(readHealthRecords);
      if (changed.includes('tabs')) next.tabs = once(readAllTabs);
      if (changed.includes('stack')) next.stack = once(readStack);
      return build(new Date(), data, next);
    },
  };
}

/**
 * A fresh context for one event, over the catalog data in use (loaded once per worker start): nothing else is
 * read until something asks for it, then only once.
 */
export async function eventContext(now = new Date()): Promise<WorkerContext> {
  const data = await activeData();
  return build(now, data, { settings: once(userSettings), records: once(readHealthRecords), tabs: once(readAllTabs), stack: once(readStack) });
}
