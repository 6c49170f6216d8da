import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLAUDE_APP_INCIDENT_TITLE } from '../fixtures/status/scenarios.ts';
import { axeViolations } from './support/axe.ts';
import { badge, evaluateInWorker, openExtensionPage, openPopup, tabIdFor, waitFor } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import type { Answer } from './support/https-world.ts';

/**
 * Early warning in a real Chromium: product pages in the local HTTPS world whose AI requests fail while every
 * status page is all clear, then a status page that admits it, then the network down for every host, then the
 * switch in Options off.
 */
const page = (title: string): Answer => ({
  status: 200,
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
});
const json = (status: number, body: unknown): Answer => ({ status, type: 'application/json', body: JSON.stringify(body) });

const CHATGPT_SEND = '/backend-api/f/conversation';
const CLAUDE_SEND = '/api/organizations/org-1/chat_conversations/c1/completion';
const GROK_SEND = '/rest/app-chat/conversations/new';
const DEEPSEEK_SEND = '/api/v0/chat/completion';

/** The page sends its AI request every `everyMs`, as a user chatting and retrying would (same-origin POSTs). */
async function sendEvery(tab: Page, path: string, everyMs = 2000): Promise<void> {
  await tab.evaluate(
    ([url, ms]) => {
      const send = () => void fetch(url, { method: 'POST', body: '{"prompt":"hello"}', headers: { 'content-type': 'application/json' } }).catch(() => undefined);
      send();
      setInterval(send, ms);
    },
    [path, everyMs] as const,
  );
}

const operational = (title: string) => /operational$/.test(title);

