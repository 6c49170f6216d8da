/**
 * The one message map shared by content script, background and UI pages.
 * Requests are validated where they enter the background (`parseRequest`); responses are typed here.
 */
import type { ProductStatus } from '../health/assess.ts';

export interface TabView {
  tabId: number;
  /** The page's hostname, or null when Upstream has not seen this tab (e.g. a browser page). */
  hostname: string | null;
  products: ProductStatus[];
  /** ISO time of the latest completed poll of any provider, or null before the first. */
  lastPollAt: string | null;
}

export interface MessageMap {
  /** Content script → background: the top-level page this tab shows. */
  'page-seen': { request: { hostname: string }; response: { ok: true } };
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

/** The request if it is well-formed, else null. Senders are checked separately, by the background. */
export function parseRequest(raw: unknown): Request | null {
  if (!isRecord(raw) || !isRecord(raw.payload)) return null;
  const { type, payload } = raw;
  switch (type) {
    case 'page-seen':
      return typeof payload.hostname === 'string' && HOSTNAME.test(payload.hostname)
        ? { type, payload: { hostname: payload.hostname } }
        : null;
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
