/**
 * The relay's digest: every provider's latest reading in one compact document, so that many installs can share
 * one read of each status page. The relay builds it with the same adapters the extension uses; the extension
 * reads it as untrusted input, as strictly as a status page: a malformed entry is no reading (the extension then
 * reads that page itself), never an operational one.
 */
import type { Provider } from '../catalog/types.ts';
import type { ComponentHealth, Incident, IncidentUpdate, Liveness, ProviderHealth, ReadError } from '../model/health.ts';
import { parseReadError } from '../model/health.ts';
import { isHealthLevel } from '../model/levels.ts';
import { isRecord } from '../model/json.ts';
import { readErrorOf, type Fetcher } from './adapter.ts';
import { BOUNDS } from './bounds.ts';
import { explainFormatError, observed } from './drift.ts';
import { ADAPTERS } from './registry.ts';

export const DIGEST_FORMAT = 1;
/** A digest is a few KB per provider at most; anything larger is not one. */
export const MAX_DIGEST_BYTES = 512 * 1024;

export type DigestEntry = { readAt: string; ok: true; health: ProviderHealth } | { readAt: string; ok: false; error: ReadError };

export interface Digest {
  format: typeof DIGEST_FORMAT;
  generatedAt: string;
  providers: Record<string, DigestEntry>;
}

/**
 * One provider's entry: the adapter's reading, or why the page could not be read, a format error explained
 * from the body as the extension's own read does (so a relayed read tells a moved page from a hiccup too).
 * Never throws.
 */
export async function readForDigest(provider: Provider, fetcher: Fetcher, now: Date, previous: ProviderHealth | null): Promise<DigestEntry> {
  const readAt = now.toISOString();
  const adapter = ADAPTERS[provider.status.platform];
  if (!adapter) return { readAt, ok: false, error: { kind: 'config' } };
  const watched = observed(fetcher);
  try {
    const result = await adapter.read(provider.status, watched, now, previous);
    return result.ok ? { readAt, ok: true, health: result.health } : { readAt, ok: false, error: explainFormatError(result.error, watched.lastBody, provider) };
  } catch (error) {
    return { readAt, ok: false, error: explainFormatError(readErrorOf(error), watched.lastBody, provider) };
  }
}

const str = (value: unknown, max: number): string | null => (typeof value === 'string' && value.length <= max ? value : null);
const isoOrNull = (value: unknown): string | null | undefined => (value === null ? null : typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value)) ? value : undefined);

function parseComponent(raw: unknown): ComponentHealth | null {
  if (!isRecord(raw) || !isHealthLevel(raw.level)) return null;
  const id = str(raw.id, BOUNDS.text.id);
  const name = str(raw.name, BOUNDS.text.name);
  return id !== null && name !== null ? { id, name, level: raw.level } : null;
}

function parseUpdate(raw: unknown): IncidentUpdate | null | undefined {
  if (raw === null) return null;
  if (!isRecord(raw)) return undefined;
  const body = str(raw.body, BOUNDS.text.body);
  const status = str(raw.status, BOUNDS.text.status);
  const at = isoOrNull(raw.at);
  return body !== null && status !== null && typeof at === 'string' ? { body, status, at } : undefined;
}

function parseIncident(raw: unknown): Incident | null {
  if (!isRecord(raw) || !isHealthLevel(raw.impact) || typeof raw.maintenance !== 'boolean') return null;
  const id = str(raw.id, BOUNDS.text.id);
  const title = str(raw.title, BOUNDS.text.title);
  const status = str(raw.status, BOUNDS.text.status);
  const url = str(raw.url, BOUNDS.text.url);
  const startedAt = isoOrNull(raw.startedAt);
  const latestUpdate = parseUpdate(raw.latestUpdate);
  const componentIds = Array.isArray(raw.componentIds) && raw.componentIds.length <= BOUNDS.componentIdsPerIncident ? raw.componentIds : null;
  if (id === null || title === null || status === null || url === null || startedAt === undefined || latestUpdate === undefined || componentIds === null) return null;
  if (!componentIds.every((componentId) => typeof componentId === 'string' && componentId.length <= BOUNDS.text.id)) return null;
  return { id, title, impact: raw.impact, status, startedAt, latestUpdate, url, componentIds: componentIds as string[], maintenance: raw.maintenance };
}

function parseLiveness(raw: unknown): Liveness | null | undefined {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw) || !['build-time', 'daily-history', 'feed-activity'].includes(raw.signal as string)) return undefined;
  const at = isoOrNull(raw.at);
  return typeof at === 'string' ? { at, signal: raw.signal as Liveness['signal'] } : undefined;
}

/** A reading as the relay sent it, checked field by field; null when anything is out of shape or bounds. */
export function parseHealth(raw: unknown): ProviderHealth | null {
  if (!isRecord(raw) || !isHealthLevel(raw.level)) return null;
  const description = str(raw.description, BOUNDS.text.description);
  const fetchedAt = isoOrNull(raw.fetchedAt);
  const pageUpdatedAt = isoOrNull(raw.pageUpdatedAt ?? null);
  const detailsFetchedAt = raw.detailsFetchedAt === undefined ? undefined : isoOrNull(raw.detailsFetchedAt);
  const liveness = parseLiveness(raw.liveness);
  if (description === null || typeof fetchedAt !== 'string' || pageUpdatedAt === undefined || liveness === undefined || detailsFetchedAt === null) return null;
  if (!Array.isArray(raw.components) || raw.components.length > BOUNDS.components) return null;
  if (!Array.isArray(raw.incidents) || raw.incidents.length > BOUNDS.incidents) return null;
  const components = raw.components.map(parseComponent);
  const incidents = raw.incidents.map(parseIncident);
  if (components.includes(null) || incidents.includes(null)) return null;
  return {
    level: raw.level,
    description,
    components: components as ComponentHealth[],
    incidents: incidents as Incident[],
    ...(raw.incidentsUnavailable === true ? { incidentsUnavailable: true } : {}),
    pageUpdatedAt,
    liveness,
    fetchedAt,
    ...(detailsFetchedAt ? { detailsFetchedAt } : {}),
  };
}

/** The digest's entry for one provider if the digest is well-formed and the entry is; else null. */
export function digestEntry(raw: unknown, providerId: string): DigestEntry | null {
  if (!isRecord(raw) || raw.format !== DIGEST_FORMAT || !isRecord(raw.providers)) return null;
  const entry = Object.hasOwn(raw.providers, providerId) ? raw.providers[providerId] : undefined;
  if (!isRecord(entry)) return null;
  const readAt = isoOrNull(entry.readAt);
  if (typeof readAt !== 'string') return null;
  if (entry.ok === true) {
    const health = parseHealth(entry.health);
    return health ? { readAt, ok: true, health } : null;
  }
  const error = entry.ok === false ? parseReadError(entry.error) : null;
  return error ? { readAt, ok: false, error } : null;
}
