import { pageSender, resetBrowser, EXTENSION_PAGE } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/background/db.ts';
import { getTabView } from '../../../src/background/handlers/get-tab-view.ts';
import { pageReport } from '../../../src/background/handlers/page-report.ts';
import { parseStatuspageSummary } from '../../../src/status/adapters/atlassian-statuspage.ts';
import { claudeSummary } from '../../fixtures/status/scenarios.ts';
import { testContext } from '../../support/worker-context.ts';

describe('get-tab-view', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('is for Upstream’s own pages only', () => {
    expect(getTabView.callers).toEqual(['extension-page']);
  });

  it('shows the tab’s products with their live status, alternatives and pin', async () => {
    const now = new Date();
    await pageReport.handle({ hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 0, scripts: [], iframes: [], dom: [], meta: [] }, pageSender(9, 'www.notion.so'), testContext({ now }));
    const read = parseStatuspageSummary(claudeSummary('outage', now), 'https://status.claude.com', now);
    if (!read.ok) throw new Error('fixture must parse');
    const records = new Map([['anthropic', { providerId: 'anthropic', health: read.health, lastAttemptAt: now.toISOString(), lastError: null, consecutiveFailures: 0 }]]);
    const stack = { visits: {}, pinned: ['notion-ai'] };
    const reply = await getTabView.handle({ tabId: 9 }, EXTENSION_PAGE, testContext({ now, records, stack }));
    if (!reply.ok) throw new Error('expected a view');
    const [notion] = reply.value.products;
    expect(notion?.status).toMatchObject({ productId: 'notion-ai', level: 'major_outage' });
    expect(notion?.pinned).toBe(true);
    // During the outage, alternatives avoid Anthropic.
    expect(notion?.alternatives.length).toBeGreaterThan(0);
    expect(reply.value.lastPollAt).toBe(now.toISOString());
  });

  it('answers an empty view for a tab it has not seen', async () => {
    const ctx = testContext();
    expect(await getTabView.handle({ tabId: 404 }, EXTENSION_PAGE, ctx)).toEqual({
      ok: true,
      value: { tabId: 404, hostname: null, products: [], lastPollAt: null, data: ctx.data.provenance },
    });
  });
});
