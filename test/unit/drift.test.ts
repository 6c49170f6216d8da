import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll, readHttpCache, writeHttpCache } from '../../src/background/db.ts';
import { createFetcher } from '../../src/background/fetcher.ts';
import { needsCookies, pollProvider } from '../../src/background/poller.ts';
import { CATALOG } from '../../src/catalog/index.ts';
import { freshness } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { identifyPlatform } from '../../src/status/recognize.ts';
import claudeAllClear from '../fixtures/status/statuspage-summary-allclear.claude.json' with { type: 'json' };
import openaiCompat from '../fixtures/status/openai-compat-summary.allclear.json' with { type: 'json' };
import openaiWidget from '../fixtures/status/incidentio-widget-v1-summary-allclear.openai.json' with { type: 'json' };
import together from '../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import perplexity from '../fixtures/status/instatus/instatus-summary.perplexity.json' with { type: 'json' };
import gcp from '../fixtures/status/google-cloud/gcp-incidents-excerpt.ai-products.json' with { type: 'json' };
import aws from '../fixtures/status/aws-health/aws-currentevents.decoded.json' with { type: 'json' };
import openrouter from '../fixtures/status/datadog/datadog-config.openrouter.json' with { type: 'json' };
import deepseek from '../fixtures/status/flashduty/flashduty-deepseek-summary-active.json' with { type: 'json' };
import mistralChecklyUptime from '../fixtures/status/checkly/checkly-mistral-uptime-trimmed.json' with { type: 'json' };
import rootlyAllClear from '../fixtures/status/rootly/rootly-status.allclear.json' with { type: 'json' };
import cloudflareV3 from '../fixtures/status/cloudflare-status/cloudflare-v3-summary.replicate.json' with { type: 'json' };
import { claudeSummary } from '../fixtures/status/scenarios.ts';

const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;
const CHALLENGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=1"></script></body></html>';

describe('recognising which platform answered', () => {
  it('names the platform of each real capture, and nothing for what no platform sends', () => {
    expect(identifyPlatform(claudeAllClear)).toBe('atlassian-statuspage');
    expect(identifyPlatform(openaiCompat)).toBe('incident-io');
    expect(identifyPlatform(openaiWidget)).toBe('incident-io');
    expect(identifyPlatform(together)).toBe('better-stack');
    expect(identifyPlatform(perplexity)).toBe('instatus');
    expect(identifyPlatform(gcp)).toBe('google-dashboard');
    expect(identifyPlatform(aws)).toBe('aws-health');
    expect(identifyPlatform(openrouter)).toBe('datadog');
    expect(identifyPlatform(deepseek)).toBe('flashduty');
    expect(identifyPlatform(mistralChecklyUptime)).toBe('checkly');
    expect(identifyPlatform(rootlyAllClear)).toBe('rootly');
    expect(identifyPlatform(cloudflareV3)).toBe('cloudflare-status');
    for (const other of [null, 42, 'text', [], [1, 2], {}, { hello: 'world' }]) expect(identifyPlatform(other)).toBeNull();
  });
});

