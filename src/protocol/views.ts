/** What the worker sends the extension pages: view models assembled from the catalog, readings and stack. */
import type { Catalog } from '../catalog/types.ts';
import type { ProductDetection } from '../detect/engine.ts';
import type { ComponentStatus, ProductStatus } from '../health/assess.ts';
import type { EarlyWarningRecord, EarlyWarningView } from '../health/early-warning.ts';
import type { IncidentRecord } from '../health/history.ts';
import type { UptimeDay } from '../health/uptime.ts';
import type { Freshness, ReadDiagnostics } from '../health/record.ts';
import type { ProviderHealth, ReadError, RecentResult } from '../model/health.ts';
import type { HealthLevel } from '../model/levels.ts';
import type { ChangelogEntry } from '../pack/format.ts';
import type { CheckResult } from '../pack/updates.ts';
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
  /** What the product's own requests did in this browser lately (early warning); null when nothing to say. */
  earlyWarning: EarlyWarningView | null;
}

/** A provider's level as the user should read it (unknown when the reading is missing or stale). */
export interface ProviderLevel {
  level: HealthLevel;
  freshness: Freshness | 'component-missing';
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
/** Early-warning records a provider page lists. */
export const EARLY_WARNINGS_SHOWN = 50;

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
  /**
   * Early warnings about this provider's products in the last `historyDays` days, newest first (at most
   * `EARLY_WARNINGS_SHOWN`): how much earlier Upstream knew than the page, or that the page never said.
   */
  earlyWarnings: EarlyWarningRecord[];
  historyDays: number;
}

/**
 * Something Upstream could not do for the user: paint a tab's badge, show a notification, or keep its storage
 * from content scripts. Kept for the browser session and listed in Options, so a silent failure is not silent.
 */
export interface ProblemView {
  at: string;
  kind: 'badge' | 'notification' | 'storage-access';
  /** The browser's own message (its words, often English), cut to a line; null when it gave none. */
  detail: string | null;
}

/**
 * storage.session key of a tab's view as last painted (`<prefix><tabId>`): the popup shows it at once, before
 * the worker (perhaps asleep) answers with a fresh one. Written only by the worker; storage is closed to pages' scripts.
 */
export const CACHED_TAB_VIEW_PREFIX = 'view:';

export interface TabView {
  tabId: number;
  /** The page's hostname, or null when Upstream has not seen this tab (e.g. a browser page). */
  hostname: string | null;
  products: TabProduct[];
  /** ISO time of the latest completed poll of any provider, or null before the first. */
  lastPollAt: string | null;
  /** Which catalog data the view was assembled from. */
  data: DataProvenance;
}

/** Which catalog data a page shows: the copy bundled with this version of Upstream, or a data pack, and its date. */
export interface DataProvenance {
  source: 'bundled' | 'pack';
  /** The pack's version; null for the bundled data. */
  version: number | null;
  /** When the pack was published, or when this build (and the data it bundles) was made; null when unknown. */
  published: string | null;
  /** The version of Upstream running. */
  extensionVersion: string;
}

/** The data in use and its updates, for the Options page. */
export interface DataStatusView {
  provenance: DataProvenance;
  /** The pack's release notes; empty for the bundled data. */
  changelog: ChangelogEntry[];
  /** The address packs come from; null when this build takes none. */
  source: string | null;
  lastCheckAt: string | null;
  nextCheckAt: string | null;
  /** What the last check (or rollback) did, with the reason when a pack was refused. */
  last: CheckResult | null;
}

/** The catalog for the catalog pages: null when the bundled data is in use (the page bundles that copy itself). */
export interface CatalogReply {
  provenance: DataProvenance;
  catalog: Catalog | null;
}

/** A provider as the Options page lists it. */
export interface ProviderName {
  id: string;
  name: string;
}
