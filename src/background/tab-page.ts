/**
 * What a tab shows: its products, detected from the page's address (learned from the tab) and from what its
 * content script reports, stored for the tab, painted on its badge, noted in the user's stack.
 */
import type { PageReport } from '../protocol/messages.ts';
import type { WorkerContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { actionable, detectTabProducts, withTabFrames } from './detection.ts';
import { repaintTab } from './paint.ts';
import { noteVisits } from './stack-store.ts';
import { readRequests, writeTab, type TabRecord } from './tab-store.ts';

/**
 * Whether a page's report may replace what the tab shows. Reports of one document are numbered (the newer wins);
 * a newer document replaces an older one. After a navigation the worker learned from the tab, only a report
 * about that very address counts, so a report the page before it sent just before leaving cannot land on it.
 */
export function acceptsReport(previous: TabRecord | undefined, report: PageReport): boolean {
  if (!previous) return true;
  if (previous.navigatedAt === undefined && previous.report.timeOrigin === report.timeOrigin) return previous.report.seq <= report.seq;
  if (previous.navigatedAt !== undefined) return report.hostname === previous.hostname && report.path === previous.report.path;
  return report.timeOrigin > previous.report.timeOrigin;
}

/**
 * Detects a tab's products from `report`, stores them, repaints the tab and notes the visits; newly found
 * products make their providers watched, so any not read in the last minute are read. `navigatedAt`: the report
 * is the tab's address alone, learned from the tab when it navigated.
 */
export async function showTabPage(ctx: WorkerContext, tabId: number, report: PageReport, previous: TabRecord | undefined, navigatedAt?: number): Promise<void> {
  const sameDocument = previous?.navigatedAt === undefined && previous?.report.timeOrigin === report.timeOrigin && previous.hostname === report.hostname;
  const found = await detectTabProducts(ctx.detection, tabId, await withTabFrames(tabId, report, navigatedAt !== undefined), await readRequests(tabId), sameDocument ? (previous.globals ?? []) : []);
  const { detections } = found;
  const record: TabRecord = { hostname: report.hostname, report: found.report, globals: found.globals, detections };
  if (navigatedAt !== undefined) record.navigatedAt = navigatedAt;
  await writeTab(tabId, record);
  await repaintTab(ctx, tabId);
  await noteVisits(actionable(detections).map((detection) => detection.productId));
  const before = new Set(actionable(previous?.detections ?? []).map((detection) => detection.productId));
  if (actionable(detections).some((detection) => !before.has(detection.productId))) void pollAndPaint(ctx.after('tabs', 'stack'));
}
