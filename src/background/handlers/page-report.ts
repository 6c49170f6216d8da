/**
 * A content script reports what the top-level page shows, once it has found something of the catalog's: detect
 * its products, paint the badge, note the visit; answer the page markers of a data pack in use, if they differ
 * from those the content script was built with.
 */
import { fail, ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { inTabOrder } from '../requests.ts';
import { acceptsReport, showTabPage } from '../tab-page.ts';
import { readTab } from '../tab-store.ts';

export const pageReport = defineHandler<'page-report'>({
  callers: ['page'],
  async handle(report, sender, ctx) {
    // A page speaks only about itself: a report about another hostname is refused.
    if (sender.caller !== 'page' || report.hostname !== sender.pageHostname) return fail('refused');
    const { tabId } = sender;
    await inTabOrder(tabId, async () => {
      const previous = await readTab(tabId);
      if (acceptsReport(previous, report)) await showTabPage(ctx, tabId, report, previous);
    });
    // While a data pack with other page markers is in use, the content script learns them from this reply.
    return ok(ctx.data.markers ? { markers: ctx.data.markers } : null);
  },
});
