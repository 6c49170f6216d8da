import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flashduty, levelFromFlashdutyStatus, parseFlashdutySummary } from '../../../src/status/adapters/flashduty.ts';
import allClear from '../../fixtures/status/flashduty/flashduty-deepseek-summary-active.json' with { type: 'json' };
import {
  INSTANT_MODE,
  RETIRED_API_SERVICE,
  V4_FLASH_API,
  V4_PRO_API,
  deepseekSummary,
} from '../../fixtures/status/flashduty/scenarios.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.deepseek.com';
const NOW = new Date('2026-11-24T12:00:00Z');
const ACTIVE_URL = `${PAGE}/api/status-page/6410630422455/summary/active`;

function parsed(payload: unknown) {
  const result = parseFlashdutySummary(payload, PAGE, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Flashduty summary/active', () => {
  it('reads the real all-clear DeepSeek page', () => {
    const health = parsed(allClear);
    expect(health.level).toBe('operational');
    expect(health.description).toBe('');
    expect(health.components).toHaveLength(8);
    expect(health.components[0]).toEqual({ id: V4_PRO_API, name: 'DeepSeek V4 Pro API服务(API Service)', level: 'operational' });
    expect(health.components.find((c) => c.id === INSTANT_MODE)?.name).toBe('快速模式(Instant Mode)');
    expect(health.components.every((c) => c.level === 'operational')).toBe(true);
    expect(health.incidents).toEqual([]);
    expect(health.pageUpdatedAt).toBeNull();
    expect(health.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads an active incident: its components, impact, start and latest update', () => {
    const health = parsed(deepseekSummary('incident'));
    expect(health.level).toBe('degraded');
    expect(health.description).toBe('');
    expect(health.components.find((c) => c.id === V4_PRO_API)?.level).toBe('degraded');
    expect(health.components.find((c) => c.id === V4_FLASH_API)?.level).toBe('degraded');
    expect(health.components.find((c) => c.id === INSTANT_MODE)?.level).toBe('operational');
    expect(health.incidents).toEqual([
      {
        id: '6750347231287',
        title: 'DeepSeek API 性能下降（DeepSeek API Degraded Performance）',
        impact: 'degraded',
        status: 'identified',
        startedAt: '2026-07-24T06:30:38.000Z',
        latestUpdate: {
          body: '已定位原因，正在实施修复。\n\nThe cause has been identified and a fix is being implemented.',
          at: '2026-07-24T06:30:38.000Z',
          status: 'identified',
        },
        url: PAGE,
        componentIds: [V4_PRO_API, V4_FLASH_API],
        maintenance: false,
      },
    ]);
  });

  it('takes the worst component status of all changes in progress', () => {
    const payload = deepseekSummary('incident');
    const change = payload.data.active_changes[0] as { affected_components: { status: string }[] };
    change.affected_components[1]!.status = 'full_outage';
    const health = parsed(payload);
    expect(health.level).toBe('major_outage');
    expect(health.components.find((c) => c.id === V4_FLASH_API)?.level).toBe('major_outage');
    expect(health.incidents[0]!.impact).toBe('major_outage');
  });

  it('reads recovery: a resolved change lists nothing and turns nothing red', () => {
    const health = parsed(deepseekSummary('recovered'));
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
    expect(health.description).toBe('');
  });

  it('shows ongoing maintenance, with numeric-string times', () => {
    const health = parsed(deepseekSummary('maintenance'));
    expect(health.level).toBe('maintenance');
    expect(health.components.find((c) => c.id === INSTANT_MODE)?.level).toBe('maintenance');
    expect(health.description).toBe('');
    expect(health.incidents).toMatchObject([
      {
        id: '6800000000001',
        title: '快速模式维护（Instant Mode Maintenance）',
        impact: 'maintenance',
        status: 'ongoing',
        startedAt: '2026-07-25T17:20:00.000Z',
        componentIds: [INSTANT_MODE],
        maintenance: true,
      },
    ]);
  });

  it('ignores maintenance that is only scheduled', () => {
    const health = parsed(deepseekSummary('scheduled'));
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
  });

  it('falls back to the updates when affected_components is missing, latest update winning', () => {
    const payload = deepseekSummary('incident');
    const change = payload.data.active_changes[0] as Record<string, unknown>;
    delete change.affected_components;
    change.updates = [
      { at_seconds: 1784874700, status: 'monitoring', description: 'later', component_changes: [{ component_id: V4_PRO_API, status: 'operational' }] },
      { at_seconds: 1784874638, status: 'identified', description: 'earlier', component_changes: [{ component_id: V4_PRO_API, status: 'partial_outage' }] },
    ];
    const health = parsed(payload);
    expect(health.components.find((c) => c.id === V4_PRO_API)?.level).toBe('operational');
    expect(health.incidents[0]!.latestUpdate).toEqual({ body: 'later', at: '2026-07-24T06:31:40.000Z', status: 'monitoring' });
    expect(health.incidents[0]!.componentIds).toEqual([V4_PRO_API]);
  });

  it('counts an incident on components the page no longer lists against the whole page', () => {
    const payload = deepseekSummary('incident');
    const change = payload.data.active_changes[0] as Record<string, unknown>;
    delete change.affected_components;
    change.updates = [{ at_seconds: 1784874638, status: 'identified', component_changes: [{ component_id: RETIRED_API_SERVICE, status: 'partial_outage' }] }];
    const health = parsed(payload);
    expect(health.components.every((c) => c.level === 'operational')).toBe(true);
    expect(health.level).toBe('partial_outage');
  });

  it('reads an incident that names no component as unknown, never operational', () => {
    const payload = deepseekSummary('incident');
    const change = payload.data.active_changes[0] as Record<string, unknown>;
    delete change.affected_components;
    change.updates = [];
    const health = parsed(payload);
    expect(health.incidents[0]!.impact).toBe('unknown');
    expect(health.level).toBe('unknown');
  });

  it('never reads unknown enum values as operational', () => {
    expect(levelFromFlashdutyStatus('major_outage')).toBe('unknown');
    expect(levelFromFlashdutyStatus('toString')).toBe('unknown');
    const payload = deepseekSummary('incident');
    const change = payload.data.active_changes[0] as { affected_components: { status: string }[] };
    change.affected_components[0]!.status = 'on_fire';
    const health = parsed(payload);
    expect(health.components.find((c) => c.id === V4_PRO_API)?.level).toBe('unknown');
    expect(health.level).toBe('unknown');
  });

  it('keeps a change with an unknown status (it may be live)', () => {
    const payload = deepseekSummary('incident');
    (payload.data.active_changes[0] as { status: string }).status = 'escalated';
    const health = parsed(payload);
    expect(health.incidents.map((i) => i.status)).toEqual(['escalated']);
    expect(health.level).toBe('degraded');
  });

  it('rejects an error envelope and an HTML page; an empty or componentless page is never all clear', () => {
    expect(parseFlashdutySummary({ request_id: 'x', error: { code: 'NotFound', message: 'page not found' } }, PAGE, NOW).ok).toBe(false);
    expect(parseFlashdutySummary('<html>502 Bad Gateway</html>', PAGE, NOW).ok).toBe(false);
    expect(parseFlashdutySummary({ data: { page: { components: [] }, active_changes: [] } }, PAGE, NOW)).toMatchObject({
      ok: true,
      health: { level: 'unknown' },
    });
    expect(parseFlashdutySummary({ data: { page: { components: [{ name: 'no id' }] }, active_changes: [] } }, PAGE, NOW)).toMatchObject({
      ok: true,
      health: { level: 'unknown' },
    });
  });

  it('reads summary/active for the page id in params', async () => {
    const fetcher = fakeFetcher({ [ACTIVE_URL]: allClear });
    const result = await flashduty.read({ pageUrl: PAGE, platform: 'flashduty', params: { pageId: '6410630422455' } }, fetcher, NOW);
    expect(result.ok && result.health.level).toBe('operational');
    expect(fetcher.requested).toEqual([ACTIVE_URL]);
  });

  it('refuses to build a URL without a numeric page id', async () => {
    const invalid: (Record<string, string | string[]> | undefined)[] = [undefined, {}, { pageId: '../../admin' }, { pageId: ['6410630422455'] }];
    for (const params of invalid) {
      const fetcher = fakeFetcher({});
      const result = await flashduty.read({ pageUrl: PAGE, platform: 'flashduty', params }, fetcher, NOW);
      expect(result.ok).toBe(false);
      expect(fetcher.requested).toEqual([]);
    }
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseFlashdutySummary(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  });

  it('fuzz: a valid page with a required field broken never reads as operational', () => {
    const required = [
      ['data'],
      ['data', 'page'],
      ['data', 'page', 'components'],
      ['data', 'active_changes'],
      // Each component entry; its id is not listed, since any other string is as valid an id.
      ...allClear.data.page.components.map((_, i) => ['data', 'page', 'components', String(i)]),
    ];
    fc.assert(
      fc.property(brokenVariants(allClear, required), (payload) => neverOperational(parseFlashdutySummary(payload, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: an active incident with a broken field never reads as operational', () => {
    const incident = deepseekSummary('incident');
    const change = ['data', 'active_changes', '0'];
    const required = [
      change,
      [...change, 'change_id'],
      [...change, 'affected_components', '0', 'status'],
      [...change, 'affected_components', '1', 'status'],
    ];
    fc.assert(
      fc.property(brokenVariants(incident, required), (payload) => neverOperational(parseFlashdutySummary(payload, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
