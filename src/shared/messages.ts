/**
 * The one message map shared by content script, background and UI pages.
 * Requests are validated where they enter the background (`parseRequest`); responses are typed here.
 */
import type { ProductDetection } from '../detect/engine.ts';
import { SIGNAL_LIMITS } from '../detect/signals.ts';
import type { ProductStatus } from '../health/assess.ts';

/** One product on the tab: its live status and why we think it is there. */
export interface TabProduct {
  status: ProductStatus;
  detection: ProductDetection;
}

export interface TabView {
  tabId: number;
  /** The page's hostname, or null when Upstream has not seen this tab (e.g. a browser page). */
  hostname: string | null;
  products: TabProduct[];
  /** ISO time of the latest completed poll of any provider, or null before the first. */
  lastPollAt: string | null;
}

/** What a content script reports about the top-level page (the background adds the tab's request hosts). */
export interface PageReport {
  hostname: string;
  path: string;
  /** The document's `performance.timeOrigin`: requests recorded before it belong to an earlier page. */
  timeOrigin: number;
  /** Reports of one document are numbered, so a late-arriving older report never replaces a newer one. */
  seq: number;
  scripts: string[];
  iframes: string[];
  dom: string[];
  meta: string[];
  globals: string[];
}

export interface MessageMap {
  /** Content script → background: what the top-level page shows. */
  'page-report': { request: PageReport; response: { ok: true } };
  /** UI → background: everything the popup shows for a tab. */
  'get-tab-view': { request: { tabId: number }; response: TabView };
  /** UI → background: read every status page now instead of waiting for the next alarm. */
  'refresh-now': { request: Record<string, never>; response: { ok: true } };
}

export type MessageType = keyof MessageMap;
export type Request<T extends MessageType = MessageType> = { [K in T]: { type: K; payload: MessageMap[K]['request'] } }[T];
export type Response<T extends MessageType> = MessageMap[T]['response'];

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A bounded list of bounded strings, or null. */
function stringList(value: unknown, maxItems: number, maxLength: number): string[] | null {
  if (!Array.isArray(value) || value.length > maxItems) return null;
  return value.every((item) => typeof item === 'string' && item.length <= maxLength) ? (value as string[]) : null;
}

function parsePageReport(payload: Record<string, unknown>): PageReport | null {
  const { hostname, path, timeOrigin, seq } = payload;
  if (typeof hostname !== 'string' || !HOSTNAME.test(hostname)) return null;
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > SIGNAL_LIMITS.urlLength) return null;
  if (typeof timeOrigin !== 'number' || !Number.isFinite(timeOrigin)) return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  const scripts = stringList(payload.scripts, SIGNAL_LIMITS.urls, SIGNAL_LIMITS.urlLength);
  const iframes = stringList(payload.iframes, SIGNAL_LIMITS.urls, SIGNAL_LIMITS.urlLength);
  const dom = stringList(payload.dom, SIGNAL_LIMITS.markers, 200);
  const meta = stringList(payload.meta, SIGNAL_LIMITS.markers, SIGNAL_LIMITS.urlLength);
  const globals = stringList(payload.globals, SIGNAL_LIMITS.markers, 200);
  if (!scripts || !iframes || !dom || !meta || !globals) return null;
  return { hostname, path, timeOrigin, seq, scripts, iframes, dom, meta, globals };
}

/** The request if it is well-formed, else null. Senders are checked separately, by the background. */
export function parseRequest(raw: unknown): Request | null {
  if (!isRecord(raw) || !isRecord(raw.payload)) return null;
  const { type, payload } = raw;
  switch (type) {
    case 'page-report': {
      const report = parsePageReport(payload);
      return report ? { type, payload: report } : null;
    }
    case 'get-tab-view':
      return Number.isSafeInteger(payload.tabId) && (payload.tabId as number) >= 0
        ? { type, payload: { tabId: payload.tabId as number } }
        : null;
    case 'refresh-now':
      return Object.keys(payload).length === 0 ? { type, payload: {} } : null;
    default:
      return null;
  }
}
