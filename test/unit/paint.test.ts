import { fakeBrowser, pageSender, resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../src/background/db.ts';
import { pageReport } from '../../src/background/handlers/page-report.ts';
import { forgetTab } from '../../src/background/tab-store.ts';
import { CACHED_TAB_VIEW_PREFIX } from '../../src/protocol/views.ts';
import { cachedTabView } from '../../src/ui/popup/cached-view.ts';
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

  it('ignores anything stored under the key that is not a view of that tab', async () => {
    await fakeBrowser.storage.session.set({ [`${CACHED_TAB_VIEW_PREFIX}9`]: { tabId: 8, products: [] }, [`${CACHED_TAB_VIEW_PREFIX}10`]: 'view' });
    expect(await cachedTabView(9)).toBeNull();
    expect(await cachedTabView(10)).toBeNull();
  });
});
