import { fakeBrowser, pageSender, resetBrowser } from '../support/fake-extension.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../src/background/db.ts';
import { pageReport } from '../../src/background/handlers/page-report.ts';
import { addressReport, alreadyShown, onTabLoaded, onTabNavigated, showOpenTabs } from '../../src/background/navigation.ts';
import { readStack } from '../../src/background/stack-store.ts';
import { acceptsReport } from '../../src/background/tab-page.ts';
import { readTab, type TabRecord } from '../../src/background/tab-store.ts';
import { USE_MARKERS, type PageReport } from '../../src/protocol/messages.ts';
import { allClearFetcher } from '../support/all-clear-fetcher.ts';
import { BUNDLED_DATA, testContext } from '../support/worker-context.ts';

const NOW = Date.now();
const ctx = () => testContext({ fetcher: allClearFetcher(new Date()) });
const page = (over: Partial<PageReport>): PageReport => ({ hostname: 'shop.acme-hardware.com', path: '/', timeOrigin: NOW - 500, seq: 1, scripts: [], iframes: [], dom: [], meta: [], ...over });
const record = (report: PageReport, navigatedAt?: number): TabRecord => ({ hostname: report.hostname, report, detections: [], ...(navigatedAt === undefined ? {} : { navigatedAt }) });
const products = async (tabId: number) => (await readTab(tabId))?.detections.map((detection) => detection.productId) ?? [];

