/**
 * Requests and bytes per hour that one install costs the status pages, measured by running the worker's real
 * poller (which providers are needed and due, adapters, conditional requests, schedule) against a loopback HTTP
 * server that answers with real payloads, over a simulated hour. Bytes are counted on the server's sockets (request and response,
 * headers included; one connection per request). HTTPS framing and handshakes are not included.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { clearAll, readHealthRecords, readHttpCache, readPollStates, writeHttpCache } from '../src/background/db.ts';
import { createFetcher } from '../src/background/fetcher.ts';
import { dueProviders, pollProvider } from '../src/background/poller.ts';
import { CATALOG, CatalogIndex } from '../src/catalog/index.ts';
import { interestOf, type InterestInput } from '../src/stack/interest.ts';
import type { Provider } from '../src/catalog/types.ts';
import { DEFAULT_SCHEDULE } from '../src/health/schedule.ts';
import { claudeSummary } from '../test/fixtures/status/scenarios.ts';
import { steadyBody } from './status-payloads.ts';

interface Traffic {
  requests: number;
  notModified: number;
  bytes: number;
}

export interface PollingScenario {
  name: string;
  /** What the user needs: open tabs' products, the stack, providers an open page of Upstream shows. */
  interest: InterestInput;
  /** The former policy, for comparison: every provider read, needed or not. */
  everyProvider?: boolean;
  /** Whether the servers send ETag validators (all do here unless false; real support varies). */
  validators: boolean;
  /** Anthropic in a major outage whose page posts an update every 10 minutes. */
  anthropicIncident: boolean;
}

const HOUR = 3600_000;

export async function measurePolling(scenario: PollingScenario): Promise<Map<string, Traffic>> {
  await clearAll();
  const providerByHost = new Map<string, Provider>();
  for (const provider of CATALOG.providers) {
    providerByHost.set(new URL(provider.status.pageUrl).hostname, provider);
    for (const alias of provider.status.aliases) providerByHost.set(alias, provider);
  }
  // Google's two dashboards and AWS's two endpoints share hosts with fixed URLs.
  providerByHost.set('www.google.com', CATALOG.providers.find((p) => p.id === 'google-gemini-app')!);

  const traffic = new Map<string, Traffic>(CATALOG.providers.map((provider) => [provider.id, { requests: 0, notModified: 0, bytes: 0 }]));
  let simulatedNow = 0;

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const [, host = '', ...rest] = (req.url ?? '/').split('/');
    const path = `/${rest.join('/')}`;
    const provider = providerByHost.get(host);
    const stats = provider ? traffic.get(provider.id)! : undefined;
    (req.socket as Socket & { provider?: Traffic }).provider = stats;
    if (stats) stats.requests++;
    let payload = provider ? steadyBody(provider.status.platform, path) : null;
    if (provider?.id === 'anthropic' && scenario.anthropicIncident && payload) {
      // A new incident update every 10 simulated minutes changes the page.
      const updateAt = new Date(Math.floor(simulatedNow / 600_000) * 600_000);
      const summary = claudeSummary('outage', updateAt);
      payload = { ...payload, body: JSON.stringify(path.endsWith('status.json') ? { page: summary.page, status: summary.status } : summary) };
    }
    const headers: Record<string, string> = { connection: 'close', 'cache-control': 'public, max-age=0, must-revalidate' };
    if (!payload) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    const bytes = payload.utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(payload.body, 'utf16le')]) : Buffer.from(payload.body);
    if (scenario.validators) {
      const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        if (stats) stats.notModified++;
        res.writeHead(304, headers).end();
        return;
      }
    }
    res.writeHead(200, { ...headers, 'content-type': payload.type, 'content-length': String(bytes.length) }).end(bytes);
  }

  const server = createServer(answer);
  server.on('connection', (socket: Socket & { provider?: Traffic }) => {
    socket.on('close', () => {
      if (socket.provider) socket.provider.bytes += socket.bytesRead + socket.bytesWritten;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    return realFetch(`${origin}/${url.hostname}${url.pathname}`, init);
  }) as typeof fetch;

  try {
    const start = Date.UTC(2026, 10, 24, 9, 0);
    const interest = interestOf(new CatalogIndex(CATALOG), scenario.interest);
    const everything = { watched: interest.watched, read: new Set(CATALOG.providers.map((provider) => provider.id)) };
    const needed = scenario.everyProvider ? everything : interest;
    const fetcher = createFetcher({ get: readHttpCache, put: writeHttpCache });
    // Warm up for one hour (first full reads, caches filled), then measure the next hour.
    for (let t = start; t < start + 2 * HOUR; t += 5_000) {
      if (t === start + HOUR) for (const stats of traffic.values()) Object.assign(stats, { requests: 0, notModified: 0, bytes: 0 });
      simulatedNow = t;
      const [states, records] = await Promise.all([readPollStates(), readHealthRecords()]);
      const due = dueProviders(CATALOG.providers, states, records, needed, DEFAULT_SCHEDULE, t);
      await Promise.all(due.map((provider) => pollProvider(provider, needed.watched.has(provider.id), DEFAULT_SCHEDULE, fetcher, new Date(t))));
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the last sockets close
  } finally {
    globalThis.fetch = realFetch;
    server.close();
  }
  return traffic;
}
