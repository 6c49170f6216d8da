import { EXTENSION_PAGE, fakeBrowser, pageSender, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/background/db.ts';
import { pageReport } from '../../../src/background/handlers/page-report.ts';
import { readStack } from '../../../src/background/stack-store.ts';
import { readTab } from '../../../src/background/tab-store.ts';
import type { PageReport } from '../../../src/protocol/messages.ts';
import { allClearFetcher } from '../../support/all-clear-fetcher.ts';
import { testContext } from '../../support/worker-context.ts';

const report = (seq: number, hostname = 'www.notion.so'): PageReport => ({ hostname, path: '/', timeOrigin: 1000, seq, scripts: [], iframes: [], dom: [], meta: [], globals: [] });
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

  it('keeps the newer of two reports of one page that arrive out of order', async () => {
    await pageReport.handle({ ...report(2), path: '/newer' }, pageSender(5, 'www.notion.so'), ctx());
    await pageReport.handle({ ...report(1), path: '/older' }, pageSender(5, 'www.notion.so'), ctx());
    expect((await readTab(5))?.report.path).toBe('/newer');
  });
});
