import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentIo, mergeIncidentIo, parseIncidentIoProxy, parseIncidentIoWidget } from '../../src/status/adapters/incident-io.ts';
import proxyCapture from '../fixtures/status/incidentio-proxy-summary.openai-trimmed.json' with { type: 'json' };
import { openaiSummary, openaiWidget } from '../fixtures/status/scenarios.ts';
import { fakeFetcher } from '../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, neverOperational } from '../support/fuzz.ts';

const PAGE = 'https://status.openai.com';
const NOW = new Date('2026-11-24T12:00:00Z');

const ongoing = {
  ...openaiWidget(),
  ongoing_incidents: [
    {
      id: '01M1KWEDH417T2CF44YYHZDFCR',
      name: 'Elevated errors on Chat Completions',
      status: 'identified',
      url: 'https://status.openai.com/incidents/01M1KWEDH417T2CF44YYHZDFCR',
      last_update_at: '2026-11-24T11:50:00Z',
      last_update_message: 'A fix is rolling out.',
      current_worst_impact: 'full_outage',
      affected_components: [{ id: '01JMXBRMFE6N2NNT7DG6XZQ6PW', name: 'Chat Completions', current_status: 'full_outage' }],
    },
  ],
};

describe('incident.io', () => {
  it('reads components from the compatible summary and incidents from the Widget API', async () => {
    const summary = openaiSummary(NOW);
    summary.components[0]!.status = 'major_outage';
    const fetcher = fakeFetcher({ [`${PAGE}/api/v2/summary.json`]: summary, [`${PAGE}/api/v1/summary`]: ongoing });
    const result = await incidentIo.read({ pageUrl: PAGE, platform: 'incident-io' }, fetcher, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.health.level).toBe('major_outage');
    expect(result.health.incidentsUnavailable).toBe(false);
    expect(result.health.incidents).toEqual([
      {
        id: '01M1KWEDH417T2CF44YYHZDFCR',
        title: 'Elevated errors on Chat Completions',
        impact: 'major_outage',
        status: 'identified',
        startedAt: null,
        latestUpdate: { body: 'A fix is rolling out.', at: '2026-11-24T11:50:00.000Z', status: 'identified' },
        url: 'https://status.openai.com/incidents/01M1KWEDH417T2CF44YYHZDFCR',
        componentIds: ['01JMXBRMFE6N2NNT7DG6XZQ6PW'],
        maintenance: false,
      },
    ]);
  });

  it('reads incidents from the real /proxy document when the Widget API is off', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/api/v2/summary.json`]: openaiSummary(NOW), [`${PAGE}/proxy/status.openai.com`]: proxyCapture });
    const result = await incidentIo.read({ pageUrl: PAGE, platform: 'incident-io' }, fetcher, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(fetcher.requested).toEqual([`${PAGE}/api/v1/summary`, `${PAGE}/proxy/status.openai.com`, `${PAGE}/api/v2/summary.json`]);
    expect(result.health.incidentsUnavailable).toBe(false);
    const [incident] = result.health.incidents;
    expect(incident).toMatchObject({
      id: '01M1KWEDH417T2CF44YYHZDFCR',
      title: 'Elevated errors across ChatGPT and Codex',
      startedAt: expect.stringMatching(/^2026-09-03T/),
      url: 'https://status.openai.com/incidents/01M1KWEDH417T2CF44YYHZDFCR',
      maintenance: false,
    });
    expect(incident!.latestUpdate?.body).toBe('We have applied the mitigation and are monitoring the recovery.');
    expect(incident!.componentIds.length).toBeGreaterThan(0);
  });

  it('fuzz: arbitrary proxy documents never throw', () => {
    fc.assert(fc.property(anyJson, (payload) => { parseIncidentIoProxy(payload, PAGE); parseIncidentIoProxy({ summary: payload }, PAGE); return true; }), { numRuns: FUZZ_RUNS });
  });

  it('still reads components when the Widget API and the proxy are unavailable, and says incidents are unknown', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/api/v2/summary.json`]: openaiSummary(NOW) });
    const result = await incidentIo.read({ pageUrl: PAGE, platform: 'incident-io' }, fetcher, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.health.level).toBe('operational');
    expect(result.health.incidentsUnavailable).toBe(true);
  });

  it('reads the tiny Widget API first and skips the summary while nothing is going on', async () => {
    const page = { pageUrl: PAGE, platform: 'incident-io' as const };
    const bodies = { [`${PAGE}/api/v2/summary.json`]: openaiSummary(NOW), [`${PAGE}/api/v1/summary`]: openaiWidget() };
    const first = await incidentIo.read(page, fakeFetcher(bodies), new Date(NOW.getTime() - 60_000));
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const quiet = fakeFetcher(bodies);
    const reused = await incidentIo.read(page, quiet, NOW, first.health);
    expect(quiet.requested).toEqual([`${PAGE}/api/v1/summary`]);
    expect(reused.ok && reused.health.level).toBe('operational');

    const busy = fakeFetcher({ ...bodies, [`${PAGE}/api/v1/summary`]: ongoing });
    const read = await incidentIo.read(page, busy, NOW, first.health);
    expect(busy.requested).toEqual([`${PAGE}/api/v1/summary`, `${PAGE}/api/v2/summary.json`]);
    expect(read.ok && read.health.incidents).toHaveLength(1);
  });

  it('reads the quiet real Widget payload as no incidents', () => {
    expect(parseIncidentIoWidget(openaiWidget(), PAGE)).toEqual([]);
    expect(parseIncidentIoWidget('<html>', PAGE)).toBeNull();
  });

  it('fuzz: arbitrary summaries never throw and never read as operational', () => {
    fc.assert(
      fc.property(anyJson, anyJson, (summary, widget) =>
        neverOperational(mergeIncidentIo(summary, parseIncidentIoWidget(widget, PAGE), PAGE, NOW)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
