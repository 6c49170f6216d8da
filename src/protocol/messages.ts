/**
 * The one message map shared by content script, background and UI pages.
 * Requests are validated where they enter the background (`parseRequest`); responses are typed here.
 */
import type { ProductDetection } from '../detect/engine.ts';
import { SIGNAL_LIMITS } from '../detect/signals.ts';
import type { ComponentStatus, ProductStatus } from '../health/assess.ts';
import type { IncidentRecord, StatusEvent } from '../health/history.ts';
import type { Freshness } from '../health/record.ts';
import type { ProviderHealth, RecentResult } from '../model/health.ts';
import type { HealthLevel } from '../model/levels.ts';
import type { StackReport } from '../stack/export.ts';
import type { ProviderGroup, StackMember } from '../stack/stack.ts';

/** A product for the same job on other providers: what to switch to while this one is down. */
export interface AlternativeView {
  productId: string;
  name: string;
  /** Provider names (translated for in-house / undisclosed). */
  providers: string[];
}

/** One product on the tab: its live status, why we think it is there, and what to do about it. */
export interface TabProduct {
  status: ProductStatus;
  detection: ProductDetection;
  /** Whether the user pinned it to their stack. */
  pinned: boolean;
  alternatives: AlternativeView[];
}

/** A provider's level as the user should read it (unknown when the reading is missing or stale). */
export interface ProviderLevel {
  level: HealthLevel;
  freshness: Freshness;
  checkedAt: string | null;
}

export interface StackEntry {
  member: StackMember;
  status: ProductStatus;
  alternatives: AlternativeView[];
}

export interface StackView {
  entries: StackEntry[];
  /** Stack products by provider, most shared first, with the provider's live level. */
  groups: (ProviderGroup & ProviderLevel & { statusPageUrl: string })[];
  report: StackReport;
}

export interface ProviderView {
  providerId: string;
  /** The last reading shown to the user (kept while stale, with `level` saying unknown). */
  health: ProviderHealth | null;
  level: ProviderLevel;
  lastError: string | null;
  /** The catalog's components of this provider, with their live status. */
  components: ComponentStatus[];
  /** Level changes Upstream recorded (for the uptime chart), oldest first. */
  events: StatusEvent[];
  /** Incidents Upstream recorded, with every update it saw. */
  incidents: IncidentRecord[];
  /** The status page's own recent incidents, when asked for and the platform lists them; null otherwise. */
  recent: RecentResult | null;
  /** Whether the provider's status platform publishes its incident history at all. */
  recentSupported: boolean;
  retentionDays: number;
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
  /** UI → background: read what is due, and open tabs' providers not read within the watched interval (popup opened). */
  'refresh-due': { request: Record<string, never>; response: { ok: true } };
  /** UI → background: pin a product to the user's stack, or unpin it. */
  'set-pinned': { request: { productId: string; pinned: boolean }; response: { ok: true } };
  /** UI → background: forget a product (its visits and pin). */
  'forget-product': { request: { productId: string }; response: { ok: true } };
  /** UI → background: the user's stack with live status and the exportable report. */
  'get-stack': { request: Record<string, never>; response: StackView };
  /** UI → background: every provider's current level. */
  'get-levels': { request: Record<string, never>; response: Record<string, ProviderLevel> };
  /** UI → background: one provider's status, history and (optionally, fetched now) its page's recent incidents. */
  'get-provider-view': { request: { providerId: string; recent: boolean }; response: ProviderView | null };
  /** UI → background: delete every reading and all history. */
  'clear-history': { request: Record<string, never>; response: { ok: true } };
}

export type MessageType = keyof MessageMap;
export type Request<T extends MessageType = MessageType> = { [K in T]: { type: K; payload: MessageMap[K]['request'] } }[T];
export type Response<T extends MessageType> = MessageMap[T]['response'];

const CATALOG_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
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

function isTabId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Product and provider ids: checked against the catalog by the background, shape-checked here. */
function isCatalogId(value: unknown): value is string {
  return typeof value === 'string' && CATALOG_ID.test(value);
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
    case 'get-levels':
    case 'clear-history':
      return Object.keys(payload).length === 0 ? { type, payload: {} } : null;
    case 'set-pinned':
      return isCatalogId(payload.productId) && typeof payload.pinned === 'boolean'
        ? { type, payload: { productId: payload.productId, pinned: payload.pinned } }
        : null;
    case 'forget-product':
      return isCatalogId(payload.productId) ? { type, payload: { productId: payload.productId } } : null;
    case 'get-provider-view':
      return isCatalogId(payload.providerId) && typeof payload.recent === 'boolean'
        ? { type, payload: { providerId: payload.providerId, recent: payload.recent } }
        : null;
    default:
      return null;
  }
}
