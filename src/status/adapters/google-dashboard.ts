import { ISO_TIME } from '../../model/patterns.ts';
import { selectRecentIncidents, type ParseResult, type StatusAdapter } from '../adapter.ts';
import type { StatusPageRef } from '../../catalog/types.ts';
import { asArray, asObject, asString, asTimestamp, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate, RecentIncident, ReadError, RecentResult } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Shared reader for Google's status dashboards (Google Cloud Service Health and the Google Workspace
 * Status Dashboard). Both serve the same engine's `incidents.json`: a bare array of every incident of the
 * last years, newest first, with no per-product status table. A product's status is therefore derived:
 * it is operational when no open incident (`end` absent, null or empty) names it. An open incident on another
 * product whose name or id contains one of `params.relatedProducts` (Vertex, Gemini…: a product added or
 * renamed) is kept under that product, so the catalog shows it as a possible impact instead of dropping it.
 *
 * The payload is hundreds of kilobytes, so everything here is one linear pass over the array.
 */

export interface GoogleDashboardOptions {
  /** Dashboard root that incident `uri`s are relative to, with a trailing slash. */
  dashboardUrl: string;
  /** The page shown to the user; the fallback link. */
  pageUrl: string;
  now: Date;
  params: Record<string, string | string[]> | undefined;
}

/** A product as an incident names it. */
interface ProductRef {
  id: string;
  title: string;
}

/** One entry of the array, checked for the fields a verdict needs. */
interface DashboardEntry {
  raw: JsonObject;
  id: string;
  open: boolean;
  /** Products named now: `currently_affected_products` when it lists any, else `affected_products`. */
  currentProducts: ProductRef[];
  allProducts: ProductRef[];
}

// RFC 3339, which the published schema promises. Stricter than Date.parse, which reads "1" as a date:
// an `end` that is not clearly a time must not close an incident.

function strictTimestamp(value: unknown): string | null {
  return typeof value === 'string' && ISO_TIME.test(value) ? asTimestamp(value) : null;
}

/** `params.x` as a list, whether it was given as one string or several. */
function paramList(params: GoogleDashboardOptions['params'], key: string): string[] {
  const value = params?.[key];
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

/** A product list, `undefined` when absent, `null` when present but unreadable. */
function readProducts(value: unknown): ProductRef[] | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return null;
  const products: ProductRef[] = [];
  for (const item of value as unknown[]) {
    const product = asObject(item);
    const id = product?.id;
    if (!product || typeof id !== 'string' || id === '') return null;
    // Google renames products (Vertex Gemini API → Gemini on Agent Platform) and then sends both titles.
    products.push({ id, title: asString(product.current_title) || asString(product.title) });
  }
  return products;
}

/** The entry, or null when it is not a well-formed incident (so it may hide an open one). */
function readEntry(value: unknown): DashboardEntry | null {
  const raw = asObject(value);
  if (!raw || typeof raw.id !== 'string' || raw.id === '') return null;
  const end = raw.end;
  const open = end === undefined || end === null || end === '';
  if (!open && strictTimestamp(end) === null) return null;
  // `affected_products` is the schema's product list; Workspace adds `currently_affected_products`.
  const affected = readProducts(raw.affected_products);
  const current = readProducts(raw.currently_affected_products);
  if (!affected || current === null) return null;
  // An open incident may already have released some products; Workspace says which ones still suffer.
  const currentProducts = current && current.length > 0 ? current : affected;
  return { raw, id: raw.id, open, currentProducts, allProducts: current ? [...affected, ...current] : affected };
}

/** Service status of an update or of the incident; SERVICE_INFORMATION is an advisory, not a fault. */
export function levelFromGoogleStatus(status: unknown): HealthLevel {
  switch (status) {
    case 'AVAILABLE':
    case 'SERVICE_INFORMATION':
      return 'operational';
    case 'SERVICE_DISRUPTION':
      return 'degraded';
    case 'SERVICE_OUTAGE':
      return 'major_outage';
    case 'SERVICE_MAINTENANCE':
    case 'SCHEDULED_MAINTENANCE':
      return 'maintenance';
    default:
      return 'unknown';
  }
}

/** The status of the latest update when there is one (it is the current word), else the incident's. */
function currentStatus(entry: JsonObject, latest: IncidentUpdate | null): string {
  const mostRecent = asObject(entry.most_recent_update);
  if (mostRecent && mostRecent.status !== undefined) return asString(mostRecent.status, 'invalid');
  if (latest && latest.status !== '') return latest.status;
  return asString(entry.status_impact);
}

