/**
 * A page's requests to a widget's or provider's API host reveal products its markup may not show.
 * Non-blocking: Upstream only notes the hostname for that tab, and only for the catalog's hosts.
 * The catalog's AI requests are counted for early warning (`early-warning.ts`): how they ended, nothing else.
 */
import { repaintAllTabs, repaintTab } from './paint.ts';
import { eventContext, type WorkerContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { actionable, detectTabProducts } from './detection.ts';
import { earlyWarningNow, observeRequest, type RequestEvent } from './early-warning.ts';
import { serial } from './serial.ts';
import { noteVisits } from './stack-store.ts';
import { addRequest, readRequests, readTab, writeTab } from './tab-store.ts';

/** Tab state is rewritten by page reports and request notes: one at a time per tab. */
export const inTabOrder = (tabId: number, task: () => Promise<void>): Promise<void> => serial.run(`tab:${tabId}`, task);

export async function onWatchedRequest(ctx: WorkerContext, tabId: number, url: string, at: number): Promise<void> {
  const host = new URL(url).hostname;
  await inTabOrder(tabId, async () => {
    if (!(await addRequest(tabId, { host, at }))) return;
    const tab = await readTab(tabId);
    if (!tab) return; // The page has not reported yet; its report will include this request.
    const found = await detectTabProducts(ctx.detection, tabId, tab.report, await readRequests(tabId), tab.globals);
    const { detections } = found;
    if (JSON.stringify(detections) === JSON.stringify(tab.detections)) return;
    await writeTab(tabId, { ...tab, report: found.report, globals: found.globals, detections });
    await repaintTab(ctx, tabId);
    await noteVisits(actionable(detections).map((detection) => detection.productId));
    void pollAndPaint(ctx.after('tabs', 'stack'));
  });
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
