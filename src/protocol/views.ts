/** What the worker sends the extension pages: view models assembled from the catalog, readings and stack. */
import type { ProductDetection } from '../detect/engine.ts';
import type { ComponentStatus, ProductStatus } from '../health/assess.ts';
import type { IncidentRecord } from '../health/history.ts';
import type { UptimeDay } from '../health/uptime.ts';
import type { Freshness, ReadDiagnostics } from '../health/record.ts';
import type { ProviderHealth, ReadError, RecentResult } from '../model/health.ts';
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

/** Days of recorded history the provider page draws (its uptime chart and incident list). */
export const PROVIDER_HISTORY_DAYS = 30;

export interface ProviderView {
  providerId: string;
  /** The last reading shown to the user (kept while stale, with `level` saying unknown), without its page's components. */
  health: Omit<ProviderHealth, 'components'> | null;
  level: ProviderLevel;
  lastError: ReadError | null;
  /** How reads of the page have gone: last good read, last failure, components the page stopped listing. */
  diagnostics: ReadDiagnostics | null;
  /** The catalog's components of this provider, with their live status. */
  components: ComponentStatus[];
  /** The uptime chart: one entry per UTC day of the last `historyDays`, oldest first, from the recorded changes. */
  uptime: UptimeDay[];
  /** Incidents Upstream recorded and last saw in the last `historyDays` days, newest first, with the updates it kept. */
  incidents: IncidentRecord[];
  /** The status page's own recent incidents, when asked for and the platform lists them; null otherwise. */
  recent: RecentResult | null;
  /** Whether the provider's status platform publishes its incident history at all. */
  recentSupported: boolean;
  historyDays: number;
}

/**
 * Something Upstream could not do for the user: paint a tab's badge, show a notification, or keep its storage
 * from content scripts. Kept for the browser session and listed in Options, so a silent failure is not silent.
 */
export interface ProblemView {
  at: string;
  kind: 'badge' | 'notification' | 'storage-access';
  /** The browser's own message (English, from the browser), cut to a line. */
  detail: string;
}

export interface TabView {
  tabId: number;
  /** The page's hostname, or null when Upstream has not seen this tab (e.g. a browser page). */
  hostname: string | null;
  products: TabProduct[];
  /** ISO time of the latest completed poll of any provider, or null before the first. */
  lastPollAt: string | null;
}