function readUpdate(value: unknown, fallbackAt: unknown): IncidentUpdate | null {
  const update = asObject(value);
  if (!update) return null;
  const at = asTimestamp(update.when) ?? asTimestamp(update.created) ?? asTimestamp(fallbackAt);
  if (at === null) return null;
  return { body: asString(update.text), at, status: asString(update.status) };
}

/** `most_recent_update`, or the newest of `updates` when it is missing. */
function latestUpdate(entry: JsonObject): IncidentUpdate | null {
  const mostRecent = readUpdate(entry.most_recent_update, entry.modified);
  if (mostRecent) return mostRecent;
  let latest: IncidentUpdate | null = null;
  for (const item of asArray(entry.updates)) {
    const update = readUpdate(item, null);
    if (update && (latest === null || update.at > latest.at)) latest = update;
  }
  return latest;
}

/** Dashboard permalink; only links on the dashboard's own origin are kept. */
function incidentUrl(uri: unknown, options: GoogleDashboardOptions): string {
  if (typeof uri !== 'string' || uri === '') return options.pageUrl;
  try {
    const url = new URL(uri, options.dashboardUrl);
    return url.origin === new URL(options.dashboardUrl).origin ? url.href : options.pageUrl;
  } catch {
    return options.pageUrl;
  }
}

function toIncident(entry: DashboardEntry, componentIds: string[], options: GoogleDashboardOptions): Incident | null {
  const latest = latestUpdate(entry.raw);
  const status = currentStatus(entry.raw, latest);
  const impact = levelFromGoogleStatus(status);
  const startedAt = asTimestamp(entry.raw.begin);
  // Planned work that has not begun yet is not shown, like scheduled maintenance elsewhere.
  if (impact === 'maintenance' && startedAt !== null && Date.parse(startedAt) > options.now.getTime()) return null;
  return {
    id: entry.id,
    title: asString(entry.raw.external_desc).trim(),
    impact,
    status,
    startedAt,
    latestUpdate: latest,
    url: incidentUrl(entry.raw.uri, options),
    componentIds,
    maintenance: impact === 'maintenance',
  };
}


/** The products of an entry that match a related pattern (case-insensitive, by name or id), configured ones aside. */
function relatedProducts(products: ProductRef[], configured: ReadonlySet<string>, patterns: readonly string[]): ProductRef[] {
  if (patterns.length === 0) return [];
  const found = new Map<string, ProductRef>();
  for (const product of products) {
    if (configured.has(product.id) || found.has(product.id)) continue;
    const names = [product.title.toLowerCase(), product.id.toLowerCase()];
    if (patterns.some((pattern) => names.some((name) => name.includes(pattern)))) found.set(product.id, product);
  }
  return [...found.values()];
}

const relatedPatterns = (params: GoogleDashboardOptions['params']) => [...new Set(paramList(params, 'relatedProducts').map((pattern) => pattern.toLowerCase()))];

/** The configured product ids, or the reason the payload cannot be read for them. */
function checkPayload(payload: unknown, options: GoogleDashboardOptions): { productIds: string[]; entries: unknown[] } | { error: ReadError } {
  const productIds = [...new Set(paramList(options.params, 'productIds'))];
  if (productIds.length === 0) return { error: { kind: 'config' } };
  if (!Array.isArray(payload)) return { error: { kind: 'format' } };
  return { productIds, entries: payload };
}

