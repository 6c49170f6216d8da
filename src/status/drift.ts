/**
 * Telling a page that changed from a page that hiccuped. A read runs through `observed()`, which keeps the
 * last body; when the adapter then says "not my format", `explainFormatError` looks at that body to say
 * what came instead: a browser check, a web page, or another platform's data.
 */
import type { Provider } from '../catalog/types.ts';
import type { ReadError } from '../model/health.ts';
import { parseJson } from '../model/json.ts';
import { FetchError, type Fetcher } from './adapter.ts';
import { identifyPlatform, whatIsIt, type RecognizedPlatform } from './recognize.ts';

/** A fetcher that remembers the last body it returned. */
export function observed(fetcher: Fetcher): Fetcher & { lastBody: string | null } {
  const wrapper = {
    lastBody: null as string | null,
    async text(url: string): Promise<string> {
      const body = await fetcher.text(url);
      wrapper.lastBody = body;
      return body;
    },
    async json(url: string): Promise<unknown> {
      const body = await wrapper.text(url);
      const parsed = parseJson(body);
      if (!parsed.ok) throw new FetchError({ kind: 'format', found: whatIsIt(body) });
      return parsed.value;
    },
  };
  return wrapper;
}

/** The platform a provider's own data would be recognised as (feeds are not recognised from JSON). */
function ownPlatform(provider: Provider): RecognizedPlatform | null {
  switch (provider.status.platform) {
    case 'google-cloud':
    case 'google-workspace':
      return 'google-dashboard';
    case 'rss':
    case 'azure-status':
      return null;
    default:
      return provider.status.platform;
  }
}

/** A format error with what the page answered instead, when its last body tells. */
export function explainFormatError(error: ReadError, lastBody: string | null, provider: Provider): ReadError {
  if (error.kind !== 'format' || error.found !== undefined || lastBody === null) return error;
  const found = whatIsIt(lastBody);
  if (found !== 'json') return { kind: 'format', found };
  const parsed = parseJson(lastBody);
  const platform = parsed.ok ? identifyPlatform(parsed.value) : null;
  return platform !== null && platform !== ownPlatform(provider) ? { kind: 'format', found, platform } : { kind: 'format', found };
}
