import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRootlyIncidents, parseRootlyStatus, rootly, ROOTLY_OVERALL } from '../../../src/status/adapters/rootly.ts';
import allClear from '../../fixtures/status/rootly/rootly-status.allclear.json' with { type: 'json' };
import history from '../../fixtures/status/rootly/rootly-incidents.history.json' with { type: 'json' };
import { MISTRAL_INCIDENT_TITLE, rootlyStatus } from '../../fixtures/status/rootly/scenarios.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, incidentsOf, onlyKnownIds, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://status.mistral.ai';
const NOW = new Date('2026-11-30T08:15:00Z');

function parse(payload: unknown) {
  const result = parseRootlyStatus(payload, PAGE, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Rootly status.json', () => {
  it('reads an all-clear page as one operational component, its overall status', () => {
    const health = parse(allClear);
    expect(health).toMatchObject({ level: 'operational', description: 'All Systems Operational', incidents: [], pageUpdatedAt: '2026-11-30T08:12:44.000Z' });
    expect(health.components).toEqual([{ id: ROOTLY_OVERALL, name: 'Mistral AI', level: 'operational' }]);
  });

  it('reads an outage: the indicator, the incident with its latest update, its link, attributed to the page', () => {
    const health = parse(rootlyStatus('outage', NOW));
    expect(health.level).toBe('major_outage');
    expect(health.incidents).toEqual([
      {
        id: '01KQ4M1T9V8N2R6Y3B5D7F0H1J',
        title: MISTRAL_INCIDENT_TITLE,
        impact: 'major_outage',
        status: 'investigating',
        startedAt: new Date(NOW.getTime() - 15 * 60_000).toISOString(),
        latestUpdate: { body: 'We are investigating elevated error rates on the Completion API.', at: new Date(NOW.getTime() - 10 * 60_000).toISOString(), status: 'investigating' },
        url: 'https://status.mistral.ai/incidents/01KQ4M1T9V8N2R6Y3B5D7F0H1J',
        componentIds: [ROOTLY_OVERALL],
        maintenance: false,
      },
    ]);
  });

  it('reads maintenance in progress as maintenance, and recovery as operational', () => {
    const maintenance = parse(rootlyStatus('maintenance', NOW));
    expect(maintenance.level).toBe('maintenance');
    expect(maintenance.incidents.map((incident) => [incident.maintenance, incident.impact])).toEqual([[true, 'maintenance']]);
    expect(parse(rootlyStatus('resolved', NOW)).level).toBe('operational');
  });

  it('takes the worse of the indicator and its incidents, and never reads an unknown indicator as clear', () => {
    const quietIndicator = structuredClone(rootlyStatus('outage', NOW)) as { status: { indicator: string } };
    quietIndicator.status.indicator = 'none';
    expect(parse(quietIndicator).level).toBe('major_outage');
    const strange = { ...allClear, status: { indicator: 'sunny', description: '' } };
    expect(parseRootlyStatus(strange, PAGE, NOW)).toEqual({ ok: false, error: { kind: 'format' } });
  });

  it('refuses what is not a Rootly status document: another platform, HTML, a list', () => {
    for (const payload of [{ data: { type: 'status_page' } }, '<html>Just a moment...</html>', [], null, { page: {}, status: {} }, { ...allClear, incidents: 'none' }]) {
      expect(parseRootlyStatus(payload, PAGE, NOW).ok, JSON.stringify(payload)).toBe(false);
    }
  });

  it('reads the page from /api/v1/status.json', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/api/v1/status.json`]: allClear });
    expect((await rootly.read({ pageUrl: PAGE, platform: 'rootly' }, fetcher, NOW)).ok).toBe(true);
    expect(fetcher.requested).toEqual([`${PAGE}/api/v1/status.json`]);
  });

  it('fuzz: arbitrary JSON never throws and never reads as operational unless it is the documented shape', () => {
    fc.assert(
      fc.property(anyJson, (payload) => {
        const document = payload as { page?: { name?: unknown; url?: unknown }; status?: { indicator?: unknown } } | null;
        const documented = document?.status?.indicator === 'none' && (typeof document.page?.name === 'string' || typeof document.page?.url === 'string');
        return neverOperational(parseRootlyStatus(payload, PAGE, NOW)) || documented;
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: an all-clear page with a required field broken never reads as operational', () => {
    const required = [['page'], ['status'], ['status', 'indicator']];
    fc.assert(fc.property(brokenVariants(allClear, required), (payload) => neverOperational(parseRootlyStatus(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: an outage with a field of its incident broken never reads as operational', () => {
    const outage = rootlyStatus('outage', NOW);
    const fields = ['name', 'status', 'impact', 'started_at', 'resolved_at', 'url', 'incident_updates'];
    const required = [['incidents'], ...fields.map((field) => ['incidents', '0', field])];
    fc.assert(fc.property(brokenVariants(outage, required), (payload) => neverOperational(parseRootlyStatus(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);
});

describe('Rootly incidents.json (recent)', () => {
  it('lists the open incident and the resolved one, newest first, with their resolution', () => {
    const incidents = incidentsOf(parseRootlyIncidents([history], PAGE, NOW));
    expect(incidents.map((incident) => [incident.title, incident.resolvedAt, incident.impact])).toEqual([
      ['Elevated error rates on the Completion API', null, 'partial_outage'],
      ['Console slow to load', '2026-11-12T15:20:00.000Z', 'degraded'],
    ]);
  });

  it('reads up to three pages of 100 and stops at a short one', async () => {
    const full = { incidents: Array.from({ length: 100 }, (_, i) => ({ ...history.incidents[1], name: `Incident ${i}`, url: `https://status.mistral.ai/incidents/p1-${i}` })) };
    const fetcher = fakeFetcher((url) => (url.includes('page=1&') ? full : url.includes('page=2&') ? history : undefined));
    const result = await rootly.recent!({ pageUrl: PAGE, platform: 'rootly' }, fetcher, NOW);
    expect(fetcher.requested).toEqual([`${PAGE}/api/v1/incidents.json?page=1&per_page=100`, `${PAGE}/api/v1/incidents.json?page=2&per_page=100`]);
    expect(incidentsOf(result)).toHaveLength(50);
  });

  it('fuzz: incidents with a field broken never throw and invent no incident', () => {
    const fields = ['name', 'status', 'impact', 'started_at', 'resolved_at', 'url', 'incident_updates'];
    const required = [['incidents'], ...[0, 1].flatMap((i) => fields.map((field) => ['incidents', String(i), field]))];
    const known = history.incidents.flatMap((incident) => [/incidents\/([^/]+)$/.exec(incident.url)?.[1] ?? '', `${incident.name}@${incident.started_at}`]);
    fc.assert(
      fc.property(brokenVariants(history, required), (payload) => {
        const result = parseRootlyIncidents([payload], PAGE, NOW);
        return wellFormedRecent(result) && onlyKnownIds(result, [...known, ...history.incidents.map((incident) => `${incident.name}@`), '@' + history.incidents[0]!.started_at, '@' + history.incidents[1]!.started_at]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