describe('a page that changed is said to have changed, and never reads operational', () => {
  const schedule = { ...DEFAULT_SCHEDULE, jitter: 0 };
  const fetcher = createFetcher({ get: readHttpCache, put: writeHttpCache });
  const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers })));
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 12, minute));

  beforeEach(async () => clearAll());
  afterEach(() => vi.unstubAllGlobals());

  it('answering another platform’s data: unknown at once, with the platform named', async () => {
    answer(200, JSON.stringify(claudeSummary('allclear', at(0))));
    await pollProvider(anthropic, true, schedule, fetcher, at(0));
    answer(200, JSON.stringify(together));
    const moved = await pollProvider(anthropic, true, schedule, fetcher, at(1));
    expect(moved.lastError).toEqual({ kind: 'format', found: 'json', platform: 'better-stack' });
    expect(moved.consecutiveFailures).toBe(1);
    expect(freshness(moved, at(1), schedule)).toBe('failing');
    expect(moved.diagnostics).toMatchObject({ lastGoodAt: at(0).toISOString(), lastGoodPlatform: 'atlassian-statuspage', lastErrorAt: at(1).toISOString() });
  });

  it('a server error keeps the last reading for two more tries: a hiccup is not a change', async () => {
    answer(200, JSON.stringify(claudeSummary('allclear', at(0))));
    await pollProvider(anthropic, true, schedule, fetcher, at(0));
    answer(500, 'oops');
    const once = await pollProvider(anthropic, true, schedule, fetcher, at(1));
    expect(freshness(once, at(1), schedule)).toBe('fresh');
  });

  it('a page gone (404, 410) or a web page where data was expected: unknown at once, the reason kept', async () => {
    const cases: [number, string, Record<string, string>, object][] = [
      [404, 'Not found', {}, { kind: 'http', status: 404 }],
      [410, 'Gone', {}, { kind: 'http', status: 410 }],
      [200, '<!doctype html><html><head><title>We moved</title></head><body>Our status page moved.</body></html>', { 'content-type': 'text/html' }, { kind: 'format', found: 'html' }],
      [200, JSON.stringify({ message: 'hello' }), { 'content-type': 'application/json' }, { kind: 'format', found: 'json' }],
    ];
    for (const [status, body, headers, error] of cases) {
      await clearAll();
      answer(200, JSON.stringify(claudeSummary('allclear', at(0))));
      await pollProvider(anthropic, true, schedule, fetcher, at(0));
      answer(status, body, headers);
      const record = await pollProvider(anthropic, true, schedule, fetcher, at(1));
      expect(record.lastError).toEqual(error);
      expect(record.consecutiveFailures).toBe(1);
      expect(freshness(record, at(1), schedule)).toBe('failing');
    }
  });

  it('the last failure and its reason stay in the diagnostics after the page reads well again', async () => {
    answer(404, 'Not found');
    await pollProvider(anthropic, true, schedule, fetcher, at(0));
    answer(200, JSON.stringify(claudeSummary('allclear', at(1))));
    const recovered = await pollProvider(anthropic, true, schedule, fetcher, at(1));
    expect(recovered.lastError).toBeNull();
    expect(recovered.diagnostics).toMatchObject({ lastErrorAt: at(0).toISOString(), lastError: { kind: 'http', status: 404 }, lastGoodAt: at(1).toISOString(), lastGoodPlatform: 'atlassian-statuspage' });
  });

  it('a rate limit, a server error or a timeout is a hiccup: the last reading stays for two more tries', () => {
    const health = { level: 'operational' as const, description: '', components: [], incidents: [], pageUpdatedAt: null, fetchedAt: at(0).toISOString() };
    for (const lastError of [{ kind: 'http' as const, status: 429 }, { kind: 'http' as const, status: 503 }, { kind: 'timeout' as const }, { kind: 'network' as const }]) {
      const record = { providerId: 'anthropic', health, lastAttemptAt: at(1).toISOString(), lastError, consecutiveFailures: 1 };
      expect(freshness(record, at(1), schedule)).toBe('fresh');
      expect(freshness({ ...record, consecutiveFailures: 3 }, at(1), schedule)).toBe('failing');
    }
  });

  it('a browser check (a challenge page) is recognised, unknown at once, and the next reads send the browser’s cookies', async () => {
    answer(200, JSON.stringify(claudeSummary('allclear', at(0))));
    const before = await pollProvider(anthropic, true, schedule, fetcher, at(0));
    expect(needsCookies(before, at(0))).toBe(false);
    answer(403, CHALLENGE, { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge' });
    const challenged = await pollProvider(anthropic, true, schedule, fetcher, at(1));
    expect(challenged.lastError).toEqual({ kind: 'format', found: 'challenge' });
    expect(freshness(challenged, at(1), schedule)).toBe('failing');
    expect(needsCookies(challenged, at(2))).toBe(true);
    // Without the header, the page itself is recognised; and a week later cookies are no longer sent.
    answer(403, CHALLENGE, { 'content-type': 'text/html' });
    expect((await pollProvider(anthropic, true, schedule, fetcher, at(3))).lastError).toEqual({ kind: 'format', found: 'challenge' });
    expect(needsCookies(challenged, new Date(at(1).getTime() + 8 * 86_400_000))).toBe(false);
  });

  it('a page that drops a component the catalog maps: recorded, and that component reads unknown', async () => {
    const summary = claudeSummary('allclear', at(0));
    summary.components = summary.components.filter((component) => component.id !== 'k8w3r06qmzrp');
    answer(200, JSON.stringify(summary));
    const record = await pollProvider(anthropic, true, schedule, fetcher, at(0));
    expect(record.diagnostics?.missingComponents).toEqual(['api']);
  });
});
