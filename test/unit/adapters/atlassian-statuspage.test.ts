import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atlassianStatuspage, parseStatuspageSummary } from '../../../src/status/adapters/atlassian-statuspage.ts';
import allClear from '../../fixtures/status/statuspage-summary-allclear.claude.json' with { type: 'json' };
import cloudflareIncident from '../../fixtures/status/statuspage-summary-incident.cloudflare-trimmed.json' with { type: 'json' };
import { claudeSummary } from '../../fixtures/status/scenarios.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.claude.com';
const NOW = new Date('2026-11-24T12:00:00Z');

describe('Atlassian Statuspage summary.json', () => {
  it('reads the real all-clear Claude page', () => {
    const result = parseStatuspageSummary(allClear, PAGE, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.health.level).toBe('operational');
    expect(result.health.description).toBe('All Systems Operational');
    expect(result.health.components.map((c) => c.name)).toContain('Claude API (api.anthropic.com)');
    expect(result.health.incidents).toEqual([]);
    expect(result.health.pageUpdatedAt).toBe('2026-09-03T17:51:06.926Z');
    expect(result.health.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads incidents with their latest update, impact, start and link (real Cloudflare sample)', () => {
    const result = parseStatuspageSummary(cloudflareIncident, 'https://www.cloudflarestatus.com', NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const tunnel = result.health.incidents.find((incident) => incident.id === 'k7l4hzmthl3k');
    expect(tunnel).toMatchObject({
      title: 'Cloudflare Tunnel Availability Issues',
      impact: 'degraded',
      status: 'identified',
      startedAt: '2026-09-11T21:55:52.000Z',
      url: 'https://www.cloudflarestatus.com/incidents/k7l4hzmthl3k',
      maintenance: false,
    });
    expect(tunnel?.latestUpdate?.at).toBe('2026-09-12T03:49:34.038Z');
    expect(tunnel?.latestUpdate?.body).toMatch(/^Mitigation is reducing/);
  });

  it('turns a Claude API outage into major_outage on that component only', () => {
    const result = parseStatuspageSummary(claudeSummary('outage'), PAGE, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.health.level).toBe('major_outage');
    expect(result.health.components.find((c) => c.id === 'k8w3r06qmzrp')?.level).toBe('major_outage');
    expect(result.health.components.find((c) => c.id === 'rwppv331jlwc')?.level).toBe('operational');
    expect(result.health.incidents[0]).toMatchObject({ title: 'Claude API unavailable', impact: 'major_outage', componentIds: ['k8w3r06qmzrp'] });
  });

  it('drops resolved incidents and reads recovery as operational', () => {
    const result = parseStatuspageSummary(claudeSummary('resolved'), PAGE, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.health.level).toBe('operational');
    expect(result.health.incidents).toEqual([]);
  });

  it('shows in-progress maintenance, not merely scheduled maintenance', () => {
    const summary = claudeSummary('maintenance');
    const result = parseStatuspageSummary(summary, PAGE, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.health.level).toBe('maintenance');
    expect(result.health.incidents.map((i) => i.maintenance)).toEqual([true]);
  });

  it('takes the worse of indicator and components when they disagree', () => {
    const summary = structuredClone(allClear);
    summary.status.indicator = 'major';
    const result = parseStatuspageSummary(summary, PAGE, NOW);
    expect(result.ok && result.health.level).toBe('partial_outage');
  });

  it('never reads unknown enum values as operational', () => {
    const summary = structuredClone(allClear);
    summary.components[2]!.status = 'on_fire';
    const result = parseStatuspageSummary(summary, PAGE, NOW);
    expect(result.ok && result.health.components[2]!.level).toBe('unknown');
    expect(result.ok && result.health.level).toBe('unknown');
  });

  it('rejects an HTML error page and a page without components', () => {
    expect(parseStatuspageSummary('<html>502 Bad Gateway</html>', PAGE, NOW).ok).toBe(false);
    const empty = parseStatuspageSummary({ status: { indicator: 'none' }, components: [] }, PAGE, NOW);
    expect(empty.ok && empty.health.level).toBe('unknown');
  });

  it('keeps incident links on http(s) only', () => {
    const summary = claudeSummary('outage');
    summary.incidents[0]!.shortlink = 'javascript:alert(1)';
    const result = parseStatuspageSummary(summary, PAGE, NOW);
    expect(result.ok && result.health.incidents[0]!.url).toBe(PAGE);
  });

  it('reads /api/v2/summary.json through the fetcher', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/api/v2/summary.json`]: allClear });
    const result = await atlassianStatuspage.read({ pageUrl: PAGE, platform: 'atlassian-statuspage' }, fetcher, NOW);
    expect(result.ok).toBe(true);
    expect(fetcher.requested).toEqual([`${PAGE}/api/v2/summary.json`]);
  });

  it('reads the small status.json first and reuses the previous details while the page is unchanged and green', async () => {
    const previous = parseStatuspageSummary(allClear, PAGE, new Date(NOW.getTime() - 60_000));
    if (!previous.ok) throw new Error(JSON.stringify(previous.error));
    const status = { page: allClear.page, status: allClear.status };
    const fetcher = fakeFetcher({ [`${PAGE}/api/v2/status.json`]: status, [`${PAGE}/api/v2/summary.json`]: allClear });
    const page = { pageUrl: PAGE, platform: 'atlassian-statuspage' as const };
    const reused = await atlassianStatuspage.read(page, fetcher, NOW, previous.health);
    expect(fetcher.requested).toEqual([`${PAGE}/api/v2/status.json`]);
    expect(reused.ok && reused.health.fetchedAt).toBe(NOW.toISOString());
    expect(reused.ok && reused.health.detailsFetchedAt).toBe(previous.health.fetchedAt);

    // The page changed: read the details.
    fetcher.requested.length = 0;
    const changed = { ...status, page: { ...status.page, updated_at: '2026-11-24T11:59:00Z' } };
    const fetcher2 = fakeFetcher({ [`${PAGE}/api/v2/status.json`]: changed, [`${PAGE}/api/v2/summary.json`]: allClear });
    await atlassianStatuspage.read(page, fetcher2, NOW, previous.health);
    expect(fetcher2.requested).toEqual([`${PAGE}/api/v2/status.json`, `${PAGE}/api/v2/summary.json`]);

    // Details older than 30 minutes are read again even if nothing seems to change.
    const fetcher3 = fakeFetcher({ [`${PAGE}/api/v2/status.json`]: status, [`${PAGE}/api/v2/summary.json`]: allClear });
    await atlassianStatuspage.read(page, fetcher3, new Date(NOW.getTime() + 31 * 60_000), previous.health);
    expect(fetcher3.requested).toEqual([`${PAGE}/api/v2/summary.json`]);
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseStatuspageSummary(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  });

  it('fuzz: a valid page with a required field broken never reads as operational', () => {
    const required = [['status'], ['status', 'indicator'], ['components'], ...allClear.components.map((_, i) => ['components', String(i), 'status'])];
    fc.assert(
      fc.property(brokenVariants(allClear, required), (payload) => neverOperational(parseStatuspageSummary(payload, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
