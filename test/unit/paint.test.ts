import { fakeBrowser, pageSender, resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../src/background/db.ts';
import { pageReport } from '../../src/background/handlers/page-report.ts';
import { forgetTab } from '../../src/background/tab-store.ts';
import { CACHED_TAB_VIEW_PREFIX } from '../../src/protocol/views.ts';
import { cachedTabView } from '../../src/ui/popup/cached-view.ts';
import { CATALOG } from '../../src/catalog/index.ts';
import { TAB_DETECTIONS_CHARS, withinTabBound } from '../../src/background/detection.ts';
import { MAX_CACHED_VIEW_CHARS } from '../../src/background/paint.ts';
import type { TabRecord } from '../../src/background/tab-store.ts';
import { testContext } from '../support/worker-context.ts';

describe('the popup’s cached view of a tab', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('is written when the tab is painted, read by the popup without the worker, and forgotten with the tab', async () => {
    expect(await cachedTabView(9)).toBeNull();
    await pageReport.handle({ hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 0, scripts: [], iframes: [], dom: [], meta: [] }, pageSender(9, 'www.notion.so'), testContext());
    const cached = await cachedTabView(9);
    expect(cached?.products.map((product) => product.status.productId)).toContain('notion-ai');
    expect(await cachedTabView(10)).toBeNull();
    await forgetTab(9);
    expect(await cachedTabView(9)).toBeNull();
  });

  it('keeps a tab’s record and cached view within their bounds when a page matches every catalog widget with long URLs', async () => {
    // Three 300-character URLs for each of the catalog's script and frame patterns, and every DOM marker.
    const long = (pattern: string, n: number) => `${pattern.replace(/^\*\./, 'x.')}/${'a'.repeat(300)}`.slice(0, 297) + String(n).padStart(3, '0');
    const urls = (kind: 'scripts' | 'iframes') => CATALOG.products.flatMap((p) => (p.detect[kind] ?? []).flatMap((pattern) => [0, 1, 2].map((n) => long(pattern, n)))).slice(0, 300);
    const dom = [...new Set(CATALOG.products.flatMap((p) => p.detect.dom ?? []))].slice(0, 200);
    const report = { hostname: 'shop.example', path: '/', timeOrigin: 1, seq: 0, scripts: urls('scripts'), iframes: urls('iframes'), dom, meta: [] };
    await pageReport.handle(report, pageSender(9, 'shop.example'), testContext());
    const stored = await fakeBrowser.storage.session.get(['tab:9', `${CACHED_TAB_VIEW_PREFIX}9`]);
    const record = stored['tab:9'] as TabRecord;
    expect(record.detections.length).toBeGreaterThan(10);
    expect(JSON.stringify(record).length).toBeLessThanOrEqual(TAB_DETECTIONS_CHARS + 1000);
    const view = stored[`${CACHED_TAB_VIEW_PREFIX}9`];
    if (view !== undefined) expect(JSON.stringify(view).length).toBeLessThanOrEqual(MAX_CACHED_VIEW_CHARS);
  });

  it('thins a tab’s detections only past the bound: one value per kind of signal, then the least confident products go', () => {
    const evidence = (signal: 'script' | 'dom', n: number) => ({ signal, matched: `${signal}-${n}-${'v'.repeat(100)}`, pattern: signal });
    const detection = (productId: string, confidence: 'high' | 'low') => ({ productId, confidence, evidence: [evidence('script', 1), evidence('script', 2), evidence('dom', 1)] });
    const page = [detection('a', 'high'), detection('b', 'high'), detection('c', 'low')];
    expect(withinTabBound(page)).toEqual(page);
    const thinned = withinTabBound(page, 2000);
    expect(thinned.map((d) => d.productId)).toEqual(['a', 'b', 'c']);
    expect(thinned[0]!.evidence.map((e) => e.matched)).toEqual([evidence('script', 1).matched, evidence('dom', 1).matched]);
    expect(withinTabBound(page, 1300).map((d) => d.productId)).toEqual(['a', 'b']);
  });

  it('ignores anything stored under the key that is not a view of that tab', async () => {
    await fakeBrowser.storage.session.set({ [`${CACHED_TAB_VIEW_PREFIX}9`]: { tabId: 8, products: [] }, [`${CACHED_TAB_VIEW_PREFIX}10`]: 'view' });
    expect(await cachedTabView(9)).toBeNull();
    expect(await cachedTabView(10)).toBeNull();
  });
});
