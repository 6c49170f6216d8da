/**
 * One local HTTPS server that answers for every hostname the tests map to it with --host-resolver-rules:
 * the sites a user visits and the providers' status pages. Tests change `world` to play a scenario or
 * inject a fault.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { CATALOG } from '../../../src/catalog/index.ts';
import type { Provider } from '../../../src/catalog/types.ts';
import { allClearBody, allClearHistory } from '../../fixtures/status/all-clear.ts';
import { claudeIncidentsHistory } from '../../fixtures/status/history.ts';
import { claudeSummary, openaiSummary, openaiWidget, type Scenario } from '../../fixtures/status/scenarios.ts';

/** Sites a user visits in the tests; a product's own site answers a plain page of its own. */
export const PRODUCT_SITES = ['grok.com', 'chat.mistral.ai', 'replicate.com'] as const;
export const SITE_HOSTS = ['www.notion.so', 'notion.so', 'www.example.com', 'shop.acme-hardware.com', ...PRODUCT_SITES] as const;

/** Every provider's status host (and aliases): all answer here, all clear unless a test says otherwise. */
const PROVIDER_BY_HOST = new Map<string, Provider>();
for (const provider of CATALOG.providers) {
  PROVIDER_BY_HOST.set(new URL(provider.status.pageUrl).hostname, provider);
  for (const alias of provider.status.aliases) PROVIDER_BY_HOST.set(alias, provider);
}
PROVIDER_BY_HOST.set('www.google.com', CATALOG.providers.find((provider) => provider.status.platform === 'google-workspace')!);
export const STATUS_HOSTS = [...PROVIDER_BY_HOST.keys()];
export const ALL_HOSTS = [...SITE_HOSTS, ...STATUS_HOSTS];

/** How long the 'quiet' Claude page has not changed. */
export const QUIET_DAYS = 200;

/** The Notion tab's badge title when all of Notion AI's monitored providers are fine. */
export const ALL_CLEAR = /^Upstream\nNotion AI: Anthropic, OpenAI(, [^\n]+)? operational$/;

/** What status.claude.com does instead of answering normally. */
export type Fault =
  | 'none'
  | 'http-500'
  /** 200 with an HTML error page instead of JSON. */
  | 'html'
  /** Accept the request and never answer. */
  | 'hang'
  /** A 10 MB body. */
  | 'huge'
  /** 429 with Retry-After: world.retryAfterSeconds. */
  | 'rate-limit'
  /** All clear, and nothing on the page has changed for months: a calm page, not an abandoned one. */
  | 'quiet';

export interface World {
  claude: Scenario;
  /** When the Claude page last changed; stamped into its page.updated_at. */
  claudeChangedAt: Date;
  claudeFault: Fault;
  retryAfterSeconds: number;
  /**
   * Providers whose page is served as it was this many days ago, as a copy nobody updates any more would be
   * (every date in it that old); the others are served as of now.
   */
  abandonedDaysAgo: Map<string, number>;
  /**
   * What a status host answers instead of its all-clear page, by host: a scenario or a fault a test plays
   * (another platform's data, a browser check, an outage on Rootly or Cloudflare's page). Null: as usual.
   */
  statusOverrides: Map<string, (req: IncomingMessage, path: string) => Answer | null>;
  /** Extra pages by "host/path", e.g. a widget fixture on an unrelated shop's site. */
  pages: Map<string, string>;
  /** Every request the server saw: host, path and the status it answered. */
  log: { host: string; path: string; status: number; at: number }[];
  /** The network is down for every host: each request's connection is dropped without an answer (logged as status 0). */
  down: boolean;
}

/** An answer a test scripts for a status host. */
export interface Answer {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

export interface HttpsWorld {
  port: number;
  world: World;
  /** Switches the Claude page to a scenario, as the provider would by posting an update. */
  setClaude(scenario: Scenario): void;
  close(): Promise<void>;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

export async function startHttpsWorld(): Promise<HttpsWorld> {
  const world: World = {
    claude: 'allclear',
    claudeChangedAt: new Date(),
    claudeFault: 'none',
    retryAfterSeconds: 6,
    abandonedDaysAgo: new Map(),
    statusOverrides: new Map(),
    pages: new Map(),
    log: [],
    down: false,
  };

  function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    world.log.push({ host, path: new URL(req.url ?? '/', 'https://x').pathname, status, at: Date.now() });
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache', ...headers });
    res.end(body);
  }

