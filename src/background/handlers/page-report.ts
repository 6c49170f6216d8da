/**
 * A content script reports what the top-level page shows: detect its products, paint the badge, note the visit;
 * answer the page markers of a data pack in use, if they differ from those the content script was built with.
 */
import { fail, ok } from '../../protocol/messages.ts';
import { repaintTab } from '../paint.ts';
import { pollAndPaint } from '../cycle.ts';
import { actionable, detectTabProducts } from '../detection.ts';
import { defineHandler } from '../handler.ts';
import { inTabOrder } from '../requests.ts';
import { noteVisits } from '../stack-store.ts';
import { readRequests, readTab, writeTab } from '../tab-store.ts';

export const pageReport = defineHandler<'page-report'>({
  callers: ['page'],
  async handle(report, sender, ctx) {
    // A page speaks only about itself: a report about another hostname is refused.
    if (sender.caller !== 'page' || report.hostname !== sender.pageHostname) return fail('refused');
    const { tabId } = sender;
    await inTabOrder(tabId, async () => {
      const previous = await readTab(tabId);
      // Reports of one page can arrive out of order; the newer one wins.
      if (previous && previous.report.timeOrigin === report.timeOrigin && previous.report.seq > report.seq) return;
      const sameDocument = previous?.report.timeOrigin === report.timeOrigin && previous.hostname === report.hostname;
      const found = await detectTabProducts(ctx.detection, tabId, report, await readRequests(tabId), sameDocument ? previous.globals : []);
      const { detections } = found;
      await writeTab(tabId, { hostname: report.hostname, report: found.report, globals: found.globals, detections });
      await repaintTab(ctx, tabId);
      await noteVisits(actionable(detections).map((detection) => detection.productId));
      // Newly found products make their providers watched: read any not read in the last minute.
      const before = new Set(actionable(previous?.detections ?? []).map((detection) => detection.productId));
      if (actionable(detections).some((detection) => !before.has(detection.productId))) void pollAndPaint(ctx.after('tabs', 'stack'));
    });
    // While a data pack with other page markers is in use, the content script learns them from this reply.
    return ok(ctx.data.markers ? { markers: ctx.data.markers } : null);
  },
});
