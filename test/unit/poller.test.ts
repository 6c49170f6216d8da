import { afterEach, describe, expect, it, vi } from 'vitest';
import { readHealthRecord } from '../../src/background/health-store.ts';
import { pollProvider } from '../../src/background/poller.ts';
import { CATALOG } from '../../src/catalog/index.ts';
import { claudeSummary } from '../fixtures/status/scenarios.ts';

const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;

function answer(status: number, body: string): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status })));
}

describe('pollProvider', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('stores a successful reading, keeps it through failures, and counts the misses', async () => {
    answer(200, JSON.stringify(claudeSummary('outage')));
    const first = await pollProvider(anthropic, new Date('2026-11-24T12:00:00Z'));
    expect(first).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(first.health?.level).toBe('major_outage');

    answer(500, 'Internal Server Error');
    await pollProvider(anthropic, new Date('2026-11-24T12:05:00Z'));
    answer(200, '<html>maintenance page</html>');
    const third = await pollProvider(anthropic, new Date('2026-11-24T12:10:00Z'));
    expect(third).toMatchObject({ consecutiveFailures: 2, lastError: 'response is not JSON', lastAttemptAt: '2026-11-24T12:10:00.000Z' });
    // The last good reading survives, so the popup can show the last known state and its age.
    expect(third.health?.fetchedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(await readHealthRecord('anthropic')).toEqual(third);

    answer(200, JSON.stringify(claudeSummary('resolved')));
    const recovered = await pollProvider(anthropic, new Date('2026-11-24T12:15:00Z'));
    expect(recovered).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(recovered.health?.level).toBe('operational');
  });

  it('reports a network failure and a timeout in words', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect((await pollProvider(anthropic)).lastError).toBe('network error');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new DOMException('signal timed out', 'TimeoutError'))));
    expect((await pollProvider(anthropic)).lastError).toBe('timed out');
  });
});
