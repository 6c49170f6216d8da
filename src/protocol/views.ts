/** What the worker sends the extension pages: view models assembled from the catalog, readings and stack. */
import type { ProductDetection } from '../detect/engine.ts';
import type { ComponentStatus, ProductStatus } from '../health/assess.ts';
import type { IncidentRecord, StatusEvent } from '../health/history.ts';
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

export interface ProviderView {
  providerId: string;
  /** The last reading shown to the user (kept while stale, with `level` saying unknown). */
  health: ProviderHealth | null;
  level: ProviderLevel;
  lastError: ReadError | null;
  /** How reads of the page have gone: last good read, last failure, components the page stopped listing. */
  diagnostics: ReadDiagnostics | null;
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
