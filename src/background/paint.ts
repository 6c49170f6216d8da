/**
 * Brings what a tab shows up to date: its badge, and the view the popup opens with (kept in storage.session so
 * the popup can show the tab's products before the worker, perhaps asleep, answers).
 */
import browser from 'webextension-polyfill';
import { CACHED_TAB_VIEW_PREFIX } from '../protocol/views.ts';
import { refreshAllBadges, refreshBadge } from './badge.ts';
import type { WorkerContext } from './context.ts';
import { recordProblem } from './problems.ts';
import { tabView } from './views.ts';

/**
 * Characters of JSON a tab's cached view may take. The tab's detections are bounded already; the rest is the
 * catalog's (statuses, alternatives). A larger view is not cached: the popup waits for the worker's answer.
 */
export const MAX_CACHED_VIEW_CHARS = 64_000;

async function cacheViews(ctx: WorkerContext, tabIds: Iterable<number>): Promise<void> {
  try {
    const views = await Promise.all([...tabIds].map(async (tabId) => [`${CACHED_TAB_VIEW_PREFIX}${tabId}`, await tabView(ctx, tabId)] as const));
    const fitting = views.filter(([, view]) => JSON.stringify(view).length <= MAX_CACHED_VIEW_CHARS);
    const tooLarge = views.filter((entry) => !fitting.includes(entry)).map(([key]) => key);
    if (fitting.length > 0) await browser.storage.session.set(Object.fromEntries(fitting));
    // An older, smaller view of the tab would show products the page no longer has.
    if (tooLarge.length > 0) await browser.storage.session.remove(tooLarge);
  } catch (error) {
    // The popup then waits for the worker's answer, as it always can.
    await recordProblem('badge', error);
  }
}

export async function repaintTab(ctx: WorkerContext, tabId: number): Promise<void> {
  await Promise.all([refreshBadge(ctx, tabId), cacheViews(ctx, [tabId])]);
}

export async function repaintAllTabs(ctx: WorkerContext): Promise<void> {
  await Promise.all([refreshAllBadges(ctx), ctx.tabs().then((tabs) => cacheViews(ctx, tabs.keys()))]);
}
