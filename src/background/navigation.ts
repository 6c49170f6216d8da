/**
 * A tab's address, learned from the tab when it navigates (a new document, or a single-page-app route): the
 * address alone recognises a product's own site, so the badge is right before the page has run a line. The
 * content script reports only what else it finds, and only when it finds something, so most pages never
 * message the worker.
 */
import { urlKey } from '../detect/signals.ts';
import { USE_MARKERS, type PageReport } from '../protocol/messages.ts';
import type { WorkerContext } from './context.ts';
import { inTabOrder } from './requests.ts';
import { showTabPage } from './tab-page.ts';
import { readTab, type TabRecord } from './tab-store.ts';

/**
 * A page's own report of this address that started this recently is this navigation's document, which reported
 * before the browser told of the navigation: it is kept.
 */
const SAME_LOAD_MS = 10_000;

/** The tab's address as a report without signals; null for what no content script runs on. */
export function addressReport(url: string, at: number): PageReport | null {
  const key = urlKey(url);
  const slash = key?.indexOf('/') ?? -1;
  if (!key || slash === -1) return null;
  return { hostname: key.slice(0, slash), path: key.slice(slash), timeOrigin: at, seq: 0, scripts: [], iframes: [], dom: [], meta: [] };
}

/** Whether the tab already shows this address: told twice, or reported by its page first. */
export function alreadyShown(previous: TabRecord | undefined, report: PageReport, at: number): boolean {
  if (!previous || previous.hostname !== report.hostname || previous.report.path !== report.path) return false;
  return previous.navigatedAt !== undefined || at - previous.report.timeOrigin < SAME_LOAD_MS;
}

/** The tab navigated to `url` at `at` (epoch ms): what it shows is detected from the address. */
export async function onTabNavigated(ctx: WorkerContext, tabId: number, url: string, at: number): Promise<void> {
  const report = addressReport(url, at);
  if (!report) return;
  await inTabOrder(tabId, async () => {
    const previous = await readTab(tabId);
    if (!alreadyShown(previous, report, at)) await showTabPage(ctx, tabId, report, previous, at);
  });
}

/**
 * The tabs already open when the worker could not have heard of their navigation (Upstream just installed or
 * updated, the browser just started): each is shown from its address, unless it already is.
 */
export async function showOpenTabs(ctx: WorkerContext, tabs: readonly { id?: number; url?: string }[], at: number): Promise<void> {
  for (const tab of tabs) {
    if (tab.id !== undefined && tab.url !== undefined) await onTabNavigated(ctx, tab.id, tab.url, at);
  }
}

type ScriptingApi = {
  executeScript(injection: { target: { tabId: number; frameIds: number[] }; func: (name: string, markers: unknown) => void; args: [string, unknown] }): Promise<unknown>;
};

function scripting(): ScriptingApi | undefined {
  const api = globalThis as { browser?: { scripting?: ScriptingApi }; chrome?: { scripting?: ScriptingApi } };
  return api.browser?.scripting ?? api.chrome?.scripting;
}

/** Runs in the content script's own world (never the page's): hands it the markers. */
function handOver(name: string, markers: unknown): void {
  const use = (globalThis as Record<string, unknown>)[name];
  if (typeof use === 'function') use(markers);
}

/**
 * A tab finished loading: while a data pack with other page markers is in use, a page that has reported nothing
 * (so never read a reply carrying them) is given them, and is read again for them.
 */
export async function onTabLoaded(ctx: WorkerContext, tabId: number): Promise<void> {
  const markers = ctx.data.markers;
  const api = scripting();
  if (!markers || !api) return;
  let reported = true;
  await inTabOrder(tabId, async () => {
    const record = await readTab(tabId);
    reported = !record || record.navigatedAt === undefined;
  });
  if (reported) return;
  await api.executeScript({ target: { tabId, frameIds: [0] }, func: handOver, args: [USE_MARKERS, markers] }).catch(() => undefined);
}
