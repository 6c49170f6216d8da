/**
 * The one protocol between the pages and the worker: the message map, who may send what, and replies that
 * carry either a value or a typed error. Requests are validated where they enter the worker
 * (`parseRequest`); every reply is a `Reply`, so no page ever receives `undefined` or a bare rejection.
 */
import type { PageMarkers } from '../detect/engine.ts';
import { SIGNAL_LIMITS } from '../detect/signals.ts';
import { isRecord } from '../model/json.ts';
import { isCatalogId, PAGE_HOSTNAME } from '../model/patterns.ts';
import type { CatalogReply, DataStatusView, ProblemView, ProviderLevel, ProviderName, ProviderView, StackView, TabView } from './views.ts';

/** What a content script reports about the top-level page (the background adds the tab's request hosts). */
export interface PageReport {
  hostname: string;
  path: string;
  /** The document's `performance.timeOrigin`: requests recorded before it belong to an earlier page. */
  timeOrigin: number;
  /** Reports of one document are numbered, so a late-arriving older report never replaces a newer one. */
  seq: number;
  scripts: string[];
  /** Frames of the page on the catalog's frame hosts: the worker adds them from the tab's frame loads (a content script sends none). */
  iframes: string[];
  dom: string[];
  meta: string[];
}

/**
 * The content script's function, in its own world, that takes a data pack's markers: the worker calls it on a page
 * that has not reported (a report's reply carries them otherwise).
 */
export const USE_MARKERS = 'upstreamUseMarkers';

export interface MessageMap {
  /** Content script → background: what the top-level page shows. */
  'page-report': { request: PageReport; response: PageReportReply };
  /** UI → background: everything the popup shows for a tab. */
  'get-tab-view': { request: { tabId: number }; response: TabView };
  /** UI → background: read every status page now instead of waiting for the next alarm. */
  'refresh-now': { request: Record<string, never>; response: null };
  /** UI → background: read what is due, and open tabs' providers not read within the watched interval (popup opened). */
  'refresh-due': { request: Record<string, never>; response: null };
  /** UI → background: pin a product to the user's stack, or unpin it. */
  'set-pinned': { request: { productId: string; pinned: boolean }; response: null };
  /** UI → background: forget a product (its visits and pin). */
  'forget-product': { request: { productId: string }; response: null };
  /** UI → background: the user's stack with live status and the exportable report. */
  'get-stack': { request: Record<string, never>; response: StackView };
  /** UI → background: the current level of the providers a page shows (they are read while it shows them). */
  'get-levels': { request: { providerIds: string[] }; response: Record<string, ProviderLevel> };
  /** UI → background: one provider's status, history and (optionally, fetched now) its page's recent incidents. */
  'get-provider-view': { request: { providerId: string; recent: boolean }; response: ProviderView };
  /** UI → background: what Upstream failed to do this session (badges, notifications), newest first. */
  'get-problems': { request: Record<string, never>; response: ProblemView[] };
  /** UI → background: delete every reading and all history. */
  'clear-history': { request: Record<string, never>; response: null };
  /** UI → background: the catalog data in use, its release notes, and what the last check for a data pack found. */
  'get-data-status': { request: Record<string, never>; response: DataStatusView };
  /** UI → background: check for a data pack now (Options' "Update data now"); answers the status after it. */
  'update-data-now': { request: Record<string, never>; response: DataStatusView };
  /** UI → background: stop using the data pack and go back to the bundled data. */
  'roll-back-data': { request: Record<string, never>; response: DataStatusView };
  /** UI → background: the catalog in use (null when it is the bundled copy the page already has). */
  'get-catalog': { request: Record<string, never>; response: CatalogReply };
  /** UI → background: every provider's id and name, for pages that do not load the catalog (Options). */
  'get-provider-names': { request: Record<string, never>; response: ProviderName[] };
}

/**
 * The worker's answer to a page report: null, or, while a data pack whose page markers differ from the bundled
 * ones is in use, those markers, which the content script then looks for (a content script cannot be given data
 * any other way without opening the extension's storage to pages).
 */
export type PageReportReply = { markers: PageMarkers } | null;

export type MessageType = keyof MessageMap;
export type Request<T extends MessageType = MessageType> = { [K in T]: { type: K; payload: MessageMap[K]['request'] } }[T];
export type Response<T extends MessageType> = MessageMap[T]['response'];

