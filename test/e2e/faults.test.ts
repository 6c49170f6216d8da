import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { badge, healthRecord, openPopup, overrideStatusPage, tabIdFor, waitFor, type ExtensionBrowser } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import type { ReadError } from '../../src/model/health.ts';
import { ALL_CLEAR, QUIET_DAYS, type Fault, type HttpsWorld } from './support/https-world.ts';

/**
 * Status pages misbehave in each way a real one can (status.claude.com above all); the Notion tab shows the
 * honest state (never a false all clear) and recovers when the page does. The schedule runs with minutes as
 * two seconds; request timeouts stay real (10 s).
 */
describe('status page faults, in real Chromium', () => {
  const world = useExtensionWorld();
  let server: HttpsWorld;
  let browser: ExtensionBrowser;
  let notionTab: number;

  const claudeRequests = async () => server.world.log.filter((entry) => entry.host === 'status.claude.com');
  const anthropic = () => healthRecord(browser.context, 'anthropic');

  /** Waits for the failure to count three times in a row: the state is then "unknown", not the last reading. */
  async function expectUnknownAfterThreeMisses(error: ReadError, words: string): Promise<void> {
    const record = await waitFor(anthropic, (r) => (r?.consecutiveFailures ?? 0) >= 3, 40_000);
    expect(record?.lastError).toEqual(error);
    expect(await waitFor(() => badge(browser.context, notionTab), (b) => b.text === '?')).toEqual({
      text: '?',
      title: 'Upstream\nNotion AI → Anthropic: status unknown',
    });
    const popup = await openPopup(browser, notionTab);
    const card = popup.locator('[data-provider="anthropic"]');
    await card.getByText(`The status page could not be read: ${words}.`, { exact: false }).waitFor();
    expect(await card.innerText()).toContain(`The status page could not be read: ${words}. Last known: operational.`);
    expect(await card.getAttribute('data-level')).toBe('unknown');
    await popup.close();
  }

  async function expectRecovery(): Promise<void> {
    server.world.claudeFault = 'none';
    await waitFor(anthropic, (r) => r?.consecutiveFailures === 0 && r.lastError === null, 40_000);
    const cleared = await waitFor(() => badge(browser.context, notionTab), (b) => b.text === '' && ALL_CLEAR.test(b.title));
    expect(cleared.title).toMatch(ALL_CLEAR);
  }

  beforeAll(async () => {
    ({ server, browser } = world);
    const notion = await browser.context.newPage();
    await notion.goto('https://www.notion.so/');
    notionTab = await tabIdFor(browser.context, 'www.notion.so');
  });

  beforeEach(async () => {
    server.world.claudeFault = 'none';
    server.setClaude('allclear');
    await waitFor(() => badge(browser.context, notionTab), (b) => ALL_CLEAR.test(b.title), 30_000);
  });

  it.each<[Fault, ReadError, string]>([
    ['http-500', { kind: 'http', status: 500 }, 'it answered with an error (HTTP 500)'],
    ['html', { kind: 'format', found: 'html' }, 'its format changed: it answered with a web page instead of its data'],
    ['huge', { kind: 'too-large' }, 'its answer was too large to be a status'],
  ])('%s: unknown after three misses, said in words, then recovers', async (fault, error, words) => {
    server.world.claudeFault = fault;
    await expectUnknownAfterThreeMisses(error, words);
    await expectRecovery();
  });

  it('a hang past the timeout: the popup says the read failed, and the page recovers', async () => {
    server.world.claudeFault = 'hang';
    const record = await waitFor(anthropic, (r) => r?.lastError?.kind === 'timeout', 30_000);
    // One miss keeps the last reading on screen, with a note.
    expect(record?.health?.level).toBe('operational');
    const popup = await openPopup(browser, notionTab);
    await popup.getByText('The latest read of the status page failed: it did not answer in time. Showing the previous reading.').waitFor();
    await popup.close();
    await expectRecovery();
  });

  it('429 with Retry-After: no request before the wait is over', async () => {
    server.world.retryAfterSeconds = 8;
    server.world.claudeFault = 'rate-limit';
    const limited = await waitFor(claudeRequests, (log) => log.some((entry) => entry.status === 429), 20_000);
    const firstLimitAt = limited.find((entry) => entry.status === 429)!.at;
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    const during = (await claudeRequests()).filter((entry) => entry.at > firstLimitAt && entry.at < firstLimitAt + 7_500);
    expect(during).toEqual([]);
    expect((await anthropic())?.lastError).toEqual({ kind: 'http', status: 429 });
    await expectRecovery();
  });

  it('304: an unchanged page is revalidated, and its state holds', async () => {
    server.setClaude('outage');
    await waitFor(() => badge(browser.context, notionTab), (b) => b.text === 'OUT');
    const since = Date.now();
    await waitFor(claudeRequests, (log) => log.filter((entry) => entry.at > since && entry.status === 304).length >= 2, 20_000);
    expect((await badge(browser.context, notionTab)).text).toBe('OUT');
    expect((await anthropic())?.consecutiveFailures).toBe(0);
    server.setClaude('resolved');
    await waitFor(() => badge(browser.context, notionTab), (b) => b.text === '');
  });

  it('status.anthropic.com redirects to status.claude.com, and the redirect is followed', async () => {
    await overrideStatusPage(browser.context, 'anthropic', 'https://status.anthropic.com');
    try {
      const since = Date.now();
      server.setClaude('outage');
      await waitFor(() => badge(browser.context, notionTab), (b) => b.text === 'OUT');
      const log = server.world.log.filter((entry) => entry.at >= since);
      expect(log.some((entry) => entry.host === 'status.anthropic.com' && entry.status === 301)).toBe(true);
      expect(log.some((entry) => entry.host === 'status.claude.com' && entry.status === 200)).toBe(true);
    } finally {
      await overrideStatusPage(browser.context, 'anthropic', null);
    }
  });

  it('a calm page unchanged for months is still believed: the tab stays all clear', async () => {
    server.world.claudeFault = 'quiet';
    const since = Date.now();
    // Several reads of the quiet page later, nothing has changed on the tab.
    await waitFor(claudeRequests, (log) => log.filter((entry) => entry.at > since && entry.status === 200).length >= 3, 30_000);
    expect((await badge(browser.context, notionTab)).title).toMatch(ALL_CLEAR);
    const reading = (await anthropic())!.health!;
    expect(Date.now() - Date.parse(reading.pageUpdatedAt!)).toBeGreaterThan((QUIET_DAYS - 1) * 86_400_000);
  });

  it('a page no longer published (a feed silent on every product for months) reads unknown, and clears when it is live again', async () => {
    server.world.abandonedDaysAgo.set('google', 90);
    try {
      const frozen = await waitFor(() => badge(browser.context, notionTab), (b) => b.text === '?', 40_000);
      expect(frozen.title).toBe('Upstream\nNotion AI → Google Cloud (Vertex AI / Gemini API): status unknown');
      const popup = await openPopup(browser, notionTab);
      const card = popup.locator('[data-provider="google"]');
      await card.getByText(/stopped updating/).waitFor();
      expect(await card.getAttribute('data-level')).toBe('unknown');
      await popup.close();
    } finally {
      server.world.abandonedDaysAgo.delete('google');
    }
    await waitFor(() => badge(browser.context, notionTab), (b) => b.text === '' && ALL_CLEAR.test(b.title), 40_000);
  });
});
