import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Miniflare } from 'miniflare';
import { CATALOG } from '../../src/catalog/index.ts';
import { digestEntry, MAX_DIGEST_BYTES } from '../../src/status/digest.ts';
import { allClearBody, allClearHistory } from '../fixtures/status/all-clear.ts';
import { claudeSummary } from '../fixtures/status/scenarios.ts';
import { startRelay } from '../support/relay.ts';

const BY_HOST = new Map(CATALOG.providers.flatMap((provider) => [new URL(provider.status.pageUrl).hostname, ...provider.status.aliases].map((host) => [host, provider] as const)));
const DIGEST_URL = 'https://relay.example/v1/digest.json';

/** The relay Worker in workerd: it reads each status page once per round, whatever number of installs ask it. */
describe('the status relay', () => {
  let relay: Miniflare;
  const reads: { url: string; status: number }[] = [];
  const now = new Date();

  beforeAll(async () => {
    relay = await startRelay((request) => {
      const url = new URL(request.url);
      const provider = BY_HOST.get(url.hostname) ?? CATALOG.providers.find((candidate) => request.url.startsWith(candidate.status.pageUrl));
      let body = provider ? (allClearBody(provider, url.pathname, now) ?? allClearHistory(provider, url.pathname, now))?.body : undefined;
      if (url.hostname === 'status.claude.com' && url.pathname.endsWith('summary.json')) body = JSON.stringify(claudeSummary('outage', now));
      if (body === undefined) {
        reads.push({ url: request.url, status: 404 });
        return new Response('Not found', { status: 404 });
      }
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const status = request.headers.get('if-none-match') === etag ? 304 : 200;
      reads.push({ url: request.url, status });
      return new Response(status === 304 ? null : body, { status, headers: { etag, 'content-type': 'application/json' } });
    });
  }, 60_000);
  afterAll(async () => relay?.dispose());

  const round = async () => ((await relay.getWorker()) as unknown as { scheduled(options: { cron: string }): Promise<unknown> }).scheduled({ cron: '* * * * *' });

  it('says so plainly before its first round, and answers nothing but the digest', async () => {
    expect((await relay.dispatchFetch(DIGEST_URL)).status).toBe(503);
    expect((await relay.dispatchFetch('https://relay.example/anything')).status).toBe(404);
    expect((await relay.dispatchFetch(DIGEST_URL, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('reads every page once per round, serves one digest to any number of installs, and revalidates with its ETag', async () => {
    await round();
    const firstRound = reads.length;
    const perUrl = new Map<string, number>();
    for (const read of reads) perUrl.set(read.url, (perUrl.get(read.url) ?? 0) + 1);
    expect(Math.max(...perUrl.values())).toBe(1);

    const answers = await Promise.all(Array.from({ length: 50 }, () => relay.dispatchFetch(DIGEST_URL)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(reads.length).toBe(firstRound);
    const body = await answers[0]!.text();
    await Promise.all(answers.slice(1).map((answer) => answer.arrayBuffer()));
    expect(body.length).toBeLessThan(MAX_DIGEST_BYTES);
    const digest: unknown = JSON.parse(body);
    const etag = answers[0]!.headers.get('etag')!;
    expect((await relay.dispatchFetch(DIGEST_URL, { headers: { 'if-none-match': etag } })).status).toBe(304);

    // What the extension reads from it: the same readings its own adapters make.
    expect(digestEntry(digest, 'anthropic')).toMatchObject({ ok: true, health: { level: 'major_outage' } });
    expect(digestEntry(digest, 'openai')).toMatchObject({ ok: true, health: { level: 'operational' } });
    for (const provider of CATALOG.providers) expect(digestEntry(digest, provider.id), provider.id).not.toBeNull();

    // The next round asks each page conditionally: unchanged pages answer 304.
    await round();
    const second = reads.slice(firstRound);
    expect(second.length).toBeLessThanOrEqual(firstRound);
    expect(second.filter((read) => read.status === 304).length).toBeGreaterThan(second.length / 2);
  }, 60_000);
});
