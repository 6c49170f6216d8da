/**
 * One local HTTPS server that answers for every hostname the tests map to it with --host-resolver-rules:
 * the sites a user visits and the providers' status pages. Tests change `world` to play a scenario.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { claudeSummary, openaiSummary, openaiWidget, type Scenario } from '../../fixtures/status/scenarios.ts';

export const SITE_HOSTS = ['www.notion.so', 'notion.so', 'www.example.com'] as const;
export const STATUS_HOSTS = ['status.claude.com', 'status.anthropic.com', 'status.openai.com'] as const;
export const ALL_HOSTS = [...SITE_HOSTS, ...STATUS_HOSTS];

/** What a status endpoint does instead of answering normally. */
export type Fault = 'none' | 'http-500' | 'html' | 'hang';

export interface World {
  claude: Scenario;
  claudeFault: Fault;
  /** Every request the server saw, as "host path". */
  requests: string[];
}

export interface HttpsWorld {
  port: number;
  world: World;
  close(): Promise<void>;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value), { 'access-control-allow-origin': '*' });
}

function answerClaude(world: World, path: string, res: ServerResponse): void {
  switch (world.claudeFault) {
    case 'http-500':
      return send(res, 500, 'text/plain', 'Internal Server Error');
    case 'html':
      return send(res, 200, 'text/html', page('Error', '<h1>Something went wrong</h1>'));
    case 'hang':
      return; // Never answer: the worker's timeout must fire.
    case 'none':
      break;
  }
  if (path === '/api/v2/summary.json') return json(res, claudeSummary(world.claude));
  send(res, 404, 'text/html', page('Not found', 'Not found'));
}

function handle(world: World, req: IncomingMessage, res: ServerResponse): void {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const path = new URL(req.url ?? '/', `https://${host}`).pathname;
  world.requests.push(`${host} ${path}`);
  switch (host) {
    case 'www.notion.so':
    case 'notion.so':
      return send(res, 200, 'text/html', page('Notion', '<h1>Your workspace</h1>'));
    case 'www.example.com':
      return send(res, 200, 'text/html', page('Example news', '<h1>An article about OpenAI and Anthropic</h1>'));
    case 'status.anthropic.com':
      return send(res, 301, 'text/plain', '', { location: `https://status.claude.com${req.url ?? '/'}` });
    case 'status.claude.com':
      return answerClaude(world, path, res);
    case 'status.openai.com':
      if (path === '/api/v2/summary.json') return json(res, openaiSummary());
      if (path === '/api/v1/summary') return json(res, openaiWidget());
      return send(res, 404, 'text/html', page('Not found', 'Not found'));
    default:
      return send(res, 421, 'text/plain', `not served here: ${host}`);
  }
}

export async function startHttpsWorld(): Promise<HttpsWorld> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'upstream-test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: ALL_HOSTS.map((value) => ({ type: 2, value })) }],
  });
  const world: World = { claude: 'allclear', claudeFault: 'none', requests: [] };
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => handle(world, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    world,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
