/**
 * What each status endpoint answers in the benchmarks: the real captures and fixtures of test/fixtures/status,
 * by platform. Google's incidents.json is grown from its real entries to the size the real feed has.
 */
import { readFileSync } from 'node:fs';
import type { StatusPlatform } from '../src/catalog/types.ts';

const fixture = (path: string) => readFileSync(`test/fixtures/status/${path}`, 'utf8');

/** A resolved copy of a real Google incident, with a fresh id, to grow incidents.json to a realistic size. */
export function googleIncidentsOfSize(bytes: number): string {
  const real = JSON.parse(fixture('google-cloud/gcp-incidents-fullfields.checkmk-edited.json')) as Record<string, unknown>[];
  const entries: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const base = real[i % real.length]!;
    const entry = { ...base, id: `bench${i.toString(36).padStart(8, '0')}`, end: base.end ?? '2026-01-01T00:00:00+00:00', number: String(10_000 + i) };
    size += JSON.stringify(entry).length + 1;
    entries.push(entry);
  }
  return JSON.stringify(entries);
}

const claude = fixture('statuspage-summary-allclear.claude.json');
const claudeParsed = JSON.parse(claude) as { page: unknown; status: unknown };

/** Real sizes reported for Google's feeds are "hundreds of KB"; 600 KB is used here. */
export const GOOGLE_FEED_BYTES = 600 * 1024;
const googleFeed = googleIncidentsOfSize(GOOGLE_FEED_BYTES);

/** The body an endpoint of a page on `platform` answers in steady state (all clear), or null for 404. */
export function steadyBody(platform: StatusPlatform, path: string): { body: string; type: string; utf16?: boolean } | null {
  const json = (body: string) => ({ body, type: 'application/json' });
  const xml = (body: string) => ({ body, type: 'application/xml' });
  switch (platform) {
    case 'atlassian-statuspage':
      if (path.endsWith('/api/v2/summary.json')) return json(claude);
      if (path.endsWith('/api/v2/status.json')) return json(JSON.stringify({ page: claudeParsed.page, status: claudeParsed.status }));
      return null;
    case 'incident-io':
      if (path.endsWith('/api/v1/summary')) return json(fixture('incidentio-widget-v1-summary-allclear.openai.json'));
      if (path.endsWith('/api/v2/summary.json')) return json(fixture('openai-compat-summary.allclear.json'));
      return null;
    case 'better-stack':
      return path.endsWith('/index.json') ? json(fixture('better-stack/betterstack-index.together-trimmed.json')) : null;
    case 'instatus':
      if (path.endsWith('/summary.json')) return json(fixture('instatus/instatus-summary.perplexity.json'));
      if (path.endsWith('/v2/components.json')) return json(fixture('instatus/instatus-v2-components.perplexity.json'));
      return null;
    case 'google-cloud':
    case 'google-workspace':
      return path.endsWith('/incidents.json') ? json(googleFeed) : null;
    case 'aws-health':
      if (path.endsWith('.rss')) return xml(fixture('aws-health/bedrock-us-east-1.allclear.rss'));
      if (path.endsWith('/public/currentevents')) return { body: '[]', type: 'application/json', utf16: true };
      return null;
    case 'azure-status':
      return path.endsWith('/feed/') ? xml(fixture('azure-status/azure-feed-empty.xml')) : null;
    case 'checkly':
      if (path.endsWith('/uptime')) return json(fixture('checkly/checkly-mistral-uptime-trimmed.json'));
      if (path.endsWith('/unresolved-incidents')) return json(fixture('checkly/checkly-unresolved-incidents-empty.json'));
      if (path.endsWith('/maintenance-windows')) return json(fixture('checkly/checkly-maintenance-windows-empty.json'));
      return null;
    case 'flashduty':
      return path.endsWith('/summary/active') ? json(fixture('flashduty/flashduty-deepseek-summary-active.json')) : null;
    case 'datadog':
      return path.endsWith('/config.json') ? json(fixture('datadog/datadog-config.openrouter.json')) : null;
    case 'rss':
      return path.endsWith('/feed.xml') ? xml(fixture('rss/xai-feed.resolved.xml')) : null;
    case 'rootly':
      return path.endsWith('/api/v1/status.json') ? json(fixture('rootly/rootly-status.allclear.json')) : null;
    case 'cloudflare-status':
      return path.endsWith('/api/v3/summary') ? json(fixture('cloudflare-status/cloudflare-v3-summary.replicate.json')) : null;
  }
}
