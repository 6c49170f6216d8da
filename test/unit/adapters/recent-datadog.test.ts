import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datadog, parseDatadogRecent } from '../../../src/status/adapters/datadog.ts';
import openrouter from '../../fixtures/status/datadog/datadog-config.openrouter.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, daysBefore, incidentsOf, onlyKnownIds, stringsOf, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://status.openrouter.ai';
const NOW = new Date('2026-09-15T12:00:00Z');
const CHAT = '9fb5ccff-e128-455a-be20-59572f8d363a';
const VIDEO = 'bb2402ad-3e98-4c75-9eb5-ca68ca683c5a';

type Config = Omit<typeof openrouter, 'incidents' | 'maintenances'> & {
  incidents: Record<string, unknown>[];
  maintenances: Record<string, unknown>[] | null;
};

function config(): Config {
  return structuredClone(openrouter) as Config;
}

const chat = (status: string) => ({ id: CHAT, name: 'Chat (/api/v1/chat/completions)', position: 0, status, type: 'Component' });

const OPEN_INCIDENT = {
  componentsAffected: [chat('major_outage')],
  currentStatus: 'identified',
  description: 'A bad deploy is failing chat completions; we are rolling it back.',
  id: 'c0ffee00-0000-4000-8000-000000000001',
  lastModifiedAt: daysBefore(NOW, 0, -5),
  publishedDate: daysBefore(NOW, 0, -30),
  resolved: false,
  resolvedDate: null,
  timeline: [
    {
      componentsAffected: [chat('major_outage')],
      createdAt: daysBefore(NOW, 0, -5),
      startedAt: daysBefore(NOW, 0, -5),
      description: 'A bad deploy is failing chat completions; we are rolling it back.',
      id: 'c0ffee00-0000-4000-8000-000000000002',
      status: 'identified',
    },
  ],
};

/** A maintenance in the camelCase shape the adapter reads (see the fixtures README). */
function maintenance(id: string, currentStatus: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    title: `Database upgrade ${id}`,
    currentStatus,
    startDate: daysBefore(NOW, 3),
    completedDate: currentStatus === 'completed' ? daysBefore(NOW, 3, 60) : null,
    componentsAffected: [chat('maintenance')],
    updates: [],
    ...fields,
  };
}

describe('Datadog config.json (recent)', () => {
  it('reads the resolved incidents of the real OpenRouter capture, with the impact their timeline declared', () => {
    const incidents = incidentsOf(parseDatadogRecent(openrouter, PAGE, NOW));
    expect(incidents.map((incident) => [incident.title, incident.impact, incident.resolvedAt])).toEqual([
      ['Degraded video generation API', 'degraded', '2026-09-04T21:12:00.000Z'],
      ['Web application degraded', 'degraded', '2026-08-28T22:33:00.000Z'],
      ['Elevated 429s on Anthropic and OpenAI', 'degraded', '2026-08-28T02:19:00.000Z'],
      // "Backfill" (resolved 2026-06-01) is older than 90 days.
    ]);
    expect(incidents[0]).toMatchObject({
      id: '2a3d415a-1eed-417f-b269-6e308a7f7990',
      status: 'resolved',
      startedAt: '2026-09-04T18:27:00.000Z',
      latestUpdate: { body: 'This incident has been resolved.', at: '2026-09-04T21:12:00.000Z', status: 'resolved' },
      url: PAGE,
      componentIds: [VIDEO],
      maintenance: false,
    });
  });

  it('lists an open incident as open, and maintenance that happened (not planned, canceled or deleted)', () => {
    const page = config();
    page.incidents = [OPEN_INCIDENT, { ...OPEN_INCIDENT, id: 'deleted-0001', deletedAt: daysBefore(NOW, 1) }, ...page.incidents];
    page.maintenances = [
      maintenance('done', 'completed'),
      maintenance('under-way', 'in_progress', { startDate: daysBefore(NOW, 0, -10) }),
      maintenance('planned', 'scheduled', { startDate: daysBefore(NOW, -2) }),
      maintenance('canceled', 'canceled'),
    ];
    const incidents = incidentsOf(parseDatadogRecent(page, PAGE, NOW));
    expect(incidents.slice(0, 4).map((incident) => [incident.id, incident.resolvedAt, incident.maintenance])).toEqual([
      ['under-way', null, true],
      [OPEN_INCIDENT.id, null, false],
      ['done', daysBefore(NOW, 3, 60), true],
      ['2a3d415a-1eed-417f-b269-6e308a7f7990', '2026-09-04T21:12:00.000Z', false],
    ]);
    expect(incidents.some((incident) => ['deleted-0001', 'planned', 'canceled'].includes(incident.id))).toBe(false);
  });

  it('times a resolution without resolvedDate by the latest timeline entry; rejects what is not a config.json', () => {
    const page = config();
    page.incidents = page.incidents.map((incident) => ({ ...incident, resolvedDate: null }));
    const incidents = incidentsOf(parseDatadogRecent(page, PAGE, NOW));
    expect(incidents[0]!.resolvedAt).toBe('2026-09-04T21:12:00.000Z');
    for (const payload of ['<html></html>', {}, { components: [] }, { ...config(), enabled: false }, { ...config(), maintenances: 'x' }]) {
      expect(parseDatadogRecent(payload, PAGE, NOW).ok).toBe(false);
    }
  });

  it('fetches the same config.json as read', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/config.json`]: openrouter });
    expect(incidentsOf(await datadog.recent!({ pageUrl: PAGE, platform: 'datadog' }, fetcher, NOW))).toHaveLength(3);
    expect(fetcher.requested).toEqual([`${PAGE}/config.json`]);
  });

  it('fuzz: arbitrary values never throw and never make an ill-formed list', () => {
    fc.assert(fc.property(anyJson, (payload) => wellFormedRecent(parseDatadogRecent(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: incidents with a field broken never throw and invent no incident', () => {
    const valid = config();
    const fields = ['id', 'title', 'currentStatus', 'resolved', 'resolvedDate', 'publishedDate', 'timeline', 'componentsAffected', 'deletedAt'];
    const required = [['incidents'], ['maintenances'], ...valid.incidents.flatMap((_, i) => fields.map((field) => ['incidents', String(i), field]))];
    fc.assert(
      fc.property(brokenVariants(valid, required), (payload) => {
        const result = parseDatadogRecent(payload, PAGE, NOW);
        return wellFormedRecent(result) && onlyKnownIds(result, stringsOf((payload as { incidents?: unknown }).incidents, 'id'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
