import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll, readHealthRecord } from '../../src/background/db.ts';
import { pollDue } from '../../src/background/poller.ts';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { ProviderHealth } from '../../src/model/health.ts';
import { DEFAULT_SETTINGS } from '../../src/protocol/settings.ts';
import { interestOf } from '../../src/stack/interest.ts';
import { freshness } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { DIGEST_FORMAT, digestEntry, parseHealth, readForDigest, type Digest } from '../../src/status/digest.ts';
import together from '../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import { fakeFetcher } from '../support/fake-fetcher.ts';
import { allClearFetcher } from '../support/all-clear-fetcher.ts';
import { resetBrowser } from '../support/fake-extension.ts';
import { testContext } from '../support/worker-context.ts';

const RELAY = 'https://relay.example/v1/digest.json';
const index = new CatalogIndex(CATALOG);

function reading(now: Date, level: ProviderHealth['level']): ProviderHealth {
  return { level, description: 'Major outage', components: [{ id: 'c1', name: 'Claude API', level }], incidents: [], pageUpdatedAt: null, liveness: null, fetchedAt: now.toISOString() };
}

function digestOf(now: Date, readAt: Date, providers: Digest['providers'] = { anthropic: { readAt: readAt.toISOString(), ok: true, health: reading(readAt, 'major_outage') } }): Digest {
  return { format: DIGEST_FORMAT, generatedAt: now.toISOString(), providers };
}

describe('the relay digest, read by the extension', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('reads a well-formed entry and refuses anything out of shape, never as operational', () => {
    const now = new Date();
    const digest = digestOf(now, now);
    expect(digestEntry(digest, 'anthropic')).toMatchObject({ ok: true, health: { level: 'major_outage' } });
    expect(digestEntry(digest, 'openai')).toBeNull();
    expect(digestEntry({ ...digest, format: 2 }, 'anthropic')).toBeNull();
    expect(digestEntry({ ...digest, providers: { anthropic: { readAt: 'yesterday', ok: true, health: reading(now, 'operational') } } }, 'anthropic')).toBeNull();
    expect(digestEntry({ ...digest, providers: { anthropic: { readAt: now.toISOString(), ok: false, error: { kind: 'timeout' } } } }, 'anthropic')).toEqual({ readAt: now.toISOString(), ok: false, error: { kind: 'timeout' } });
    expect(digestEntry(JSON.parse('{"format":1,"providers":{"__proto__":{"readAt":"2030-01-01T00:00:00Z","ok":true}}}'), '__proto__')).toBeNull();
    expect(parseHealth({ ...reading(now, 'operational'), components: Array.from({ length: 1000 }, (_, i) => ({ id: `${i}`, name: 'x', level: 'operational' })) })).toBeNull();
    expect(parseHealth({ ...reading(now, 'operational'), level: 'fine' })).toBeNull();
  });

  it('turns no arbitrary input into a reading unless every field checks out', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const entry = digestEntry({ format: DIGEST_FORMAT, generatedAt: '', providers: { anthropic: junk } }, 'anthropic');
        expect(entry === null || typeof entry.readAt === 'string').toBe(true);
      }),
    );
  });

  it('with a relay configured, takes its fresh readings and reads directly only what it lacks or holds stale', async () => {
    const now = new Date();
    const direct = allClearFetcher(now);
    const stale = new Date(now.getTime() - 6 * 60_000);
    const digest = digestOf(now, now, {
      anthropic: { readAt: now.toISOString(), ok: true, health: reading(now, 'major_outage') },
      openai: { readAt: stale.toISOString(), ok: true, health: reading(stale, 'major_outage') },
    });
    const fetcher = { ...direct, requested: direct.requested, json: (url: string) => (url === RELAY ? Promise.resolve(digest) : direct.json(url)), text: direct.text };
    const ctx = testContext({ now, fetcher, settings: { ...DEFAULT_SETTINGS, relayUrl: RELAY } });
    await pollDue(ctx, interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: ['anthropic', 'openai'] }));
    expect((await readHealthRecord('anthropic'))?.health?.level).toBe('major_outage');
    // OpenAI's entry is older than a polling interval: its own page was read, and says all clear.
    expect((await readHealthRecord('openai'))?.health?.level).toBe('operational');
    const hosts = new Set(direct.requested.map((url) => new URL(url).hostname));
    expect(hosts.has('status.claude.com')).toBe(false);
    expect(hosts.has('status.openai.com')).toBe(true);
  });

  it('a relayed read says what a changed page answers, as a direct read does, and the extension reads it unknown at once', async () => {
    const now = new Date();
    const anthropic = index.provider('anthropic')!;
    const moved = await readForDigest(anthropic, fakeFetcher(() => together), now, null);
    expect(moved).toEqual({ readAt: now.toISOString(), ok: false, error: { kind: 'format', found: 'json', platform: 'better-stack' } });
    const webPage = await readForDigest(anthropic, fakeFetcher(() => '<!doctype html><html><body>We moved</body></html>'), now, null);
    expect(webPage).toMatchObject({ ok: false, error: { kind: 'format', found: 'html' } });
    expect(await readForDigest(anthropic, fakeFetcher({}), now, null)).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });

    // The extension polls directly once (all clear), then takes the relay's entry for the moved page.
    const direct = allClearFetcher(now);
    await pollDue(testContext({ now, fetcher: direct }), interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: ['anthropic'] }));
    const digest = digestOf(now, now, { anthropic: moved });
    const relayed = { ...direct, json: (url: string) => (url === RELAY ? Promise.resolve(JSON.parse(JSON.stringify(digest))) : direct.json(url)) };
    // The poller reads on the real clock: a forced poll reads now what is not yet due.
    await pollDue(testContext({ now, fetcher: relayed, settings: { ...DEFAULT_SETTINGS, relayUrl: RELAY } }), interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: ['anthropic'] }), true);
    const record = await readHealthRecord('anthropic');
    expect(record?.lastError).toEqual({ kind: 'format', found: 'json', platform: 'better-stack' });
    expect(record?.consecutiveFailures).toBe(1);
    expect(freshness(record ?? undefined, new Date(), DEFAULT_SCHEDULE)).toBe('failing');
  });

  it('reads every page directly when the relay fails', async () => {
    const now = new Date();
    const direct = allClearFetcher(now);
    const ctx = testContext({ now, fetcher: direct, settings: { ...DEFAULT_SETTINGS, relayUrl: RELAY } });
    await pollDue(ctx, interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: ['anthropic'] }));
    expect((await readHealthRecord('anthropic'))?.health?.level).toBe('operational');
    expect(direct.requested).toContain(RELAY);
  });
});
