/**
 * A worker context for unit tests of the background shell: the bundled catalog (or the data a test gives), and
 * whatever readings, stack, tabs and settings the test gives, instead of what storage holds.
 */
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { DetectionIndex } from '../../src/detect/engine.ts';
import type { WorkerContext } from '../../src/background/context.ts';
import type { ActiveData } from '../../src/background/data.ts';
import type { TabRecord } from '../../src/background/tab-store.ts';
import type { HealthRecord } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE, type ScheduleSettings } from '../../src/health/schedule.ts';
import { DEFAULT_SETTINGS, type UserSettings } from '../../src/protocol/settings.ts';
import type { Fetcher } from '../../src/status/adapter.ts';
import { EMPTY_STACK, type StackState } from '../../src/stack/stack.ts';
import { fakeFetcher } from './fake-fetcher.ts';

/** The bundled catalog, as the worker uses it when no data pack is in use. */
export const BUNDLED_DATA: ActiveData = {
  index: new CatalogIndex(CATALOG),
  detection: new DetectionIndex(CATALOG.products),
  info: { provenance: { source: 'bundled', version: null, published: null, extensionVersion: '0.1.0' }, markers: null, changelog: [] },
};

export interface ContextParts {
  now: Date;
  records: ReadonlyMap<string, HealthRecord>;
  stack: StackState;
  tabs: ReadonlyMap<number, TabRecord>;
  settings: UserSettings;
  schedule: ScheduleSettings;
  fetcher: Fetcher;
  /** The fetcher that sends the browser's cookies (the plain one unless a test tells them apart). */
  cookieFetcher: Fetcher;
  /** The catalog data in use (a data pack's, in the tests of packs). */
  data: ActiveData;
}

export function testContext(parts: Partial<ContextParts> = {}): WorkerContext {
  const full: ContextParts = {
    now: new Date(),
    records: new Map(),
    stack: EMPTY_STACK,
    tabs: new Map(),
    settings: DEFAULT_SETTINGS,
    schedule: DEFAULT_SCHEDULE,
    fetcher: fakeFetcher(() => undefined),
    data: BUNDLED_DATA,
    ...parts,
    cookieFetcher: parts.cookieFetcher ?? parts.fetcher ?? fakeFetcher(() => undefined),
  };
  const context: WorkerContext = {
    now: full.now,
    index: full.data.index,
    detection: full.data.detection,
    data: full.data.info,
    fetcher: full.fetcher,
    cookieFetcher: full.cookieFetcher,
    settings: async () => full.settings,
    schedule: async () => full.schedule,
    records: async () => full.records,
    tabs: async () => full.tabs,
    stack: async () => full.stack,
    pageFor: async (provider) => provider.status,
    after: () => context,
  };
  return context;
}