  /** JSON with an ETag, answering 304 when the client already has this version. */
  function json(req: IncomingMessage, res: ServerResponse, value: unknown): void {
    const body = JSON.stringify(value);
    const etag = etagOf(body);
    if (req.headers['if-none-match'] === etag) return send(req, res, 304, 'application/json', '', { etag });
    send(req, res, 200, 'application/json; charset=utf-8', body, { etag, 'access-control-allow-origin': '*' });
  }

  function claude(req: IncomingMessage, res: ServerResponse, path: string): void {
    switch (world.claudeFault) {
      case 'http-500':
        return send(req, res, 500, 'text/plain', 'Internal Server Error');
      case 'html':
        return send(req, res, 200, 'text/html', page('Error', '<h1>Something went wrong</h1>'));
      case 'hang':
        world.log.push({ host: 'status.claude.com', path, status: 0, at: Date.now() });
        return; // Never answer: the worker's timeout must fire.
      case 'huge':
        return send(req, res, 200, 'application/json', `{"padding":"${'x'.repeat(10 * 1024 * 1024)}"}`);
      case 'rate-limit':
        return send(req, res, 429, 'text/plain', 'Too Many Requests', { 'retry-after': String(world.retryAfterSeconds) });
      case 'quiet':
      case 'none':
        break;
    }
    const changedAt = world.claudeFault === 'quiet' ? new Date(Date.now() - QUIET_DAYS * 86_400_000) : world.claudeChangedAt;
    const summary = claudeSummary(world.claude, changedAt);
    if (path === '/api/v2/summary.json') return json(req, res, summary);
    if (path === '/api/v2/status.json') return json(req, res, { page: summary.page, status: summary.status });
    if (path === '/api/v2/incidents.json') return json(req, res, claudeIncidentsHistory(changedAt));
    send(req, res, 404, 'text/html', page('Not found', 'Not found'));
  }

  /** Pages registered by tests (a widget fixture at a path), else 421. */
  function sitePage(req: IncomingMessage, res: ServerResponse, host: string, path: string): void {
    const html = world.pages.get(`${host}${path}`);
    if (html !== undefined) return send(req, res, 200, 'text/html; charset=utf-8', html);
    send(req, res, 421, 'text/plain', `not served here: ${host}${path}`);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', `https://${host}`).pathname;
    if (world.down) {
      world.log.push({ host, path, status: 0, at: Date.now() });
      req.socket.destroy();
      return;
    }
    const scripted = world.statusOverrides.get(host)?.(req, path);
    if (scripted) return send(req, res, scripted.status, scripted.type, scripted.body, scripted.headers);
    if ((PRODUCT_SITES as readonly string[]).includes(host) && !world.pages.has(`${host}${path}`)) {
      return send(req, res, 200, 'text/html', page(host, `<h1>${host}</h1>`));
    }
    switch (host) {
      case 'www.notion.so':
      case 'notion.so':
        return send(req, res, 200, 'text/html', page('Notion', '<h1>Your workspace</h1>'));
      case 'www.example.com':
        return send(req, res, 200, 'text/html', page('Example news', '<h1>An article about OpenAI and Anthropic</h1>'));
      case 'shop.acme-hardware.com':
      case 'chatgpt.com':
        return sitePage(req, res, host, path);
      case 'api-iam.intercom.io':
        return send(req, res, 200, 'application/json', '{}', { 'access-control-allow-origin': '*' });
      case 'status.anthropic.com':
        return send(req, res, 301, 'text/plain', '', { location: `https://status.claude.com${req.url ?? '/'}` });
      case 'status.claude.com':
        return claude(req, res, path);
      case 'status.openai.com':
        if (path === '/api/v2/summary.json') return json(req, res, openaiSummary(new Date()));
        if (path === '/api/v1/summary') return json(req, res, openaiWidget());
        return send(req, res, 404, 'text/html', page('Not found', 'Not found'));
      default: {
        const provider = PROVIDER_BY_HOST.get(host);
        const servedAsOf = new Date(Date.now() - (provider ? (world.abandonedDaysAgo.get(provider.id) ?? 0) : 0) * 86_400_000);
        const body = provider ? (allClearBody(provider, path, servedAsOf) ?? allClearHistory(provider, path, servedAsOf)) : null;
        if (body?.type === 'application/json') return json(req, res, JSON.parse(body.body));
        if (body) return send(req, res, 200, body.type, body.body);
        if (provider) return send(req, res, 404, 'text/html', page('Not found', 'Not found'));
        return sitePage(req, res, host, path);
      }
    }
  }

  const pems = await selfsigned.generate([{ name: 'commonName', value: 'upstream-test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: ALL_HOSTS.map((value) => ({ type: 2, value })) }],
  });
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    world,
    setClaude(scenario) {
      world.claude = scenario;
      world.claudeChangedAt = new Date();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