describe('a tab’s address, learned from the tab', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('reads http(s) addresses only, as a report with no signals dated from the navigation', () => {
    expect(addressReport('https://www.Notion.so/workspace?x=1#y', NOW)).toEqual({ hostname: 'www.notion.so', path: '/workspace', timeOrigin: NOW, seq: 0, scripts: [], iframes: [], dom: [], meta: [] });
    for (const url of ['chrome://newtab/', 'about:blank', 'file:///etc/passwd', 'not a url', `chrome-extension://abc/x.html`]) expect(addressReport(url, NOW), url).toBeNull();
    expect(addressReport(`https://example.com/${'a'.repeat(5000)}`, NOW)!.path.length).toBeLessThan(5000);
  });

  it('recognises a product’s own site from the address alone: badge, stack and record, with no report from the page', async () => {
    await onTabNavigated(ctx(), 3, 'https://www.notion.so/', NOW);
    expect(await products(3)).toContain('notion-ai');
    expect((await readTab(3))?.navigatedAt).toBe(NOW);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('?');
    expect(Object.keys((await readStack()).visits)).toEqual(['notion-ai']);
  });

  it('leaving a product’s site for another page clears what the tab shows', async () => {
    await onTabNavigated(ctx(), 3, 'https://www.notion.so/', NOW);
    await onTabNavigated(ctx(), 3, 'https://news.example.org/story', NOW + 1000);
    expect(await products(3)).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 3 })).toBe('');
  });

  it('a single-page-app route is a new address: a product on one path of a site is recognised there', async () => {
    await onTabNavigated(ctx(), 4, 'https://chatgpt.com/', NOW);
    const home = await products(4);
    await onTabNavigated(ctx(), 4, 'https://chatgpt.com/codex', NOW + 2000);
    expect(await products(4)).toContain('chatgpt-codex-web');
    expect(home).not.toContain('chatgpt-codex-web');
  });

  it('a widget the page reports after the navigation joins the address’s products; one the page before sent late does not', async () => {
    await onTabNavigated(ctx(), 5, 'https://shop.acme-hardware.com/', NOW);
    // The page before (another address) had a widget; its report arrives after the navigation.
    const late = page({ hostname: 'shop.acme-hardware.com', path: '/old', timeOrigin: NOW - 60_000, scripts: ['widget.intercom.io/widget/abc'] });
    await pageReport.handle(late, pageSender(5, 'shop.acme-hardware.com'), ctx());
    expect(await products(5)).toEqual([]);
    // This page's own report: its document started before the browser told of the navigation.
    await pageReport.handle(page({ scripts: ['widget.intercom.io/widget/abc'] }), pageSender(5, 'shop.acme-hardware.com'), ctx());
    expect(await products(5)).toContain('intercom-fin');
    expect((await readTab(5))?.navigatedAt).toBeUndefined();
  });

  it('a page that reported before the browser told of its navigation keeps its report', async () => {
    await pageReport.handle(page({ scripts: ['widget.intercom.io/widget/abc'], timeOrigin: NOW - 800 }), pageSender(6, 'shop.acme-hardware.com'), ctx());
    await onTabNavigated(ctx(), 6, 'https://shop.acme-hardware.com/', NOW);
    expect(await products(6)).toContain('intercom-fin');
  });

  it('shows the tabs already open when Upstream starts, by their addresses, and leaves the others', async () => {
    await showOpenTabs(ctx(), [{ id: 11, url: 'https://www.notion.so/' }, { id: 12, url: 'chrome://settings/' }, { id: 13 }, { url: 'https://www.notion.so/' }], NOW);
    expect(await products(11)).toContain('notion-ai');
    expect(await readTab(12)).toBeUndefined();
    expect(await readTab(13)).toBeUndefined();
  });

  it('orders reports: the newer of one document, a newer document over an older one, the navigated address over other pages', () => {
    const shown = page({ timeOrigin: 1000, seq: 3 });
    expect(acceptsReport(undefined, shown)).toBe(true);
    expect(acceptsReport(record(shown), page({ timeOrigin: 1000, seq: 2 }))).toBe(false);
    expect(acceptsReport(record(shown), page({ timeOrigin: 1000, seq: 4 }))).toBe(true);
    expect(acceptsReport(record(shown), page({ timeOrigin: 900, seq: 9 }))).toBe(false);
    expect(acceptsReport(record(shown), page({ timeOrigin: 2000, seq: 1 }))).toBe(true);
    const navigated = record(page({ path: '/b', timeOrigin: 5000, seq: 0 }), 5000);
    expect(acceptsReport(navigated, page({ path: '/b', timeOrigin: 4000 }))).toBe(true);
    expect(acceptsReport(navigated, page({ path: '/a', timeOrigin: 4000 }))).toBe(false);
    expect(acceptsReport(navigated, page({ hostname: 'other.example', path: '/b', timeOrigin: 4000 }))).toBe(false);
  });

  it('is told the same address once: twice from the browser, or after the page’s own report of this load', () => {
    const address = addressReport('https://shop.acme-hardware.com/', NOW)!;
    expect(alreadyShown(undefined, address, NOW)).toBe(false);
    expect(alreadyShown(record(page({ seq: 0, timeOrigin: NOW - 100 }), NOW - 100), address, NOW)).toBe(true);
    expect(alreadyShown(record(page({ timeOrigin: NOW - 800 })), address, NOW)).toBe(true);
    // The same address loaded again long after: a new document, read afresh.
    expect(alreadyShown(record(page({ timeOrigin: NOW - 600_000 })), address, NOW)).toBe(false);
    expect(alreadyShown(record(page({ path: '/other', timeOrigin: NOW - 800 })), address, NOW)).toBe(false);
  });

  describe('a data pack’s markers, for a page that never reported', () => {
    const calls: { tabId: number; frameIds: number[]; args: unknown[] }[] = [];
    const markers = { dom: ['#acme-chat'], meta: [], urlHosts: ['chat.acme.example'] };
    const withPack = () => testContext({ fetcher: allClearFetcher(new Date()), data: { ...BUNDLED_DATA, info: { ...BUNDLED_DATA.info, markers } } });
    beforeEach(() => {
      (fakeBrowser as { scripting?: unknown }).scripting = {
        async executeScript(injection: { target: { tabId: number; frameIds: number[] }; func: (...args: unknown[]) => void; args: unknown[] }) {
          calls.push({ tabId: injection.target.tabId, frameIds: injection.target.frameIds, args: injection.args });
          // The function runs in the content script's world, where the content script left its hook.
          let given: unknown = null;
          const world = { [USE_MARKERS]: (next: unknown) => (given = next) };
          new Function('globalThis', `return (${injection.func.toString()})(...arguments[1])`)(world, injection.args);
          return [{ frameId: 0, result: given }];
        },
      };
    });
    afterEach(() => {
      calls.length = 0;
      delete (fakeBrowser as { scripting?: unknown }).scripting;
    });

    it('are handed to the content script’s own world of the top frame when the page has loaded', async () => {
      await onTabNavigated(ctx(), 7, 'https://shop.acme-hardware.com/', NOW);
      await onTabLoaded(withPack(), 7);
      expect(calls).toEqual([{ tabId: 7, frameIds: [0], args: [USE_MARKERS, markers] }]);
    });

    it('are not handed over without a pack, nor to a page that reported (its reply carried them)', async () => {
      await onTabNavigated(ctx(), 8, 'https://shop.acme-hardware.com/', NOW);
      await onTabLoaded(ctx(), 8);
      await pageReport.handle(page({ scripts: ['widget.intercom.io/widget/abc'] }), pageSender(8, 'shop.acme-hardware.com'), ctx());
      await onTabLoaded(withPack(), 8);
      // (The report's widget had its globals read in the page's world: that is another injection.)
      expect(calls.filter((call) => call.args[0] === USE_MARKERS)).toEqual([]);
    });
  });
});
