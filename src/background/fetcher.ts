import { FetchError, type Fetcher } from '../status/adapter.ts';
import { whatIsIt } from '../status/recognize.ts';
import { decodeBody } from '../status/decode.ts';
import { parseJson } from '../model/json.ts';
import { parseRetryAfter } from '../health/schedule.ts';
import type { HttpCacheEntry } from './db.ts';

/** Well under the 30 s after which Chrome kills a worker waiting on a fetch. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Status payloads are KB to a few hundred KB; anything past this is not a status page. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Bodies kept for revalidation (ETag / Last-Modified): real status payloads are well under it. A larger one is
 * read but not kept, so a page sending megabytes on every read costs bandwidth, not storage.
 */
export const MAX_CACHED_BODY_BYTES = 1024 * 1024;

export interface HttpCache {
  get(url: string): Promise<HttpCacheEntry | undefined>;
  put(entry: HttpCacheEntry): Promise<void>;
}

/** What a poll cost on the wire, for the benchmark and the fault-injection tests. */
export interface FetchStats {
  requests: number;
  notModified: number;
  bodyBytes: number;
}

/** Reads at most `limit` bytes of a body; null when it is longer (the rest is not downloaded). */
export async function boundedBody(response: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    return whole.length > limit ? null : whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

async function readCapped(response: Response): Promise<Uint8Array> {
  const bytes = await boundedBody(response, MAX_BODY_BYTES);
  if (!bytes) throw new FetchError({ kind: 'too-large' });
  return bytes;
}

/** How much of an error page is read to tell a browser check from another error. */
const ERROR_PEEK_BYTES = 16 * 1024;

/** Whether an error answer is a browser check (a CDN's bot challenge) rather than a plain error. */
async function isChallenge(response: Response): Promise<boolean> {
  if (response.headers.get('cf-mitigated') === 'challenge') return true;
  if ((response.status !== 403 && response.status !== 503) || !/html/i.test(response.headers.get('content-type') ?? '')) return false;
  try {
    const reader = response.body?.getReader();
    if (!reader) return false;
    const { value } = await reader.read();
    await reader.cancel();
    return value !== undefined && whatIsIt(new TextDecoder().decode(value.subarray(0, ERROR_PEEK_BYTES))) === 'challenge';
  } catch {
    return false;
  }
}

export interface FetcherOptions {
  /**
   * Send the browser's cookies for the status page. Off by default; on only for a page that asked for a
   * browser check, so the check the user passed in a tab (a clearance cookie) lets Upstream read it too.
   */
  cookies?: boolean;
}

/**
 * GETs status endpoints (without cookies unless asked), revalidating cached bodies with ETag / Last-Modified
 * so an unchanged page costs a 304; every failure rejects with its reason as a ReadError.
 */
export function createFetcher(
  cache: HttpCache,
  stats?: FetchStats,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  options: FetcherOptions = {},
): Fetcher {
  async function text(url: string): Promise<string> {
    const cached = await cache.get(url);
    const headers: Record<string, string> = {};
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    let response: Response;
    try {
      // Our own validators make the browser bypass its HTTP cache, so a 304 reaches us.
      response = await fetchImpl(url, { credentials: options.cookies ? 'include' : 'omit', headers, signal });
    } catch (error) {
      throw new FetchError(signal.aborted ? { kind: 'timeout' } : { kind: 'network' }, undefined, { cause: error });
    }
    if (stats) stats.requests++;
    if (response.status === 304 && cached) {
      if (stats) stats.notModified++;
      return cached.body;
    }
    if (!response.ok) {
      if (await isChallenge(response)) throw new FetchError({ kind: 'format', found: 'challenge' });
      throw new FetchError({ kind: 'http', status: response.status }, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
    }
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(response);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(signal.aborted ? { kind: 'timeout' } : { kind: 'network' }, undefined, { cause: error });
    }
    if (stats) stats.bodyBytes += bytes.byteLength;
    const body = decodeBody(bytes);
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if ((etag || lastModified) && bytes.byteLength <= MAX_CACHED_BODY_BYTES) await cache.put({ url, etag, lastModified, body });
    // Too large to keep: forget the older copy too, so its validators cannot answer for a body we no longer have.
    else if (cached) await cache.put({ url, etag: null, lastModified: null, body: '' });
    return body;
  }

  return {
    text,
    async json(url) {
      const body = await text(url);
      const parsed = parseJson(body);
      if (!parsed.ok) throw new FetchError({ kind: 'format', found: whatIsIt(body) });
      return parsed.value;
    },
  };
}
