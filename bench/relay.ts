/**
 * The relay prototype under load: the Worker run in workerd (Miniflare) against every registry page answered
 * from fixtures. Reports the digest's size, how many requests each status page receives per round (one round a
 * minute) while many installs fetch the digest, and what the installs' requests cost.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { CATALOG } from '../src/catalog/index.ts';
import { allClearBody, allClearHistory } from '../test/fixtures/status/all-clear.ts';
import { claudeSummary } from '../test/fixtures/status/scenarios.ts';
import { startRelay } from '../test/support/relay.ts';

const ROUNDS = 5;
const INSTALL_REQUESTS_PER_ROUND = 200;
const DIGEST_URL = 'https://relay.example/v1/digest.json';
const BY_HOST = new Map(CATALOG.providers.flatMap((provider) => [new URL(provider.status.pageUrl).hostname, ...provider.status.aliases].map((host) => [host, provider] as const)));

export interface RelayLoad {
  providers: number;
  digestBytes: number;
  digestGzipBytes: number;
  /** Requests each status host received per round, max over hosts, and in all per round. */
  maxRequestsPerHostPerRound: number;
  requestsPerRound: number;
  /** Share of the relay's requests answered 304 after the first round. */
  notModifiedShare: number;
  installRequests: number;
  installNotModified: number;
  roundMs: number;
}

export async function measureRelay(): Promise<RelayLoad> {
  const now = new Date();
  const byRound: Map<string, number>[] = [];
  let notModified = 0;
  let later = 0;
  const relay = await startRelay((request) => {
    const url = new URL(request.url);
    const provider = BY_HOST.get(url.hostname) ?? CATALOG.providers.find((candidate) => request.url.startsWith(candidate.status.pageUrl));
    let body = provider ? (allClearBody(provider, url.pathname, now) ?? allClearHistory(provider, url.pathname, now))?.body : undefined;
    if (url.hostname === 'status.claude.com' && url.pathname.endsWith('summary.json')) body = JSON.stringify(claudeSummary('outage', now));
    const counts = byRound.at(-1)!;
    counts.set(url.hostname, (counts.get(url.hostname) ?? 0) + 1);
    if (body === undefined) return new Response('Not found', { status: 404 });
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    if (byRound.length > 1) later++;
    if (request.headers.get('if-none-match') === etag) {
      if (byRound.length > 1) notModified++;
      return new Response(null, { status: 304, headers: { etag } });
    }
    return new Response(body, { headers: { etag, 'content-type': 'application/json' } });
  });
  try {
    const worker = (await relay.getWorker()) as unknown as { scheduled(options: { cron: string }): Promise<unknown> };
    let digest = '';
    let etag = '';
    let installRequests = 0;
    let installNotModified = 0;
    let roundMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      byRound.push(new Map());
      const started = performance.now();
      await worker.scheduled({ cron: '* * * * *' });
      roundMs += performance.now() - started;
      // Installs between two rounds: half already hold the current digest and revalidate it.
      for (let ask = 0; ask < INSTALL_REQUESTS_PER_ROUND; ask++) {
        const answer = await relay.dispatchFetch(DIGEST_URL, ask % 2 === 0 && etag ? { headers: { 'if-none-match': etag } } : {});
        installRequests++;
        if (answer.status === 304) installNotModified++;
        else {
          digest = await answer.text();
          etag = answer.headers.get('etag') ?? '';
        }
        if (answer.status === 304) await answer.arrayBuffer();
      }
    }
    const perRound = byRound.map((counts) => [...counts.values()].reduce((sum, count) => sum + count, 0));
    return {
      providers: CATALOG.providers.length,
      digestBytes: Buffer.byteLength(digest),
      digestGzipBytes: gzipSync(digest, { level: 6 }).length,
      maxRequestsPerHostPerRound: Math.max(...byRound.flatMap((counts) => [...counts.values()])),
      requestsPerRound: Math.max(...perRound),
      notModifiedShare: later === 0 ? 0 : notModified / later,
      installRequests,
      installNotModified,
      roundMs: roundMs / ROUNDS,
    };
  } finally {
    await relay.dispose();
  }
}
