import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betterStack, parseBetterStackRecent } from '../../../src/status/adapters/better-stack.ts';
import together from '../../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, daysBefore, incidentsOf, onlyKnownIds, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://status.together.ai';
const NOW = new Date('2026-09-04T12:00:00Z');
const KIMI = '8978884';
const GLM = '8997896';

interface ReportSpec {
  id: string;
  title: string;
  type: 'manual' | 'automatic' | 'maintenance';
  state: string;
  startsAt: string;
  endsAt: string | null;
  affected: Record<string, string>;
  updates: { id: string; message: string; at: string }[];
}

/** Together's page with reports (and their status updates) of the documented shape added. */
function withReports(...reports: ReportSpec[]): typeof together {
  const index = structuredClone(together);
  for (const spec of reports) {
    index.included.push({
      id: spec.id,
      type: 'status_report',
      attributes: {
        title: spec.title,
        report_type: spec.type,
        starts_at: spec.startsAt,
        ends_at: spec.endsAt,
        affected_resources: Object.entries(spec.affected).map(([id, status]) => ({ status_page_resource_id: id, status })),
        aggregate_state: spec.state,
      },
      relationships: { status_updates: { data: spec.updates.map((update) => ({ id: update.id, type: 'status_update' })) } },
    } as unknown as (typeof index.included)[number]);
    for (const update of spec.updates) {
      index.included.push({
        id: update.id,
        type: 'status_update',
        attributes: { message: update.message, published_at: update.at, published_at_timezone: null, notify_subscribers: true, affected_resources: [] },
      } as unknown as (typeof index.included)[number]);
    }
  }
  return index;
}

const OPEN_OUTAGE: ReportSpec = {
  id: '990001',
  title: 'Chat completions failing for Kimi K2',
  type: 'manual',
  state: 'downtime',
  startsAt: daysBefore(NOW, 0, -45),
  endsAt: null,
  affected: { [KIMI]: 'downtime' },
  updates: [{ id: '7700001', message: 'We are investigating failing requests to Kimi K2.', at: daysBefore(NOW, 0, -40) }],
};

const RESOLVED_INCIDENT: ReportSpec = {
  id: '990002',
  title: 'Elevated latency for GLM',
  type: 'manual',
  state: 'resolved',
  startsAt: daysBefore(NOW, 10),
  endsAt: daysBefore(NOW, 10, 90),
  affected: { [GLM]: 'degraded' },
  updates: [
    { id: '7700002', message: 'Latency is back to normal.', at: daysBefore(NOW, 10, 90) },
    { id: '7700003', message: 'We are looking into slow responses from GLM.', at: daysBefore(NOW, 10, 5) },
  ],
};

describe('Better Stack index.json (recent)', () => {
  it('reads the resolved maintenance of the real Together capture', () => {
    expect(incidentsOf(parseBetterStackRecent(together, PAGE, NOW))).toEqual([
      {
        id: '941865',
        title: 'Scheduled network maintenance',
        impact: 'maintenance',
        status: 'resolved',
        startedAt: '2026-07-03T04:00:59.000Z',
        latestUpdate: { body: 'Maintenance ended', at: '2026-07-03T06:59:00.000Z', status: 'resolved' },
        url: PAGE,
        componentIds: ['8802370', '8911095'],
        maintenance: true,
        resolvedAt: '2026-07-03T06:59:00.000Z',
      },
    ]);
  });

  it('lists open and resolved reports newest first; a resolved one keeps the impact it declared on its resources', () => {
    const incidents = incidentsOf(parseBetterStackRecent(withReports(RESOLVED_INCIDENT, OPEN_OUTAGE), PAGE, NOW));
    expect(incidents.map((incident) => [incident.id, incident.impact, incident.resolvedAt])).toEqual([
      ['990001', 'major_outage', null],
      ['990002', 'degraded', daysBefore(NOW, 10, 90)],
      ['941865', 'maintenance', '2026-07-03T06:59:00.000Z'],
    ]);
    expect(incidents[1]).toMatchObject({
      url: `${PAGE}/incident/990002`,
      latestUpdate: { body: 'Latency is back to normal.', status: 'resolved' },
      componentIds: [GLM],
    });
  });

  it('times a resolution without ends_at by its latest update, and leaves out what cannot be placed or has not begun', () => {
    const incidents = incidentsOf(
      parseBetterStackRecent(
        withReports(
          { ...RESOLVED_INCIDENT, id: '990003', endsAt: null },
          { ...RESOLVED_INCIDENT, id: '990004', endsAt: null, updates: [] },
          { ...RESOLVED_INCIDENT, id: '990005', affected: {}, updates: [] },
          { ...OPEN_OUTAGE, id: '990006', type: 'maintenance', state: 'maintenance', startsAt: daysBefore(NOW, -2), affected: {} },
        ),
        PAGE,
        NOW,
      ),
    );
    const byId = new Map(incidents.map((incident) => [incident.id, incident]));
    expect(byId.get('990003')?.resolvedAt).toBe(daysBefore(NOW, 10, 90));
    expect(byId.has('990004')).toBe(false);
    // Resolved with no resource named: the report says nothing of how bad it was.
    expect(byId.get('990005')?.impact).toBe('unknown');
    expect(byId.has('990006')).toBe(false);
  });

  it('drops reports older than 90 days, and rejects what is not an index.json', () => {
    expect(incidentsOf(parseBetterStackRecent(together, PAGE, new Date('2026-11-24T12:00:00Z')))).toEqual([]);
    for (const payload of ['<!doctype html><div id="app"></div>', {}, { data: { type: 'status_page' } }, { data: {}, included: [] }]) {
      expect(parseBetterStackRecent(payload, PAGE, NOW).ok).toBe(false);
    }
  });

  it('fetches the same index.json as read', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/index.json`]: together });
    expect(incidentsOf(await betterStack.recent!({ pageUrl: PAGE, platform: 'better-stack' }, fetcher, NOW))).toHaveLength(1);
    expect(fetcher.requested).toEqual([`${PAGE}/index.json`]);
  });

  it('fuzz: arbitrary values never throw and never make an ill-formed list', () => {
    fc.assert(fc.property(anyJson, (payload) => wellFormedRecent(parseBetterStackRecent(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: reports with a field broken never throw and invent no incident', () => {
    const valid = withReports(RESOLVED_INCIDENT, OPEN_OUTAGE);
    const reportPaths = valid.included.flatMap((item, i) =>
      item.type === 'status_report' || item.type === 'status_update'
        ? [['included', String(i), 'id'], ['included', String(i), 'type'], ['included', String(i), 'attributes'], ['included', String(i), 'relationships']]
        : [],
    );
    const required = [['data'], ['included'], ...reportPaths];
    fc.assert(
      fc.property(brokenVariants(valid, required), (payload) => {
        const result = parseBetterStackRecent(payload, PAGE, NOW);
        const ids = Array.isArray((payload as { included?: unknown }).included)
          ? (payload as { included: unknown[] }).included.flatMap((item) => {
              const id = (item as { id?: unknown } | null)?.id;
              return typeof id === 'string' ? [id] : typeof id === 'number' ? [String(id)] : [];
            })
          : [];
        return wellFormedRecent(result) && onlyKnownIds(result, ids);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
