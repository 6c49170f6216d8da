/**
 * A worker context for unit tests of the background shell: the bundled catalog, and whatever readings,
 * stack, tabs and settings the test gives, instead of what storage holds.
 */
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { DetectionIndex } from '../../src/detect/engine.ts';
import type { WorkerContext } from '../../src/background/context.ts';
import type { TabRecord } from '../../src/background/tab-store.ts';
import type { HealthRecord } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE, type ScheduleSettings } from '../../src/health/schedule.ts';
import { DEFAULT_SETTINGS, type UserSettings } from '../../src/protocol/settings.ts';
import type { Fetcher } from '../../src/status/adapter.ts';
import { EMPTY_STACK, type StackState } from '../../src/stack/stack.ts';
import { fakeFetcher } from './fake-fetcher.ts';

const INDEX = new CatalogIndex(CATALOG);
const DETECTION = new DetectionIndex(CATALOG.products);

export interface ContextParts {
  now: Date;
  records: ReadonlyMap<string, HealthRecord>;
  stack: StackState;
  tabs: ReadonlyMap<number, TabRecord>;
  settings: UserSettings;
  schedule: ScheduleSettings;
  fetcher: Fetcher;
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
    ...parts,
  };
  const context: WorkerContext = {
    now: full.now,
    index: INDEX,
    detection: DETECTION,
    fetcher: full.fetcher,
    cookieFetcher: full.fetcher,
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