/**
 * Who sends a message: `page` is Upstream's own content script in the top frame of a tab (speaking for the page
 * it runs in); `extension-page` is one of Upstream's own pages (popup, catalog, options). Every handler names
 * the callers it accepts; the worker classifies each sender once, before any handler runs.
 */
export type Caller = 'page' | 'extension-page';

/**
 * Why a request got no value, in words a page can show: the request was malformed, its sender may not ask,
 * what it names does not exist, the worker failed while answering, or (on the page's side) the worker could
 * not be reached at all.
 */
export type ProtocolErrorCode = 'invalid-request' | 'refused' | 'not-found' | 'failed' | 'unreachable';
export interface ProtocolError {
  code: ProtocolErrorCode;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };
/** What the worker answers to a message of type T. */
export type Reply<T extends MessageType> = Result<Response<T>>;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ProtocolErrorCode): { ok: false; error: ProtocolError } => ({ ok: false, error: { code } });

const PROTOCOL_ERROR_CODES: readonly string[] = ['invalid-request', 'refused', 'not-found', 'failed', 'unreachable'];

/** A reply as it arrived over the message channel: anything else than the protocol's shape is `failed`. */
export function parseReply<T>(raw: unknown): Result<T> {
  if (!isRecord(raw)) return fail('failed');
  if (raw.ok === true && 'value' in raw) return { ok: true, value: raw.value as T };
  const error = isRecord(raw.error) ? raw.error : null;
  if (raw.ok === false && error && typeof error.code === 'string' && PROTOCOL_ERROR_CODES.includes(error.code)) {
    return fail(error.code as ProtocolErrorCode);
  }
  return fail('failed');
}

/** Providers one page may ask about at once: more than the registry holds, fewer than a flood. */
const MAX_SHOWN_PROVIDERS = 200;

/** A bounded list of bounded strings, or null. */
function stringList(value: unknown, maxItems: number, maxLength: number): string[] | null {
  if (!Array.isArray(value) || value.length > maxItems) return null;
  return value.every((item) => typeof item === 'string' && item.length <= maxLength) ? (value as string[]) : null;
}

function parsePageReport(payload: Record<string, unknown>): PageReport | null {
  const { hostname, path, timeOrigin, seq } = payload;
  if (typeof hostname !== 'string' || !PAGE_HOSTNAME.test(hostname)) return null;
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > SIGNAL_LIMITS.urlLength) return null;
  if (typeof timeOrigin !== 'number' || !Number.isFinite(timeOrigin)) return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  const scripts = stringList(payload.scripts, SIGNAL_LIMITS.urls, SIGNAL_LIMITS.urlLength);
  const iframes = stringList(payload.iframes, SIGNAL_LIMITS.urls, SIGNAL_LIMITS.urlLength);
  const dom = stringList(payload.dom, SIGNAL_LIMITS.markers, 200);
  const meta = stringList(payload.meta, SIGNAL_LIMITS.markers, SIGNAL_LIMITS.urlLength);
  if (!scripts || !iframes || !dom || !meta) return null;
  return { hostname, path, timeOrigin, seq, scripts, iframes, dom, meta };
}

function isTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
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
      return isTabId(payload.tabId) ? { type, payload: { tabId: payload.tabId } } : null;
    case 'refresh-now':
    case 'refresh-due':
    case 'get-stack':
    case 'get-problems':
    case 'clear-history':
    case 'get-data-status':
    case 'update-data-now':
    case 'roll-back-data':
    case 'get-catalog':
    case 'get-provider-names':
      return Object.keys(payload).length === 0 ? { type, payload: {} } : null;
    case 'set-pinned':
      return isCatalogId(payload.productId) && typeof payload.pinned === 'boolean'
        ? { type, payload: { productId: payload.productId, pinned: payload.pinned } }
        : null;
    case 'forget-product':
      return isCatalogId(payload.productId) ? { type, payload: { productId: payload.productId } } : null;
    case 'get-levels': {
      const providerIds = stringList(payload.providerIds, MAX_SHOWN_PROVIDERS, 64);
      return providerIds && providerIds.every(isCatalogId) ? { type, payload: { providerIds } } : null;
    }
    case 'get-provider-view':
      return isCatalogId(payload.providerId) && typeof payload.recent === 'boolean'
        ? { type, payload: { providerId: payload.providerId, recent: payload.recent } }
        : null;
    default:
      return null;
  }
}
