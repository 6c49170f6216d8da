import { fakeBrowser, resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { refreshBadge } from '../../src/background/badge.ts';
import { clearAll, readEarlyWarnings, writePollResult } from '../../src/background/db.ts';
import { aiRequestEvent, AI_REQUESTS, earlyWarningNow, EARLY_WARNING_ALARM, observeRequest, type RequestEvent } from '../../src/background/early-warning.ts';
import { writeTab } from '../../src/background/tab-store.ts';
import { tabView } from '../../src/background/views.ts';
import { CATALOG } from '../../src/catalog/index.ts';
import { filterUrl } from '../../src/catalog/requests.ts';
import { EARLY_WARNING } from '../../src/health/early-warning.ts';
import { mergeIncidents } from '../../src/health/history.ts';
import type { HealthRecord } from '../../src/health/record.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/protocol/settings.ts';
import { parseStatuspageSummary } from '../../src/status/adapters/atlassian-statuspage.ts';
import { CLAUDE_APP_INCIDENT_TITLE, claudeSummary, type Scenario } from '../fixtures/status/scenarios.ts';
import { testContext } from '../support/worker-context.ts';

// A fixed instant handed to the code, never compared with the real clock.
const NOW = new Date('2026-11-24T12:00:00Z');
const S = 1000;
const MIN = 60 * S;
const COMPLETION = 'https://claude.ai/api/organizations/org-1/chat_conversations/conv-1/completion';

function anthropic(scenario: Scenario, at: Date, lastError: HealthRecord['lastError'] = null): Map<string, HealthRecord> {
  const read = parseStatuspageSummary(claudeSummary(scenario, at), 'https://status.claude.com', at);
  if (!read.ok) throw new Error('the fixture must parse');
  return new Map([['anthropic', { providerId: 'anthropic', health: read.health, lastRead: read.health, lastAttemptAt: at.toISOString(), lastError, consecutiveFailures: lastError ? 1 : 0 }]]);
}

const ctxAt = (now: Date, records = anthropic('allclear', now), settings = DEFAULT_SETTINGS) => testContext({ now, records, settings });

let nextId = 0;
/** One request of a product, from its start to how it ended, `secondsAgo` before NOW. */
async function request(ctx: ReturnType<typeof ctxAt>, productId: string, secondsAgo: number, end: { status: number } | { error: string }): Promise<boolean> {
  const id = String(++nextId);
  const at = NOW.getTime() - secondsAgo * S;
  await observeRequest(ctx, { phase: 'start', productId, request: id, at: at - 500 });
  const event: RequestEvent = 'status' in end ? { phase: 'response', productId, request: id, at, status: end.status } : { phase: 'error', productId, request: id, at, error: end.error };
  return observeRequest(ctx, event);
}

async function claudeTab(tabId: number): Promise<void> {
  await writeTab(tabId, {
    hostname: 'claude.ai',
    report: { hostname: 'claude.ai', path: '/chat/conv-1', timeOrigin: 0, seq: 0, scripts: [], iframes: [], dom: [], meta: [] },
    detections: [{ productId: 'claude', confidence: 'high', evidence: [{ signal: 'host', matched: 'claude.ai', pattern: 'claude.ai' }] }],
  });
}

const stored = async () => (await fakeBrowser.storage.session.get('early-warning'))['early-warning'];

describe('the requests early warning watches', () => {
  it('are the catalog’s AI requests only: host, method and whole path, the query ignored', () => {
    const details = (url: string, method = 'POST') => ({ url, method, requestId: '7', timeStamp: NOW.getTime() });
    expect(aiRequestEvent('start', details(COMPLETION))).toEqual({ phase: 'start', productId: 'claude', request: '7', at: NOW.getTime() });
    expect(aiRequestEvent('start', details(`${COMPLETION}?stream=1`))?.productId).toBe('claude');
    expect(aiRequestEvent('response', { ...details(COMPLETION), statusCode: 529 })).toMatchObject({ phase: 'response', status: 529 });
    expect(aiRequestEvent('error', { ...details(COMPLETION), error: 'net::ERR_FAILED' })).toMatchObject({ phase: 'error', error: 'net::ERR_FAILED' });
    // Loading a conversation, another API call, plain http, another port, a look-alike host: not watched.
    expect(aiRequestEvent('start', details(COMPLETION, 'GET'))).toBeNull();
    expect(aiRequestEvent('start', details('https://claude.ai/api/organizations/org-1/chat_conversations/conv-1'))).toBeNull();
    expect(aiRequestEvent('start', details('https://claude.ai/api/organizations//chat_conversations/conv-1/completion'))).toBeNull();
    expect(aiRequestEvent('start', details(COMPLETION.replace('https:', 'http:')))).toBeNull();
    expect(aiRequestEvent('start', details(COMPLETION.replace('claude.ai', 'claude.ai:8443')))).toBeNull();
    expect(aiRequestEvent('start', details(COMPLETION.replace('claude.ai', 'claude.ai.evil.example')))).toBeNull();
    expect(aiRequestEvent('start', details(`${COMPLETION}/${'x'.repeat(5000)}`))).toBeNull();
    expect(aiRequestEvent('start', details('not a url'))).toBeNull();
  });

  it('each fall within the listeners’ filters, and each belongs to one product', () => {
    // A browser match pattern: `*` takes any run of characters.
    const globMatches = (filter: string, url: string) => new RegExp(`^${filter.split('*').map((part) => part.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`).test(url);
    const filters = AI_REQUESTS.filterUrls();
    let patterns = 0;
    for (const product of CATALOG.products) {
      for (const pattern of product.aiRequests ?? []) {
        patterns++;
        const url = `https://${pattern.host}${pattern.path.replaceAll('*', 'id-42')}?x=1`;
        expect(AI_REQUESTS.match(url, pattern.method), url).toBe(product.id);
        expect(filters).toContain(filterUrl(pattern));
        expect(filters.some((filter) => globMatches(filter, url)), url).toBe(true);
      }
    }
    expect(patterns).toBeGreaterThanOrEqual(7);
    // No filter takes a whole site: each names a path.
    for (const filter of filters) expect(filter).toMatch(/^https:\/\/[a-z0-9.-]+\/[^*]+/);
  });
});

describe('early warning in the worker', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('warns on the tab when a product’s requests fail, in its own badge and words, while the status page is all clear', async () => {
    await claudeTab(7);
    const ctx = ctxAt(NOW);
    expect(await request(ctx, 'claude', 50, { status: 200 })).toBe(false);
    expect(await request(ctx, 'claude', 40, { status: 529 })).toBe(false);
    expect(await request(ctx, 'claude', 25, { status: 529 })).toBe(false);
    // The third failure, 30 s after the first: what the tab shows changes.
    expect(await request(ctx, 'claude', 10, { status: 503 })).toBe(true);
    await refreshBadge(ctx, 7);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('FAIL');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe(
      "Upstream\nYour Claude requests are failing: 3 of the last 4 in under a minute; Anthropic's status page reports no incident yet",
    );
    const view = await tabView(ctx, 7);
    const claude = view.products.find((product) => product.status.productId === 'claude');
    expect(claude?.earlyWarning?.warning).toMatchObject({ kind: 'failing', failed: 3, total: 4 });
    expect(claude?.earlyWarning?.pages).toBe('calm');
    // Only counts are kept: no URL, no tab, no body.
    expect(JSON.stringify(await stored())).not.toMatch(/claude\.ai|conv-1|org-1/);
  });

  it('keeps nothing with the switch off, and forgets what it kept when the switch goes off', async () => {
    const off = { ...DEFAULT_SETTINGS, earlyWarning: false };
    expect(await request(ctxAt(NOW, undefined, off), 'claude', 10, { status: 503 })).toBe(false);
    expect(await stored()).toBeUndefined();
    await request(ctxAt(NOW), 'claude', 10, { status: 503 });
    expect(await stored()).toBeDefined();
    expect((await earlyWarningNow(ctxAt(NOW, undefined, off))).verdicts.size).toBe(0);
    expect(await stored()).toBeUndefined();
    expect(await fakeBrowser.alarms.get(EARLY_WARNING_ALARM)).toBeUndefined();
    // The switch is on unless the user turned it off; a stored value that is not a boolean is the default.
    expect(parseSettings(undefined).earlyWarning).toBe(true);
    expect(parseSettings({ earlyWarning: false }).earlyWarning).toBe(false);
    expect(parseSettings({ earlyWarning: 'no' }).earlyWarning).toBe(true);
  });

  it('decides a timeout at the next look (the alarm set for it), and lets counts expire', async () => {
    const ctx = ctxAt(NOW);
    await observeRequest(ctx, { phase: 'start', productId: 'claude', request: 'slow', at: NOW.getTime() - 10 * S });
    const alarm = await fakeBrowser.alarms.get(EARLY_WARNING_ALARM);
    expect(alarm?.scheduledTime).toBe(NOW.getTime() - 10 * S + EARLY_WARNING.timeoutMs);
    await earlyWarningNow(ctxAt(new Date(NOW.getTime() + EARLY_WARNING.timeoutMs)));
    expect(JSON.stringify(await stored())).toContain('"kind":"timeout"');
    // Five minutes later the count is gone, and so is the alarm.
    await earlyWarningNow(ctxAt(new Date(NOW.getTime() + EARLY_WARNING.timeoutMs + EARLY_WARNING.windowMs)));
    expect(await stored()).toBeUndefined();
    expect(await fakeBrowser.alarms.get(EARLY_WARNING_ALARM)).toBeUndefined();
  });

  it('bounds what a flood of requests can make it keep', async () => {
    const ctx = ctxAt(NOW);
    for (let i = 0; i < 100; i++) await observeRequest(ctx, { phase: 'start', productId: `product-${i % 40}`, request: String(i), at: NOW.getTime() - i });
    const state = (await stored()) as { products: Record<string, { pending: unknown[] }> };
    expect(Object.keys(state.products)).toHaveLength(EARLY_WARNING.products);
    for (const observations of Object.values(state.products)) expect(observations.pending.length).toBeLessThanOrEqual(EARLY_WARNING.pendingPerProduct);
  });

  it('says it is likely the connection when the status pages cannot be reached either', async () => {
    await claudeTab(7);
    const down = ctxAt(NOW, anthropic('allclear', new Date(NOW.getTime() - 5 * S), { kind: 'network' }));
    await request(down, 'claude', 40, { error: 'net::ERR_CONNECTION_REFUSED' });
    await request(down, 'claude', 25, { error: 'net::ERR_CONNECTION_REFUSED' });
    await request(down, 'claude', 10, { error: 'net::ERR_CONNECTION_REFUSED' });
    await refreshBadge(down, 7);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('NET');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toContain('it is likely your connection, not Claude');
    // The same failures while the status page answers: it is Claude.
    const up = ctxAt(NOW, anthropic('allclear', new Date(NOW.getTime() - 5 * S)));
    await refreshBadge(up, 7);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('FAIL');
  });

  it('records how much earlier it knew once the status page admits it, and shows it with the official outage', async () => {
    await claudeTab(7);
    const warnedAt = NOW.getTime();
    const ctx = ctxAt(NOW);
    for (const secondsAgo of [40, 25, 0]) await request(ctx, 'claude', secondsAgo, { status: 529 });
    expect((await earlyWarningNow(ctx)).episodes).toMatchObject([{ productId: 'claude', providerIds: ['anthropic'], warnedAt, admitted: null }]);

    // Seven minutes later the page posts an incident on claude.ai; Upstream reads it (the poll stores the incident).
    const posted = new Date(warnedAt + 7 * MIN);
    const records = anthropic('app-outage', posted);
    const health = records.get('anthropic')!.health!;
    await writePollResult(records.get('anthropic')!, { providerId: 'anthropic', nextPollAt: 0 }, [], mergeIncidents('anthropic', [], health));
    const later = ctxAt(new Date(warnedAt + 8 * MIN), records);
    const settled = await earlyWarningNow(later);
    expect(settled.episodes[0]?.admitted).toEqual({ providerId: 'anthropic', at: posted.getTime(), incidentId: 'upstrm0app', incidentTitle: CLAUDE_APP_INCIDENT_TITLE, leadMs: 7 * MIN });
    expect(await readEarlyWarnings('anthropic', '2026-01-01T00:00:00.000Z', 10)).toEqual([
      {
        providerId: 'anthropic',
        productId: 'claude',
        warnedAt: NOW.toISOString(),
        lastFailureAt: NOW.toISOString(),
        admittedAt: posted.toISOString(),
        incidentId: 'upstrm0app',
        incidentTitle: CLAUDE_APP_INCIDENT_TITLE,
        leadMs: 7 * MIN,
      },
    ]);
    // Written once, however often the state is settled again.
    await earlyWarningNow(later);
    expect(await readEarlyWarnings('anthropic', '2026-01-01T00:00:00.000Z', 10)).toHaveLength(1);
    await refreshBadge(later, 7);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('OUT');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe(
      "Upstream\nClaude → Anthropic: major outage\nUpstream knew 7 min earlier: your Claude requests were failing before Anthropic's status page said so.",
    );
    const view = await tabView(later, 7);
    expect(view.products[0]?.earlyWarning?.admission).toEqual({ providerName: 'Anthropic', leadMs: 7 * MIN, incidentTitle: CLAUDE_APP_INCIDENT_TITLE });
  });

  it('says so when the status page has not been read yet, rather than that it is calm', async () => {
    await claudeTab(7);
    const unread = ctxAt(NOW, new Map());
    for (const secondsAgo of [40, 25, 0]) await request(unread, 'claude', secondsAgo, { status: 502 });
    await refreshBadge(unread, 7);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('FAIL');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('Upstream\nYour Claude requests are failing: 3 of the last 3 in under a minute; Upstream has not read the status page of Anthropic yet');
  });

  it('claims no lead time against a status page it could not read when it warned', async () => {
    const stale = ctxAt(NOW, anthropic('allclear', new Date(NOW.getTime() - 2 * 3600_000)));
    for (const secondsAgo of [40, 25, 0]) await request(stale, 'claude', secondsAgo, { status: 503 });
    const settled = await earlyWarningNow(stale);
    expect(settled.verdicts.get('claude')?.kind).toBe('failing');
    expect(settled.episodes).toEqual([]);
  });

  it('does not count a redirected request as anything, nor as a timeout later', async () => {
    const ctx = ctxAt(NOW);
    const redirect = aiRequestEvent('redirect', { url: COMPLETION, method: 'POST', requestId: 'r', timeStamp: NOW.getTime() - 70 * S });
    expect(redirect).toMatchObject({ phase: 'redirect', productId: 'claude' });
    await observeRequest(ctx, { phase: 'start', productId: 'claude', request: 'r', at: NOW.getTime() - 71 * S });
    await observeRequest(ctx, redirect!);
    await earlyWarningNow(ctx);
    expect(await stored()).toBeUndefined();
  });

  it('records a warning the page never admitted, an hour after the last failure', async () => {
    const ctx = ctxAt(NOW);
    for (const secondsAgo of [40, 25, 0]) await request(ctx, 'claude', secondsAgo, { status: 503 });
    await earlyWarningNow(ctx);
    const quiet = (minutes: number) => ctxAt(new Date(NOW.getTime() + minutes * MIN));
    await earlyWarningNow(quiet(30));
    expect(await readEarlyWarnings('anthropic', '2026-01-01T00:00:00.000Z', 10)).toEqual([]);
    await earlyWarningNow(quiet(61));
    expect(await readEarlyWarnings('anthropic', '2026-01-01T00:00:00.000Z', 10)).toMatchObject([{ productId: 'claude', admittedAt: null, leadMs: null }]);
    expect(await stored()).toBeUndefined();
  });
});
