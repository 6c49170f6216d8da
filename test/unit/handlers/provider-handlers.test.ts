import { EXTENSION_PAGE, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll, writePollResult } from '../../../src/background/db.ts';
import { emptyRecord } from '../../../src/health/record.ts';
import type { IncidentRecord, StatusEvent } from '../../../src/health/history.ts';
import { BOUNDS } from '../../../src/status/bounds.ts';
import { getLevels } from '../../../src/background/handlers/get-levels.ts';
import { getProviderView } from '../../../src/background/handlers/get-provider-view.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { allClearFetcher } from '../../support/all-clear-fetcher.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { testContext } from '../../support/worker-context.ts';
import { DEFAULT_SETTINGS } from '../../../src/protocol/settings.ts';
import { interestNow } from '../../../src/background/interest.ts';
import { SHOWN_LEASE_MS } from '../../../src/stack/interest.ts';

describe('get-levels and get-provider-view', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('are for Upstream’s own pages only', () => {
    expect(getLevels.callers).toEqual(['extension-page']);
    expect(getProviderView.callers).toEqual(['extension-page']);
  });

  it('get-levels gives the providers a page shows a level, unknown until read, and keeps them read while shown', async () => {
    const ctx = testContext();
    expect((await interestNow(ctx)).read.size).toBe(0);
    const reply = await getLevels.handle({ providerIds: ['openai', 'cerebras', 'nobody'] }, EXTENSION_PAGE, ctx);
    if (!reply.ok) throw new Error('expected levels');
    expect(Object.keys(reply.value).sort()).toEqual(['cerebras', 'openai']);
    expect(reply.value.openai).toEqual({ level: 'unknown', freshness: 'never-read', checkedAt: null });
    expect([...(await interestNow(ctx)).read].sort()).toEqual(['cerebras', 'openai']);
    // Two minutes without asking again: the page was closed, and nothing is read for it any more.
    expect((await interestNow(testContext({ now: new Date(ctx.now.getTime() + SHOWN_LEASE_MS + 1) }))).read.size).toBe(0);
  });

  it('get-provider-view keeps the provider read while its page is open', async () => {
    const ctx = testContext();
    await getProviderView.handle({ providerId: 'cerebras', recent: false }, EXTENSION_PAGE, ctx);
    expect([...(await interestNow(ctx)).read]).toEqual(['cerebras']);
    expect((await interestNow(ctx)).watched.size).toBe(0);
  });

  it('get-provider-view shows a provider with its page’s own recent incidents, and says an unknown one is not found', async () => {
    const now = new Date();
    const reply = await getProviderView.handle({ providerId: 'anthropic', recent: true }, EXTENSION_PAGE, testContext({ now, fetcher: allClearFetcher(now) }));
    if (!reply.ok) throw new Error('expected a view');
    expect(reply.value).toMatchObject({ providerId: 'anthropic', recentSupported: true, recent: { ok: true, incidents: [] }, historyDays: 30 });
    expect(reply.value.components.map((component) => component.componentId)).toEqual(CATALOG.providers.find((provider) => provider.id === 'anthropic')!.components.map((component) => component.id));
    expect(await getProviderView.handle({ providerId: 'nobody', recent: false }, EXTENSION_PAGE, testContext())).toEqual({ ok: false, error: { code: 'not-found' } });
  });

  it('a page whose browser check the user passed is read for its history with the browser’s cookies, as polling does', async () => {
    const now = new Date();
    const refused = fakeFetcher({});
    const withPass = allClearFetcher(now);
    const mistral = (challengedAt: string | null) => writePollResult({ ...emptyRecord('mistral'), diagnostics: { lastGoodAt: null, lastGoodPlatform: null, lastErrorAt: null, lastError: null, missingComponents: [], challengedAt } }, { providerId: 'mistral', nextPollAt: 0 }, [], []);
    const view = async () => {
      const reply = await getProviderView.handle({ providerId: 'mistral', recent: true }, EXTENSION_PAGE, testContext({ now, fetcher: refused, cookieFetcher: withPass }));
      return reply.ok ? reply.value.recent : null;
    };
    await mistral(new Date(now.getTime() - 3_600_000).toISOString());
    expect(await view()).toMatchObject({ ok: true });
    await mistral(null);
    expect(await view()).toMatchObject({ ok: false });
  });

  it('a provider whose page stopped listing a mapped component reads unknown, saying so, not the page’s level', async () => {
    const now = new Date();
    const health = { level: 'operational' as const, description: '', components: [{ id: 'x', name: 'Something else', level: 'operational' as const }], incidents: [], pageUpdatedAt: null, fetchedAt: now.toISOString() };
    await writePollResult({ ...emptyRecord('anthropic'), health, lastAttemptAt: now.toISOString() }, { providerId: 'anthropic', nextPollAt: 0 }, [], []);
    const reply = await getProviderView.handle({ providerId: 'anthropic', recent: false }, EXTENSION_PAGE, testContext({ now }));
    expect(reply.ok && reply.value.level).toEqual({ level: 'unknown', freshness: 'component-missing', checkedAt: now.toISOString() });
    const levels = await getLevels.handle({ providerIds: ['anthropic'] }, EXTENSION_PAGE, testContext({ now, records: new Map([['anthropic', { ...emptyRecord('anthropic'), health }]]) }));
    expect(levels.ok && levels.value.anthropic?.level).toBe('unknown');
  });

  it('a status page that cannot be read for its history is a value in the view, not a failure', async () => {
    const reply = await getProviderView.handle({ providerId: 'anthropic', recent: true }, EXTENSION_PAGE, testContext({ fetcher: fakeFetcher({}) }));
    expect(reply.ok && reply.value.recent).toMatchObject({ ok: false });
  });

  it('get-provider-view sends only what the page draws: the chart’s window of provider-level changes and its newest incidents', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const event = (at: string, componentId: string | null): StatusEvent => ({ providerId: 'anthropic', componentId, componentName: null, at, from: null, to: 'operational' });
    const events = [event(daysAgo(80), null), event(daysAgo(40), null), event(daysAgo(40), 'c'), event(daysAgo(10), null), event(daysAgo(5), 'c')];
    const record = (n: number, lastSeenAt: string): IncidentRecord => ({
      providerId: 'anthropic',
      incident: { id: `i${n}`, title: 't', impact: 'degraded', status: 'resolved', startedAt: lastSeenAt, url: 'https://status.claude.com', componentIds: [], maintenance: false },
      updates: [],
      firstSeenAt: lastSeenAt,
      lastSeenAt,
      resolvedAt: lastSeenAt,
    });
    const incidents = [...Array.from({ length: 150 }, (_, n) => record(n, new Date(now.getTime() - n * 60_000).toISOString())), record(999, daysAgo(45))];
    const health = { level: 'operational' as const, description: '', components: [{ id: 'x', name: 'X', level: 'operational' as const }], incidents: [], pageUpdatedAt: null, fetchedAt: now.toISOString() };
    await writePollResult({ ...emptyRecord('anthropic'), health }, { providerId: 'anthropic', nextPollAt: 0 }, events, incidents);
    const reply = await getProviderView.handle({ providerId: 'anthropic', recent: false }, EXTENSION_PAGE, testContext({ now }));
    if (!reply.ok) throw new Error('expected a view');
    // The chart's 30 days, computed from the window's provider-level changes and the last one before it (the level
    // the window starts at): operational all along, so every day observed is up.
    expect(reply.value.uptime).toHaveLength(30);
    expect(reply.value.uptime.every((day) => day.observed === 1 && day.uptime === 1)).toBe(true);
    expect(reply.value.incidents).toHaveLength(BOUNDS.viewIncidents);
    expect(reply.value.incidents[0]!.incident.id).toBe('i0');
    expect(reply.value.health).not.toHaveProperty('components');
  });
});

describe('reading every provider, when the user asks for it', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('makes every provider needed, with no tab, stack or page', async () => {
    const ctx = testContext({ settings: { ...DEFAULT_SETTINGS, polling: { ...DEFAULT_SETTINGS.polling, everyProvider: true } } });
    expect((await interestNow(ctx)).read.size).toBe(CATALOG.providers.length);
    expect((await interestNow(testContext())).read.size).toBe(0);
  });
});
