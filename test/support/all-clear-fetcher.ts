import { CATALOG } from '../../src/catalog/index.ts';
import { allClearBody, allClearHistory } from '../fixtures/status/all-clear.ts';
import { fakeFetcher } from './fake-fetcher.ts';

const BY_HOST = new Map(CATALOG.providers.flatMap((provider) => [new URL(provider.status.pageUrl).hostname, ...provider.status.aliases].map((host) => [host, provider] as const)));

/** Every provider's page answers all clear at `now`, as in the end-to-end world; `requested` lists what was read. */
export function allClearFetcher(now: Date) {
  return fakeFetcher((url) => {
    const { hostname, pathname } = new URL(url);
    const provider = BY_HOST.get(hostname) ?? CATALOG.providers.find((candidate) => url.startsWith(candidate.status.pageUrl));
    return provider ? (allClearBody(provider, pathname, now) ?? allClearHistory(provider, pathname, now))?.body : undefined;
  });
}