describe('early warning: a tab says so when its product’s AI requests fail, before the status page does', () => {
  const world = useExtensionWorld({
    extraHosts: ['chatgpt.com', 'claude.ai', 'chat.deepseek.com'],
    prepare(server) {
      const { statusOverrides } = server.world;
      statusOverrides.set('chatgpt.com', (_req, path) => (path === CHATGPT_SEND ? json(503, { detail: 'Service Unavailable' }) : page('ChatGPT')));
      statusOverrides.set('claude.ai', (_req, path) => (path === CLAUDE_SEND ? json(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) : page('Claude')));
      statusOverrides.set('grok.com', (_req, path) => (path === GROK_SEND ? json(200, { result: {} }) : page('Grok')));
      statusOverrides.set('chat.deepseek.com', (_req, path) => (path === DEEPSEEK_SEND ? json(200, { data: {} }) : page('DeepSeek')));
    },
  });
  const tabs: Record<'chatgpt' | 'claude' | 'grok' | 'deepseek', { page: Page; id: number }> = {} as never;
  let claudeWarnedAt = 0;

  it('warns on a ChatGPT tab (503s) and a Claude tab (529s) within a minute while every status page is all clear; a tab whose requests succeed stays calm', async () => {
    const { browser } = world;
    const { context } = browser;
    for (const [name, url] of [
      ['chatgpt', 'https://chatgpt.com/c/1'],
      ['claude', 'https://claude.ai/chat/c1'],
      ['grok', 'https://grok.com/chat'],
      ['deepseek', 'https://chat.deepseek.com/a/chat'],
    ] as const) {
      const tab = await context.newPage();
      await tab.goto(url);
      tabs[name] = { page: tab, id: await tabIdFor(context, new URL(url).hostname) };
    }
    // Every tab all clear first: its status page read and calm.
    for (const { id } of Object.values(tabs)) await waitFor(() => badge(context, id), (b) => b.text === '' && operational(b.title), 30_000);

    const start = Date.now();
    await sendEvery(tabs.chatgpt.page, CHATGPT_SEND);
    await sendEvery(tabs.claude.page, CLAUDE_SEND);
    await sendEvery(tabs.grok.page, GROK_SEND);

    const chatgpt = await waitFor(() => badge(context, tabs.chatgpt.id), (b) => b.text === 'FAIL', 60_000);
    const claude = await waitFor(() => badge(context, tabs.claude.id), (b) => b.text === 'FAIL', 60_000);
    expect(Date.now() - start).toBeLessThan(60_000);
    expect(chatgpt.title).toMatch(/^Upstream\nYour ChatGPT requests are failing: (\d+) of the last \1 in (under a minute|\d+ min); OpenAI's status page reports no incident yet$/);
    expect(claude.title).toMatch(/^Upstream\nYour Claude requests are failing: (\d+) of the last \1 in (under a minute|\d+ min); Anthropic's status page reports no incident yet$/);
    // Grok's requests succeed: no warning, the official all clear.
    const grok = await badge(context, tabs.grok.id);
    expect(grok.text).toBe('');
    expect(operational(grok.title)).toBe(true);

    const popup = await openPopup(browser, tabs.claude.id);
    const note = popup.locator('.early-warning');
    await note.waitFor();
    const text = await note.innerText();
    expect(text).toContain('Seen in this browser');
    expect(text).toMatch(/Your Claude requests are failing: \d+ of the last \d+ in .*; Anthropic's status page reports no incident yet/);
    expect(text).toMatch(/What failed: \d+ × HTTP 529 \(overloaded\)\./);
    // The status page's own word is still all clear, and said apart.
    expect(await popup.locator('[data-provider="anthropic"]').getAttribute('data-level')).toBe('operational');
    // The popup with an early warning, in light and dark colour schemes, passes axe-core.
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      expect(await axeViolations(popup)).toEqual([]);
    }
    await popup.close();

    const state = (await evaluateInWorker(context, async () => (await chrome.storage.session.get('early-warning'))['early-warning'], undefined)) as { episodes: { productId: string; warnedAt: number }[] };
    claudeWarnedAt = state.episodes.find((episode) => episode.productId === 'claude')?.warnedAt ?? 0;
    expect(claudeWarnedAt).toBeGreaterThan(start);
    // Only counts are kept: no URL, path or page of the requests.
    expect(JSON.stringify(state)).not.toMatch(/chatgpt\.com|claude\.ai|backend-api|organizations/);
  });

  it('when the status page then posts the incident, the popup says how much earlier Upstream knew and the provider page shows the lead time', async () => {
    const { server, browser } = world;
    const { context } = browser;
    // A minute and a bit after the warning, Anthropic admits it.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, claudeWarnedAt + 62_000 - Date.now())));
    server.setClaude('app-outage');
    const out = await waitFor(() => badge(context, tabs.claude.id), (b) => b.text === 'OUT', 30_000);
    const records = await evaluateInWorker(
      context,
      () =>
        new Promise<{ leadMs: number | null; incidentTitle: string | null }[]>((resolve, reject) => {
          const open = indexedDB.open('upstream');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('early-warnings').objectStore('early-warnings').getAll();
            all.onsuccess = () => {
              open.result.close();
              resolve(all.result);
            };
            all.onerror = () => reject(all.error);
          };
        }),
      undefined,
    );
    const claudeRecord = records.find((record) => record.incidentTitle === CLAUDE_APP_INCIDENT_TITLE);
    expect(claudeRecord?.leadMs).toBeGreaterThanOrEqual(62_000);
    const minutes = Math.floor((claudeRecord?.leadMs ?? 0) / 60_000);
    const knew = `Upstream knew ${minutes} min earlier: your Claude requests were failing before Anthropic's status page said so.`;
    expect(out.title).toContain('Claude → Anthropic: major outage');
    expect(out.title).toContain(knew);

    const popup = await openPopup(browser, tabs.claude.id);
    await popup.getByText(knew).waitFor();
    await popup.getByText(CLAUDE_APP_INCIDENT_TITLE).first().waitFor();
    await popup.close();

    const provider = await openExtensionPage(browser, { app: '/provider/anthropic' });
    await provider.getByRole('heading', { name: 'Did the status page say so in time?' }).waitFor();
    const history = provider.locator('.early-warnings');
    await history.locator('.early-warning-record[data-product="claude"]').first().waitFor();
    const shown = await history.innerText();
    expect(shown).toContain(`Said so after your requests failed: 1 of 1 times, a median of ${minutes} min later`);
    expect(shown).toMatch(new RegExp(`Claude requests failing .*: the page said so ${minutes} min later · ${CLAUDE_APP_INCIDENT_TITLE}`));
    await provider.close();
  });

  it('with the network down for every host, the wording says it is likely the connection', async () => {
    const { server, browser } = world;
    const { context } = browser;
    server.world.down = true;
    try {
      await sendEvery(tabs.deepseek.page, DEEPSEEK_SEND);
      const net = await waitFor(() => badge(context, tabs.deepseek.id), (b) => b.text === 'NET', 60_000);
      expect(net.title).toMatch(/^Upstream\nYour DeepSeek Chat requests are failing \(\d+ of the last \d+ in .*\), and so are other sites: it is likely your connection, not DeepSeek Chat$/);
      const popup = await openPopup(browser, tabs.deepseek.id);
      await popup.getByText(/it is likely your connection, not DeepSeek Chat/).waitFor();
      expect(await popup.locator('.early-warning').innerText()).toMatch(/What failed: \d+ × no connection\./);
      await popup.close();
    } finally {
      server.world.down = false;
    }
  });

  it('with the switch off in Options, nothing is observed', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const options = await openExtensionPage(browser, 'options');
    const toggle = options.getByLabel('Warn when the AI requests of a product on your tabs fail before its status page says so');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    const kept = () => evaluateInWorker(context, async () => ({ state: (await chrome.storage.session.get('early-warning'))['early-warning'] ?? null, alarm: (await chrome.alarms.get('early-warning')) ?? null }), undefined);
    await waitFor(kept, (value) => value.state === null && value.alarm === null);
    await waitFor(() => badge(context, tabs.chatgpt.id), (b) => b.text !== 'FAIL' && b.text !== 'NET');

    // The pages go on failing for a while: nothing is counted, nothing warns.
    const since = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    const failedMeanwhile = server.world.log.filter((entry) => entry.at >= since && entry.host === 'chatgpt.com' && entry.path === CHATGPT_SEND && entry.status === 503).length;
    expect(failedMeanwhile).toBeGreaterThanOrEqual(5);
    expect(await kept()).toEqual({ state: null, alarm: null });
    expect((await badge(context, tabs.chatgpt.id)).text).not.toMatch(/FAIL|NET/);
    expect((await badge(context, tabs.chatgpt.id)).title).not.toContain('requests are failing');
    await options.close();
  });
});
