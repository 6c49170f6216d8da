/**
 * The registry check without a network: providers with real recorded captures of their status pages
 * (test/fixtures/status, each file's provenance in the README beside it) are checked against those, served
 * unchanged, and answer 404 for anything not captured; every other provider gets the synthetic all-clear
 * page the end-to-end world serves, built from the registry itself, and is reported as such.
 */
import { readFileSync } from 'node:fs';
import type { Provider } from '../src/catalog/types.ts';
import { allClearFetcher } from '../test/support/all-clear-fetcher.ts';
import { fakeFetcher } from '../test/support/fake-fetcher.ts';
import type { FetcherFor } from './registry-check-core.ts';

const fixture = (path: string) => readFileSync(new URL(`../test/fixtures/status/${path}`, import.meta.url), 'utf8');

/** Statuspage's small `status.json` is the page and status of a captured `summary.json`. */
function statusOf(summaryPath: string): string {
  const { page, status } = JSON.parse(fixture(summaryPath)) as { page: unknown; status: unknown };
  return JSON.stringify({ page, status });
}

/** Per provider, real captures by the end of the path they answer (only captures of that provider's own page). */
const CAPTURES: Record<string, Record<string, () => string>> = {
  anthropic: {
    '/api/v2/summary.json': () => fixture('statuspage-summary-allclear.claude.json'),
    '/api/v2/status.json': () => statusOf('statuspage-summary-allclear.claude.json'),
  },
  google: {
    '/incidents.json': () => fixture('google-cloud/gcp-incidents-excerpt.ai-products.json'),
    '/products.json': () => fixture('google-cloud/gcp-products-excerpt.json'),
  },
  'azure-openai': { '/status/feed/': () => fixture('azure-status/azure-feed-empty.xml') },
  together: { '/index.json': () => fixture('better-stack/betterstack-index.together-trimmed.json') },
  deepseek: { '/summary/active': () => fixture('flashduty/flashduty-deepseek-summary-active.json') },
  openrouter: { '/config.json': () => fixture('datadog/datadog-config.openrouter.json') },
  xai: { '/feed.xml': () => fixture('rss/xai-feed.resolved.xml') },
};

/** Providers the offline check reads from real captures. */
export const RECORDED_PROVIDERS: readonly string[] = Object.keys(CAPTURES);

export function offlineFetchers(now: Date): FetcherFor {
  const synthetic = allClearFetcher(now);
  return (provider: Provider) => {
    const captures = CAPTURES[provider.id];
    if (!captures) return { fetcher: synthetic, source: 'synthetic' };
    const fetcher = fakeFetcher((url) => {
      const { pathname } = new URL(url);
      const match = Object.entries(captures).find(([suffix]) => pathname.endsWith(suffix));
      return match?.[1]();
    });
    return { fetcher, source: 'recorded' };
  };
}
