/**
 * A page's requests to a widget's or provider's API host reveal products its markup may not show, and the frames
 * it loads from a widget's frame host show the widget without the content script reading any iframe.
 * Non-blocking: Upstream only notes the hostname (a frame's `host/path`) for that tab, and only for the catalog's hosts.
 * The catalog's AI requests are counted for early warning (`early-warning.ts`): how they ended, nothing else.
 */
import { urlKey } from '../detect/signals.ts';
import { repaintAllTabs, repaintTab } from './paint.ts';
import { eventContext, type WorkerContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { actionable, detectTabProducts, withTabFrames } from './detection.ts';
import { earlyWarningNow, observeRequest, type RequestEvent } from './early-warning.ts';
import { serial } from './serial.ts';
import { noteVisits } from './stack-store.ts';
import { addFrame, addRequest, readRequests, readTab, startDocument, writeTab } from './tab-store.ts';

/** Tab state is rewritten by page reports and request notes: one at a time per tab. */
export const inTabOrder = (tabId: number, task: () => Promise<void>): Promise<void> => serial.run(`tab:${tabId}`, task);

export async function onWatchedRequest(ctx: WorkerContext, tabId: number, url: string, at: number): Promise<void> {
  const host = new URL(url).hostname;
  await inTabOrder(tabId, async () => {
    if (await addRequest(tabId, { host, at })) await detectAgain(ctx, tabId);
  });
}

/**
 * The tab's top document started loading a frame on one of the catalog's frame hosts (webRequest, filtered by
 * `frameUrlPatterns`): a signal for the document, kept for it. Queued for the tab at once, so it lands after the
 * new document's start (`onDocumentRequest`) that the browser reported before it.
 */
export function onFrameRequest(tabId: number, url: string, at: number, context: () => Promise<WorkerContext>): Promise<void> {
  const frame = urlKey(url);
  if (!frame) return Promise.resolve();
  return inTabOrder(tabId, async () => {
    if (await addFrame(tabId, { frame, at })) await detectAgain(await context(), tabId);
  });
}

/** A new top-level document started loading in the tab at `at`. Queued like the frames that follow it. */
export function onDocumentRequest(tabId: number, at: number): Promise<void> {
  return inTabOrder(tabId, () => startDocument(tabId, at));
}

/** The tab's products again, with what the worker learned of its page since; repainted when they changed. */
async function detectAgain(ctx: WorkerContext, tabId: number): Promise<void> {
  const tab = await readTab(tabId);
  if (!tab) return; // The page's address or report, when it comes, is detected with everything stored by then.
  const found = await detectTabProducts(ctx.detection, tabId, await withTabFrames(tabId, tab.report, tab.navigatedAt !== undefined), await readRequests(tabId), tab.globals);
  const { detections } = found;
  if (JSON.stringify(detections) === JSON.stringify(tab.detections)) return;
  await writeTab(tabId, { ...tab, report: found.report, globals: found.globals, detections });
  await repaintTab(ctx, tabId);
  await noteVisits(actionable(detections).map((detection) => detection.productId));
  void pollAndPaint(ctx.after('tabs', 'stack'));
}

/**
 * A watched AI request started, was answered or failed: counted in the order the browser reported it (queued
 * before anything is awaited, so an answer never overtakes its start), and the tabs repainted when their
 * warning changed.
 */
export async function onAiRequest(event: RequestEvent, context: () => Promise<WorkerContext> = eventContext): Promise<void> {
  const { ctx, changed } = await serial.run('ai-request-events', async () => {
    const ctx = await context();
    return { ctx, changed: await observeRequest(ctx, event) };
  });
  if (changed) await repaintAllTabs(ctx.after());
}

/** The early-warning alarm: timeouts and expired counts decided, the tabs repainted when that changed what they show. */
export async function onEarlyWarningAlarm(ctx: WorkerContext): Promise<void> {
  if ((await earlyWarningNow(ctx)).changed) await repaintAllTabs(ctx.after());
}
