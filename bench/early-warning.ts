/**
 * What watching a product's AI requests costs the worker, in Node with the worker's real code: per request (the
 * browser passes only requests matching the catalog's patterns), the match alone, and the whole observation (match,
 * count, judge, with the state kept in a storage.session stand-in held in memory: the browser's own storage call,
 * an IPC, comes on top); per page, a chat session of 20 AI requests. The floor, in the same run, is a request the
 * filter let through that no pattern claims: what the listener pays for doing nothing.
 */
import { resetBrowser } from '../test/support/fake-extension.ts';
import { aiRequestEvent, observeRequest } from '../src/background/early-warning.ts';
import { DEFAULT_SETTINGS } from '../src/protocol/settings.ts';
import { testContext } from '../test/support/worker-context.ts';

const COMPLETION = 'https://claude.ai/api/organizations/org-1/chat_conversations/conv-1/completion';
const OTHER = 'https://claude.ai/api/organizations/org-1/chat_conversations/conv-1';
const ITERATIONS = 20_000;
const PAGE_REQUESTS = 20;

export interface EarlyWarningCost {
  floorUs: number;
  matchUs: number;
  observeUs: number;
  pageMs: number;
}

function perCall(run: (index: number) => void, iterations = ITERATIONS): number {
  for (let index = 0; index < 1000; index++) run(index);
  const started = performance.now();
  for (let index = 0; index < iterations; index++) run(index);
  return ((performance.now() - started) * 1000) / iterations;
}

export async function measureEarlyWarning(): Promise<EarlyWarningCost> {
  resetBrowser();
  const details = (url: string, index: number) => ({ url, method: url === COMPLETION ? 'POST' : 'GET', requestId: String(index), timeStamp: Date.now() });
  const floorUs = perCall((index) => aiRequestEvent('start', details(OTHER, index)));
  const matchUs = perCall((index) => aiRequestEvent('start', details(COMPLETION, index)));
  const ctx = testContext({ settings: DEFAULT_SETTINGS });
  // A request is two events: its start, and how it ended (here half fail with a 529, half succeed).
  const observeOne = async (index: number) => {
    const start = aiRequestEvent('start', details(COMPLETION, index));
    const end = aiRequestEvent('response', { ...details(COMPLETION, index), statusCode: index % 2 === 0 ? 529 : 200 });
    if (start) await observeRequest(ctx, start);
    if (end) await observeRequest(ctx, end);
  };
  for (let index = 0; index < 200; index++) await observeOne(index);
  const runs = 2000;
  let started = performance.now();
  for (let index = 0; index < runs; index++) await observeOne(1_000_000 + index);
  const observeUs = ((performance.now() - started) * 1000) / runs;
  resetBrowser();
  started = performance.now();
  for (let index = 0; index < PAGE_REQUESTS; index++) await observeOne(2_000_000 + index);
  const pageMs = performance.now() - started;
  return { floorUs, matchUs, observeUs, pageMs };
}
