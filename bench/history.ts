/**
 * What a year of history costs: the worker's real poller (adapter, bounds, history, incident records) reads one
 * status page every five minutes for a simulated year, with the daily pruning to the default 90-day retention,
 * into IndexedDB (fake-indexeddb, in memory). Two pages: a hostile one (the page and every component flip on every read, an
 * open incident's half-megabyte update is re-stamped on every read, a hundred new incidents per read, links to
 * another site) and, as the peer, an honest busy one (a two-hour outage every day, updated every 20 minutes).
 * Reported: rows and serialized bytes kept for the provider, and the size of the provider page's reply.
 */
import 'fake-indexeddb/auto';
// First: the shell's modules wrap the browser API when they load.
import { resetBrowser } from '../test/support/fake-extension.ts';
import { clearAll, db, pruneHistory } from '../src/background/db.ts';
import { pollProvider } from '../src/background/poller.ts';
import { providerView } from '../src/background/views.ts';
import { CATALOG } from '../src/catalog/index.ts';
import { DEFAULT_SCHEDULE } from '../src/health/schedule.ts';
import { DEFAULT_SETTINGS } from '../src/protocol/settings.ts';
import type { Fetcher } from '../src/status/adapter.ts';
import { claudeSummary } from '../test/fixtures/status/scenarios.ts';
import { testContext } from '../test/support/worker-context.ts';

resetBrowser();

const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;
const DAY = 86_400_000;
const POLL_MS = 5 * 60_000;

export interface HistoryScenario {
  name: string;
  /** The page's summary.json at a read. */
  summary(read: number, now: Date): unknown;
}

/** Fifty times the text bound (what is kept does not grow with it; reading it costs the same parse as a real one). */
const HUGE_UPDATE = 'x'.repeat(50_000);

/** 1,000 components flipping on every read (beyond the component bound: what is kept does not grow with it). */
export const HOSTILE: HistoryScenario = {
  name: 'hostile page',
  summary(read, now) {
    // The whole page flips on every read: its indicator, the mapped component and all the others.
    const outage = claudeSummary('outage', now) as unknown as { components: unknown[]; incidents: Record<string, unknown>[] };
    const summary = read % 2 === 0 ? outage : { ...(claudeSummary('allclear', now) as unknown as typeof outage), incidents: outage.incidents };
    const status = read % 2 === 0 ? 'major_outage' : 'operational';
    for (let n = 0; n < 1000; n++) summary.components.push({ id: `h${n}`, name: `Component ${n}`, status });
    const restamped = {
      ...summary.incidents[0],
      shortlink: 'https://phish.example/login',
      incident_updates: [{ id: `u${read}`, status: 'identified', body: HUGE_UPDATE, created_at: now.toISOString(), display_at: now.toISOString() }],
    };
    const invented = Array.from({ length: 100 }, (_, n) => ({ id: `r${read}i${n}`, name: `Invented ${n}`, status: 'investigating', impact: 'minor', shortlink: 'https://phish.example/', incident_updates: [], components: [] }));
    summary.incidents = [restamped, ...invented];
    return summary;
  },
};

/** An outage from 10:00 to 12:00 UTC every day, its update re-posted every 20 minutes. */
export const HONEST_BUSY: HistoryScenario = {
  name: 'honest busy page',
  summary(_read, now) {
    const minute = Math.floor((now.getTime() % DAY) / 60_000);
    if (minute < 600 || minute >= 720) return claudeSummary('allclear', now);
    const summary = claudeSummary('outage', new Date(now.getTime() - (minute % 20) * 60_000)) as unknown as { incidents: { id: string }[] };
    summary.incidents[0]!.id = `daily${Math.floor(now.getTime() / DAY)}`;
    return summary;
  },
};

export interface HistoryResult {
  scenario: string;
  reads: number;
  eventRows: number;
  incidentRows: number;
  storedBytes: number;
  replyBytes: number;
  msPerRead: number;
}

function fetcherFor(scenario: HistoryScenario, clock: { read: number; now: Date }): Fetcher {
  let built = { read: -1, summary: null as unknown as { page: unknown; status: unknown } };
  const answer = (url: string): unknown => {
    if (built.read !== clock.read) built = { read: clock.read, summary: scenario.summary(clock.read, clock.now) as { page: unknown; status: unknown } };
    const { summary } = built;
    return url.endsWith('/status.json') ? { page: summary.page, status: summary.status } : summary;
  };
  return { json: async (url) => answer(url), text: async (url) => JSON.stringify(answer(url)) };
}

async function storedBytes(): Promise<{ events: number; incidents: number; bytes: number }> {
  const database = await db();
  const [health, events, incidents, cache] = await Promise.all([database.getAll('health'), database.getAll('status-events'), database.getAll('incidents'), database.getAll('http-cache')]);
  const bytes = [...health, ...events, ...incidents, ...cache].reduce((sum, row) => sum + JSON.stringify(row).length, 0);
  return { events: events.length, incidents: incidents.length, bytes };
}

export async function measureYear(scenario: HistoryScenario, days = 365): Promise<HistoryResult> {
  await clearAll();
  const start = Date.UTC(2026, 0, 1);
  const clock = { read: 0, now: new Date(start) };
  const fetcher = fetcherFor(scenario, clock);
  const schedule = { ...DEFAULT_SCHEDULE, jitter: 0 };
  const began = performance.now();
  for (let at = start; at < start + days * DAY; at += POLL_MS) {
    clock.read++;
    clock.now = new Date(at);
    await pollProvider(anthropic, false, schedule, fetcher, clock.now);
    // The daily pruning, as the alarm runs it.
    if ((at - start) % DAY === 0) await pruneHistory(new Date(at - DEFAULT_SETTINGS.retentionDays * DAY));
  }
  const msPerRead = (performance.now() - began) / clock.read;
  const stored = await storedBytes();
  const view = await providerView(testContext({ now: clock.now, fetcher }), 'anthropic', false);
  return {
    scenario: scenario.name,
    reads: clock.read,
    eventRows: stored.events,
    incidentRows: stored.incidents,
    storedBytes: stored.bytes,
    replyBytes: JSON.stringify(view).length,
    msPerRead,
  };
}
