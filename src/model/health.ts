import type { HealthLevel } from './levels.ts';

/**
 * Normalized provider health: what every status-page adapter produces, whatever the platform.
 * Pure data (JSON-serializable) so it can be stored in IndexedDB and sent in messages as is.
 */

export interface ComponentHealth {
  /** The platform's own component id. */
  id: string;
  name: string;
  level: HealthLevel;
}

export interface IncidentUpdate {
  /** The provider's own words; untrusted text, render as text only. */
  body: string;
  /** ISO 8601. */
  at: string;
  status: string;
}

export interface Incident {
  id: string;
  title: string;
  /** Worst impact the provider declared, normalized. */
  impact: HealthLevel;
  /** Platform lifecycle status, e.g. investigating, identified, monitoring. */
  status: string;
  /** ISO 8601, or null when the page does not say. */
  startedAt: string | null;
  latestUpdate: IncidentUpdate | null;
  /** Link to the incident on the official status page. */
  url: string;
  /** Ids of the components the incident names; empty when the page does not say. */
  componentIds: string[];
  /** True for planned maintenance windows. */
  maintenance: boolean;
}

/**
 * Evidence that a status page is still being published, for platforms whose documents carry it: the time a
 * feed was generated, the newest day of a per-day history, or the newest activity across a feed that covers
 * hundreds of products. A page's own "last changed" time is not such evidence: a calm page can stay unchanged
 * for months. See `freshness` for how old each may get.
 */
export interface Liveness {
  /** ISO 8601. */
  at: string;
  signal: 'build-time' | 'daily-history' | 'feed-activity';
}

export interface ProviderHealth {
  /** Overall level the page itself declares. */
  level: HealthLevel;
  /**
   * The page's own one-line description (e.g. "All Systems Operational"): the provider's words, untrusted.
   * Empty when the platform has none; pages then word what the reading holds (open incidents).
   */
  description: string;
  components: ComponentHealth[];
  /** Unresolved incidents and in-progress maintenance only. */
  incidents: Incident[];
  /** True when the page's incident list could not be read (components were), so "no incidents" is not known. */
  incidentsUnavailable?: boolean;
  /** When the page says it last changed (ISO 8601), or null. Shown to users; a quiet page's may be months old. */
  pageUpdatedAt: string | null;
  /** Evidence that the page is still published, where its platform gives any; absent or null otherwise. */
  liveness?: Liveness | null;
  /** When we read it (ISO 8601). */
  fetchedAt: string;
  /**
   * When the full details (components, incidents) were last read, for adapters that check a small endpoint
   * first and reuse the previous details while the page is unchanged. Absent means at `fetchedAt`.
   */
  detailsFetchedAt?: string;
}

/** An incident of a provider's recent history, as its status page lists it (for a provider page). */
export interface RecentIncident extends Incident {
  /** ISO time it was resolved, or null while open. */
  resolvedAt: string | null;
}

/** What `StatusAdapter.recent` resolves to. */
export type RecentResult = { ok: true; incidents: RecentIncident[] } | { ok: false; error: ReadError };

/**
 * Why a status page could not be read, as data (pages word it for the user):
 * - `http`: it answered with an error status; `timeout`: no answer in time; `network`: it could not be reached;
 * - `too-large`: the answer was too big to be a status;
 * - `format`: it answered, but not in its platform's shape (`found` says what came instead, when known, and
 *   `platform` which status platform's data it was, when recognised);
 * - `closed`: the page says it is no longer published; `config`: the registry entry lacks what the platform
 *   needs; `unexpected`: a fault in Upstream itself.
 */
export type ReadError =
  | { kind: 'http'; status: number }
  | { kind: 'timeout' }
  | { kind: 'network' }
  | { kind: 'too-large' }
  | { kind: 'format'; found?: FormatFound; platform?: string }
  | { kind: 'closed' }
  | { kind: 'config' }
  | { kind: 'unexpected' };

/** What a page answered instead of its data: a browser check, a web page, another platform's data, other text. */
export type FormatFound = 'challenge' | 'html' | 'json' | 'text';

const FOUND: readonly string[] = ['challenge', 'html', 'json', 'text'];
const SIMPLE_KINDS: readonly string[] = ['timeout', 'network', 'too-large', 'closed', 'config', 'unexpected'];

/**
 * A stored or received error, checked: records written by earlier versions carry the reason as English text,
 * which is read back into the kind it described.
 */
export function parseReadError(value: unknown): ReadError | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const http = /^HTTP (\d{3})$/.exec(value);
    if (http) return { kind: 'http', status: Number(http[1]) };
    if (value === 'timed out') return { kind: 'timeout' };
    if (value === 'network error') return { kind: 'network' };
    if (value === 'response too large') return { kind: 'too-large' };
    return { kind: 'format' };
  }
  if (typeof value !== 'object') return { kind: 'unexpected' };
  const { kind, status, found } = value as { kind?: unknown; status?: unknown; found?: unknown };
  if (kind === 'http' && typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) return { kind, status };
  if (kind === 'format') {
    const { platform } = value as { platform?: unknown };
    return {
      kind,
      ...(typeof found === 'string' && FOUND.includes(found) ? { found: found as FormatFound } : {}),
      ...(typeof platform === 'string' && /^[a-z-]{1,40}$/.test(platform) ? { platform } : {}),
    };
  }
  if (typeof kind === 'string' && SIMPLE_KINDS.includes(kind)) return { kind } as ReadError;
  return { kind: 'unexpected' };
}
