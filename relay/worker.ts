/**
 * Upstream's status relay, a Cloudflare Worker. Once a minute (a Cron Trigger) it reads every status page of the
 * registry with the extension's own adapters and revalidating fetcher, and serves the readings as one digest with
 * an ETag. However many installs use it, each status page is read once a minute. Off by default: an install uses
 * it only when its Options name a relay URL, and reads pages directly whenever the relay fails (docs/RELAY.md).
 *
 * Bindings: STATE, an R2 bucket holding `digest.json` (what is served) and `state.json` (validators and the
 * previous readings, so unchanged pages cost a 304).
 */
import { CATALOG } from '../src/catalog/index.ts';
import type { Provider } from '../src/catalog/types.ts';
import { createFetcher } from '../src/background/fetcher.ts';
import type { HttpCacheEntry } from '../src/background/db.ts';
import type { ProviderHealth } from '../src/model/health.ts';
import { boundHealth } from '../src/status/bounds.ts';
import { DIGEST_FORMAT, readForDigest, type Digest } from '../src/status/digest.ts';

/** The few R2 calls the relay makes (typed here so the relay needs no platform type package). */
interface Bucket {
  get(key: string): Promise<{ text(): Promise<string>; httpEtag: string } | null>;
  put(key: string, value: string, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
}

interface Env {
  STATE: Bucket;
}

interface RelayState {
  http: Record<string, HttpCacheEntry>;
  previous: Record<string, ProviderHealth>;
}

const DIGEST_PATH = '/v1/digest.json';
/** Workers allow six simultaneous outgoing connections per invocation. */
const CONNECTIONS = 6;

async function loadState(env: Env): Promise<RelayState> {
  try {
    const stored = await env.STATE.get('state.json');
    const parsed: unknown = stored ? JSON.parse(await stored.text()) : null;
    if (parsed && typeof parsed === 'object' && 'http' in parsed && 'previous' in parsed) return parsed as RelayState;
  } catch {
    // A broken state only costs full reads this once.
  }
  return { http: {}, previous: {} };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pooled<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(lanes);
}

/** One round: every page read once (conditionally), the digest rewritten. */
async function refresh(env: Env, now: Date, providers: readonly Provider[] = CATALOG.providers): Promise<Digest> {
  const state = await loadState(env);
  const seen = new Set<string>();
  const fetcher = createFetcher({
    get: async (url) => {
      seen.add(url);
      return state.http[url];
    },
    put: async (entry) => {
      state.http[entry.url] = entry;
    },
  });
  const digest: Digest = { format: DIGEST_FORMAT, generatedAt: now.toISOString(), providers: {} };
  await pooled(providers, CONNECTIONS, async (provider) => {
    const entry = await readForDigest(provider, fetcher, now, state.previous[provider.id] ?? null);
    if (entry.ok) {
      const health = boundHealth(entry.health, provider, provider.status.pageUrl);
      digest.providers[provider.id] = { ...entry, health };
      state.previous[provider.id] = health;
    } else digest.providers[provider.id] = entry;
  });
  // Validators of URLs no page asked for this round (a page moved) are dropped, so the state stays small.
  state.http = Object.fromEntries(Object.entries(state.http).filter(([url]) => seen.has(url)));
  await env.STATE.put(DIGEST_PATH.slice(1), JSON.stringify(digest), { httpMetadata: { contentType: 'application/json' } });
  await env.STATE.put('state.json', JSON.stringify(state));
  return digest;
}

async function serveDigest(request: Request, env: Env): Promise<Response> {
  const stored = await env.STATE.get(DIGEST_PATH.slice(1));
  if (!stored) return new Response('No digest yet', { status: 503, headers: { 'retry-after': '60' } });
  const headers = {
    etag: stored.httpEtag,
    // Edges and browsers may keep it half a minute: the digest changes at most once a minute.
    'cache-control': 'public, max-age=30',
    'access-control-allow-origin': '*',
    'content-type': 'application/json; charset=utf-8',
  };
  if (request.headers.get('if-none-match') === stored.httpEtag) return new Response(null, { status: 304, headers });
  return new Response(await stored.text(), { status: 200, headers });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== DIGEST_PATH) return new Response('Not found', { status: 404 });
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405, headers: { allow: 'GET' } });
    return serveDigest(request, env);
  },
  async scheduled(_controller: unknown, env: Env): Promise<void> {
    await refresh(env, new Date());
  },
};
