/**
 * `npm run registry:check`: reads every provider's status page as the registry describes it and reports what
 * still holds (docs/CATALOG.md explains the report). With a network it reads the live pages; without one (or
 * with --fixtures) it reads real recorded captures where there are some, synthetic all-clear pages elsewhere. `--json` prints the checks as JSON. Exits 1
 * when a provider needs checking, so a release script can stop on it.
 */
import { lookup } from 'node:dns/promises';
import { createFetcher } from '../src/background/fetcher.ts';
import { CATALOG } from '../src/catalog/index.ts';
import { offlineFetchers } from './registry-check-captures.ts';
import { checkRegistry, formatReport } from './registry-check-core.ts';

async function online(): Promise<boolean> {
  try {
    await Promise.race([lookup(new URL(CATALOG.providers[0]?.status.pageUrl ?? 'https://status.claude.com').hostname), new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 3000))]);
    return true;
  } catch {
    return false;
  }
}

const args = new Set(process.argv.slice(2));
const now = new Date();
const live = !args.has('--fixtures') && (await online());
const memory = new Map<string, { url: string; etag: string | null; lastModified: string | null; body: string }>();
const liveFetcher = createFetcher({ get: async (url) => memory.get(url), put: async (entry) => void memory.set(entry.url, entry) });
if (!live && !args.has('--fixtures')) console.error('No network: checking against recorded captures, else synthetic all-clear pages.');
const checks = await checkRegistry(CATALOG.providers, live ? () => ({ fetcher: liveFetcher, source: 'live' }) : offlineFetchers(now), now);
console.log(args.has('--json') ? JSON.stringify({ mode: live ? 'live' : 'fixtures', checkedAt: now.toISOString(), checks }, null, 2) : formatReport(checks, live ? 'live' : 'fixtures', now));
process.exit(checks.every((check) => check.ok) ? 0 : 1);
