import browser from 'webextension-polyfill';
import { CACHED_TAB_VIEW_PREFIX } from '../protocol/views.ts';
import type { ProductDetection } from '../detect/engine.ts';
import type { PageReport } from '../protocol/messages.ts';

/** What the worker remembers about a tab; in storage.session so it survives the worker, not the browser. */
export interface TabRecord {
  hostname: string;
  /** The page's report, cut to the signals that matched the catalog (nothing else of the page is kept). */
  report: PageReport;
  /** Catalog globals the page was found to define (read in its world only when the catalog needed them). */
  globals?: string[];
  /** Every product detected on the page, with its evidence. */
  detections: ProductDetection[];
  /**
   * When the tab navigated to this address (epoch ms), while the record holds only the address, learned from the
   * tab: no report of the page has arrived since.
   */
  navigatedAt?: number;
}

/** A watched host the tab sent a request to, and when (webRequest's timeStamp, epoch ms). */
export interface TabRequest {
  host: string;
  at: number;
}

const TAB = 'tab:';
const REQUESTS = 'req:';
/** Enough for every widget on a page; a page cannot grow the list without bound. */
const MAX_REQUEST_HOSTS = 50;

export async function writeTab(tabId: number, record: TabRecord): Promise<void> {
  await browser.storage.session.set({ [`${TAB}${tabId}`]: record });
}

export async function readTab(tabId: number): Promise<TabRecord | undefined> {
  const key = `${TAB}${tabId}`;
  return (await browser.storage.session.get(key))[key] as TabRecord | undefined;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove([`${TAB}${tabId}`, `${REQUESTS}${tabId}`, `${CACHED_TAB_VIEW_PREFIX}${tabId}`]);
}

export async function readAllTabs(): Promise<Map<number, TabRecord>> {
  const all = await browser.storage.session.get(null);
  const tabs = new Map<number, TabRecord>();
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(TAB)) tabs.set(Number(key.slice(TAB.length)), value as TabRecord);
  }
  return tabs;
}

export async function readRequests(tabId: number): Promise<TabRequest[]> {
  const key = `${REQUESTS}${tabId}`;
  return ((await browser.storage.session.get(key))[key] as TabRequest[] | undefined) ?? [];
}

/** Records a request host for a tab; returns false when the host was already known for that tab. */
export async function addRequest(tabId: number, request: TabRequest): Promise<boolean> {
  const key = `${REQUESTS}${tabId}`;
  const known = await readRequests(tabId);
  const existing = known.find((entry) => entry.host === request.host);
  if (existing) {
    // The same host on a new page counts again for that page.
    const newer = request.at > existing.at;
    existing.at = Math.max(existing.at, request.at);
    await browser.storage.session.set({ [key]: known });
    return newer;
  }
  await browser.storage.session.set({ [key]: [...known, request].slice(-MAX_REQUEST_HOSTS) });
  return true;
}
