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
const FRAMES = 'frm:';
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
  await browser.storage.session.remove([`${TAB}${tabId}`, `${REQUESTS}${tabId}`, `${FRAMES}${tabId}`, `${CACHED_TAB_VIEW_PREFIX}${tabId}`]);
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

/** A frame on a catalog frame host that the tab's top document loaded, and when it started (webRequest's timeStamp). */
export interface TabFrame {
  frame: string;
  at: number;
}

/**
 * What the worker saw of the tab's documents through webRequest: when the newest top-level document started
 * loading, and the frames on the catalog's frame hosts loaded since, as `host/path`, distinct, at most
 * `MAX_FRAMES` (enough for every widget on a page; a page cannot grow the list).
 */
export interface TabFrames {
  documentAt: number;
  frames: TabFrame[];
}

const MAX_FRAMES = 50;

export async function readFrames(tabId: number): Promise<TabFrames> {
  const key = `${FRAMES}${tabId}`;
  return ((await browser.storage.session.get(key))[key] as TabFrames | undefined) ?? { documentAt: 0, frames: [] };
}

/** Records a frame the tab's document loaded; returns false when nothing new was learned. */
export async function addFrame(tabId: number, seen: TabFrame): Promise<boolean> {
  const known = await readFrames(tabId);
  const existing = known.frames.find((entry) => entry.frame === seen.frame);
  if (existing) {
    // The same frame loaded again (a reload of it, or a later view) counts from its newest load.
    if (seen.at <= existing.at) return false;
    existing.at = seen.at;
  } else if (known.frames.length >= MAX_FRAMES) return false;
  else known.frames.push(seen);
  await browser.storage.session.set({ [`${FRAMES}${tabId}`]: known });
  return true;
}

/** A new top-level document started loading in the tab at `at`: the frames of the ones before are not its. */
export async function startDocument(tabId: number, at: number): Promise<void> {
  const known = await readFrames(tabId);
  const frames = known.frames.filter((entry) => entry.at >= at);
  await browser.storage.session.set({ [`${FRAMES}${tabId}`]: { documentAt: Math.max(known.documentAt, at), frames } });
}
