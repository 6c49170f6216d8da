import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll, readHealthRecord, readHttpCache, readIncidents, readPollStates, readStatusEvents, writeHttpCache } from '../../src/background/db.ts';
import { createFetcher, MAX_CACHED_BODY_BYTES } from '../../src/background/fetcher.ts';
import { pollProvider } from '../../src/background/poller.ts';
import { CATALOG } from '../../src/catalog/index.ts';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { claudeSummary } from '../fixtures/status/scenarios.ts';

const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 12, minute));
const noJitter = { ...DEFAULT_SCHEDULE, jitter: 0 };
const fetcher = createFetcher({ get: readHttpCache, put: writeHttpCache });

function answer(status: number, body: string, headers: Record<string, string> = {}): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(status === 304 ? null : body, { status, headers })));
}

describe('pollProvider', () => {
  beforeEach(async () => clearAll());
  afterEach(() => vi.unstubAllGlobals());

  it('stores a reading, keeps it through failures, counts the misses and recovers', async () => {
    answer(200, JSON.stringify(claudeSummary('outage', at(0))));
    const first = await pollProvider(anthropic, true, noJitter, fetcher, at(0));
    expect(first).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(first.health?.level).toBe('major_outage');

    answer(500, 'Internal Server Error');
    await pollProvider(anthropic, true, noJitter, fetcher, at(1));
    answer(200, '<html>maintenance page</html>');
    const third = await pollProvider(anthropic, true, noJitter, fetcher, at(3));
    expect(third).toMatchObject({ consecutiveFailures: 2, lastError: { kind: 'format', found: 'html' }, lastAttemptAt: at(3).toISOString() });
    // The last good reading survives, so the popup can show the last known state and its age.
    expect(third.health?.fetchedAt).toBe(at(0).toISOString());
    expect(await readHealthRecord('anthropic')).toEqual(third);

    answer(200, JSON.stringify(claudeSummary('resolved', at(5))));
    const recovered = await pollProvider(anthropic, true, noJitter, fetcher, at(5));
    expect(recovered).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(recovered.health?.level).toBe('operational');
  });

  it('records status changes and incidents with their updates, and resolves them when they leave the page', async () => {
    answer(200, JSON.stringify(claudeSummary('allclear', at(0))));
    await pollProvider(anthropic, false, noJitter, fetcher, at(0));
    answer(200, JSON.stringify(claudeSummary('outage', at(1))));
    await pollProvider(anthropic, false, noJitter, fetcher, at(1));
    answer(200, JSON.stringify(claudeSummary('resolved', at(2))));
    await pollProvider(anthropic, false, noJitter, fetcher, at(2));

    const apiChanges = (await readStatusEvents('anthropic')).filter((event) => event.componentId === 'k8w3r06qmzrp');
    expect(apiChanges.map((event) => [event.from, event.to, event.at])).toEqual([
      [null, 'operational', at(0).toISOString()],
      ['operational', 'major_outage', at(1).toISOString()],
      ['major_outage', 'operational', at(2).toISOString()],
    ]);
    const [incident] = await readIncidents('anthropic');
    expect(incident).toMatchObject({ firstSeenAt: at(1).toISOString(), resolvedAt: at(2).toISOString() });
    expect(incident!.incident.title).toBe('Claude API unavailable');
    expect(incident!.updates).toHaveLength(1);
  });

  it('schedules watched providers every 50 s, others every five minutes, and backs off on errors honouring Retry-After', async () => {
    answer(200, JSON.stringify(claudeSummary('allclear', at(0))));
    await pollProvider(anthropic, true, noJitter, fetcher, at(0));
    expect((await readPollStates()).get('anthropic')?.nextPollAt).toBe(at(0).getTime() + 50_000);
    await pollProvider(anthropic, false, noJitter, fetcher, at(0));
    expect((await readPollStates()).get('anthropic')?.nextPollAt).toBe(at(5).getTime());

    answer(429, 'slow down', { 'retry-after': '600' });
    const limited = await pollProvider(anthropic, true, noJitter, fetcher, at(0));
    expect(limited.lastError).toEqual({ kind: 'http', status: 429 });
    expect((await readPollStates()).get('anthropic')?.nextPollAt).toBe(at(10).getTime());
  });

  it('revalidates with the ETag and reuses the cached body on 304', async () => {
    const body = JSON.stringify(claudeSummary('outage', at(0)));
    answer(200, body, { etag: '"v1"' });
    await pollProvider(anthropic, true, noJitter, fetcher, at(0));
    const revalidate = vi.fn(async (_url: string, init?: RequestInit) => {
      expect(new Headers(init?.headers).get('if-none-match')).toBe('"v1"');
      return new Response(null, { status: 304 });
    });
    vi.stubGlobal('fetch', revalidate);
    const again = await pollProvider(anthropic, true, noJitter, fetcher, at(1));
    expect(revalidate).toHaveBeenCalled();
    expect(again.health?.level).toBe('major_outage');
    expect(again.consecutiveFailures).toBe(0);
  });

  it('keeps no body over the revalidation bound, and forgets the older copy’s validators', async () => {
    const summary = claudeSummary('outage', at(0));
    answer(200, JSON.stringify(summary), { etag: '"v1"' });
    await pollProvider(anthropic, true, noJitter, fetcher, at(0));
    const url = 'https://status.claude.com/api/v2/summary.json';
    expect((await readHttpCache(url))?.etag).toBe('"v1"');
    const padded = { ...summary, page: { ...summary.page, name: 'x'.repeat(MAX_CACHED_BODY_BYTES) } };
    answer(200, JSON.stringify(padded), { etag: '"v2"' });
    expect((await pollProvider(anthropic, true, noJitter, fetcher, at(1))).health?.level).toBe('major_outage');
    expect(await readHttpCache(url)).toEqual({ url, etag: null, lastModified: null, body: '' });
  });

  it('records a network failure by its kind, for pages to word', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect((await pollProvider(anthropic, true, noJitter, fetcher)).lastError).toEqual({ kind: 'network' });
  });
});
