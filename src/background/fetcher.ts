import type { Fetcher } from '../health/adapter.ts';
import { decodeBody, parseJson } from '../health/decode.ts';

/** Well under the 30 s after which Chrome kills a worker waiting on a fetch. */
export const FETCH_TIMEOUT_MS = 10_000;

async function getText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-cache', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new Error(timedOut ? 'timed out' : 'network error', { cause: error });
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return decodeBody(new Uint8Array(await response.arrayBuffer()));
}

/** GETs status endpoints without cookies; every failure rejects with a short readable reason. */
export const networkFetcher: Fetcher = {
  text: getText,
  async json(url) {
    const parsed = parseJson(await getText(url));
    if (!parsed.ok) throw new Error('response is not JSON');
    return parsed.value;
  },
};
