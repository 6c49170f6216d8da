import { EXTENSION_PAGE, fakeBrowser, pageSender, resetBrowser } from '../../support/fake-extension.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { definedGlobals } from '../../../src/background/page-globals.ts';
import { clearAll } from '../../../src/background/db.ts';
import { pageReport } from '../../../src/background/handlers/page-report.ts';
import { readStack } from '../../../src/background/stack-store.ts';
import { readTab } from '../../../src/background/tab-store.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import type { PageReport } from '../../../src/protocol/messages.ts';
import { allClearFetcher } from '../../support/all-clear-fetcher.ts';
import { testContext } from '../../support/worker-context.ts';

const report = (seq: number, hostname = 'www.notion.so'): PageReport => ({ hostname, path: '/', timeOrigin: 1000, seq, scripts: [], iframes: [], dom: [], meta: [] });
const CATALOG_INTERCOM_GLOBALS = CATALOG.products.find((product) => product.id === 'intercom-fin')!.detect.globals ?? [];
const ctx = () => testContext({ fetcher: allClearFetcher(new Date()) });

describe('page-report', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('is sent by the content script in a page only', () => {
    expect(pageReport.callers).toEqual(['page']);
  });

  it('detects the page’s product, remembers it for the tab, paints the badge and notes the visit', async () => {
    expect(await pageReport.handle(report(0), pageSender(5, 'www.notion.so'), ctx())).toEqual({ ok: true, value: null });
    const tab = await readTab(5);
    expect(tab?.detections.map((detection) => detection.productId)).toContain('notion-ai');
    // Nothing read yet: the badge says "unknown" rather than nothing.
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('?');
    expect(Object.keys((await readStack()).visits)).toEqual(['notion-ai']);
  });

  it('refuses a report about another site than the page it comes from', async () => {
    expect(await pageReport.handle(report(0, 'www.notion.so'), pageSender(5, 'evil.example'), ctx())).toEqual({ ok: false, error: { code: 'refused' } });
    expect(await pageReport.handle(report(0), EXTENSION_PAGE, ctx())).toEqual({ ok: false, error: { code: 'refused' } });
    expect(await readTab(5)).toBeUndefined();
  });

  describe('globals, read in the page’s world only when the catalog needs them', () => {
    const injections: { names: string[]; world: string; frameIds: number[] }[] = [];
    const scripting = (pageGlobals: string[]) => ({
      async executeScript(injection: { target: { frameIds: number[] }; world: string; func: (names: string[]) => string; args: [string[]] }) {
        injections.push({ names: injection.args[0], world: injection.world, frameIds: injection.target.frameIds });
        // The function runs against a window defining the page's globals, as it would in the page.
        const window = new Window();
        for (const name of pageGlobals) (window as unknown as Record<string, unknown>)[name] = {};
        const run = new Function('window', `return (${injection.func.toString()})(...arguments[1])`) as (window: unknown, args: [string[]]) => string;
        return [{ frameId: 0, result: run(window, injection.args) }];
      },
    });
    const intercomScript = { ...report(0, 'shop.acme-hardware.com'), scripts: ['widget.intercom.io/widget/abc', 'cdn.acme-hardware.com/app.js'] };
    afterEach(() => {
      injections.length = 0;
      delete (fakeBrowser as { scripting?: unknown }).scripting;
    });

    it('on a page whose widget script matched: asks for that widget’s globals only, and a found one makes it certain', async () => {
      (fakeBrowser as { scripting?: unknown }).scripting = scripting(['Intercom']);
      await pageReport.handle(intercomScript, pageSender(6, 'shop.acme-hardware.com'), ctx());
      expect(injections).toHaveLength(1);
      expect(injections[0]!.world).toBe('MAIN');
      expect(injections[0]!.frameIds).toEqual([0]);
      expect(injections[0]!.names).toContain('Intercom');
      expect(injections[0]!.names.every((name) => CATALOG_INTERCOM_GLOBALS.includes(name))).toBe(true);
      const tab = await readTab(6);
      expect(tab?.globals).toEqual(['Intercom']);
      expect(tab?.detections.find((detection) => detection.productId === 'intercom-fin')).toMatchObject({ confidence: 'high' });
      // Only what matched is kept of the report: not the page's own script.
      expect(tab?.report.scripts).toEqual(['widget.intercom.io/widget/abc']);
    });

    it('on a page with no catalog signal, nothing runs in the page', async () => {
      (fakeBrowser as { scripting?: unknown }).scripting = scripting(['Intercom']);
      await pageReport.handle({ ...report(0, 'news.example.org'), scripts: ['cdn.example.org/app.js'] }, pageSender(7, 'news.example.org'), ctx());
      expect(injections).toEqual([]);
      expect((await readTab(7))?.report.scripts).toEqual([]);
    });

    it('an answer naming globals it was not asked about counts for nothing', async () => {
      (fakeBrowser as { scripting?: unknown }).scripting = {
        executeScript: async () => [{ frameId: 0, result: 'Tawk_API\nzE\n' }],
      };
      await pageReport.handle(intercomScript, pageSender(8, 'shop.acme-hardware.com'), ctx());
      expect((await readTab(8))?.globals).toEqual([]);
    });
  });

  it('the page-world check reads no property and calls nothing the page could have replaced', () => {
    const window = new Window() as unknown as Record<string, unknown>;
    let trapped = 0;
    Object.defineProperty(window, 'Intercom', { get: () => trapped++, configurable: true });
    window.Array = undefined;
    const run = new Function('window', `return (${definedGlobals.toString()})(arguments[1])`) as (window: unknown, names: string[]) => string;
    expect(run(window, ['Intercom', 'Tawk_API'])).toBe('Intercom\n');
    expect(trapped).toBe(0);
  });

  it('keeps the newer of two reports of one page that arrive out of order', async () => {
    await pageReport.handle({ ...report(2), path: '/newer' }, pageSender(5, 'www.notion.so'), ctx());
    await pageReport.handle({ ...report(1), path: '/older' }, pageSender(5, 'www.notion.so'), ctx());
    expect((await readTab(5))?.report.path).toBe('/newer');
  });
});