/** Parses a Google dashboard `incidents.json` for the products in `params.productIds`. Never throws. */
export function parseGoogleDashboard(payload: unknown, options: GoogleDashboardOptions): ParseResult {
  const checked = checkPayload(payload, options);
  if ('error' in checked) return { ok: false, error: checked.error };
  const { productIds, entries } = checked;

  const configured = new Set(productIds);
  const patterns = relatedPatterns(options.params);
  const related = new Map<string, string>();
  const givenNames = paramList(options.params, 'productNames');
  const seenTitles = new Map<string, string>();
  const levels = new Map<string, HealthLevel[]>(productIds.map((id) => [id, []]));
  const incidents: Incident[] = [];
  const listed = new Set<string>();
  let unreadable = 0;
  let pageUpdatedAt: string | null = null;

  // A plain indexed loop: holes and non-objects must be counted, not skipped.
  for (let index = 0; index < entries.length; index++) {
    const entry = readEntry(entries[index]);
    if (!entry) {
      unreadable++;
      continue;
    }
    const modified = asTimestamp(entry.raw.modified);
    if (modified !== null && (pageUpdatedAt === null || modified > pageUpdatedAt)) pageUpdatedAt = modified;
    for (const product of entry.allProducts) {
      if (configured.has(product.id) && product.title !== '' && !seenTitles.has(product.id)) seenTitles.set(product.id, product.title);
    }
    if (!entry.open || listed.has(entry.id)) continue;
    const named = new Set(entry.currentProducts.map((product) => product.id));
    const own = productIds.filter((id) => named.has(id));
    const nearby = own.length > 0 ? [] : relatedProducts(entry.currentProducts, configured, patterns);
    const componentIds = own.length > 0 ? own : nearby.map((product) => product.id);
    if (componentIds.length === 0) continue;
    const incident = toIncident(entry, componentIds, options);
    if (!incident) continue;
    listed.add(entry.id);
    incidents.push(incident);
    for (const product of nearby) {
      if (!related.has(product.id)) related.set(product.id, product.title || product.id);
      if (!levels.has(product.id)) levels.set(product.id, []);
    }
    for (const id of componentIds) levels.get(id)?.push(incident.impact);
  }

  const empty = entries.length === 0;
  const components: ComponentHealth[] = productIds.map((id, index) => {
    const read = worstLevel(['operational', ...(levels.get(id) ?? [])]);
    // "Nothing open" is only known when every entry could be read: an unreadable one may be open.
    const level = empty || (unreadable > 0 && read === 'operational') ? 'unknown' : read;
    return { id, name: givenNames[index] ?? seenTitles.get(id) ?? id, level };
  });
  // Related products appear only with an open incident on them, so their level is that incident's.
  for (const [id, name] of related) components.push({ id, name, level: worstLevel(levels.get(id) ?? []) });

  return {
    ok: true,
    health: {
      level: worstLevel(components.map((component) => component.level)),
      description: '',
      components,
      incidents,
      pageUpdatedAt,
      // The feed covers every Google product; weeks without activity on any of them means nobody updates it.
      liveness: pageUpdatedAt === null ? null : { at: pageUpdatedAt, signal: 'feed-activity' },
      fetchedAt: options.now.toISOString(),
    },
  };
}

/**
 * The declared impact of an ended incident: its `status_impact`. The latest update of an ended incident says
 * AVAILABLE, which would list every past outage as operational.
 */
function endedImpact(entry: DashboardEntry): HealthLevel {
  return levelFromGoogleStatus(entry.raw.status_impact);
}

/**
 * Recent incidents of the products in `params.productIds` from the same `incidents.json`, ended ones included:
 * an open incident as `read` shows it, an ended one with its declared impact and `end` as its resolution.
 * Entries that cannot be read are skipped (here they hide nothing: the list is history, not a verdict).
 */
export function parseGoogleDashboardRecent(payload: unknown, options: GoogleDashboardOptions): RecentResult {
  const checked = checkPayload(payload, options);
  if ('error' in checked) return { ok: false, error: checked.error };
  const { productIds, entries } = checked;
  const configured = new Set(productIds);
  const patterns = relatedPatterns(options.params);
  const recent: RecentIncident[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = readEntry(entries[index]);
    if (!entry) continue;
    // History keeps every product the incident ever named, including ones it has since released.
    const named = new Set(entry.allProducts.map((product) => product.id));
    const own = productIds.filter((id) => named.has(id));
    const componentIds = own.length > 0 ? own : relatedProducts(entry.allProducts, configured, patterns).map((product) => product.id);
    if (componentIds.length === 0) continue;
    const incident = toIncident(entry, componentIds, options);
    if (!incident) continue;
    if (entry.open) {
      recent.push({ ...incident, resolvedAt: null });
      continue;
    }
    const resolvedAt = strictTimestamp(entry.raw.end);
    if (resolvedAt === null) continue; // readEntry already refuses such an `end`; never list it as open.
    const impact = endedImpact(entry);
    recent.push({ ...incident, impact, maintenance: impact === 'maintenance', resolvedAt });
  }
  return { ok: true, incidents: selectRecentIncidents(recent, options.now) };
}

/** The parsers and adapter of one Google dashboard: both serve the same `incidents.json` at a fixed address. */
export function googleDashboard(platform: 'google-cloud' | 'google-workspace', dashboardUrl: string) {
  const incidentsUrl = `${dashboardUrl}incidents.json`;
  const parse = (payload: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): ParseResult =>
    parseGoogleDashboard(payload, { dashboardUrl, pageUrl, now, params });
  const parseRecent = (payload: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): RecentResult =>
    parseGoogleDashboardRecent(payload, { dashboardUrl, pageUrl, now, params });
  const adapter: StatusAdapter = {
    platform,
    async read(page, fetcher, now) {
      return parse(await fetcher.json(incidentsUrl), page.pageUrl, now, page.params);
    },
    async recent(page, fetcher, now) {
      return parseRecent(await fetcher.json(incidentsUrl), page.pageUrl, now, page.params);
    },
  };
  return { incidentsUrl, parse, parseRecent, adapter };
}
