import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOOGLE_WORKSPACE_INCIDENTS, googleWorkspace, parseGoogleWorkspaceIncidents } from '../../../src/status/adapters/google-workspace.ts';
import type { ProviderHealth } from '../../../src/model/health.ts';
import allClearFixture from '../../fixtures/status/google-workspace/workspace-incidents-allclear.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://www.google.com/appsstatus/dashboard/products/npdyhgECDJ6tB66MxXyo/history';
const NOW = new Date('2026-09-12T12:00:00Z');
const GEMINI = 'npdyhgECDJ6tB66MxXyo';
const GMAIL = 'NjzAw8yUbu3K2vY9pXrT';
const PARAMS = { productIds: [GEMINI] };
const GEMINI_PRODUCT = { title: 'Gemini', id: GEMINI };
const GMAIL_PRODUCT = { title: 'Gmail', id: GMAIL };

type Entry = Record<string, unknown>;

function allClear(): Entry[] {
  return structuredClone(allClearFixture) as Entry[];
}

function update(when: string, status: string, text: string): Entry {
  return { created: when, modified: when, when, text, status, affected_locations: [] };
}

const DETECTED = update('2026-09-12T11:05:00+00:00', 'SERVICE_DISRUPTION', '**Summary**\nWe are investigating reports of an issue with the Gemini app.');
const WIDESPREAD = update('2026-09-12T11:35:00+00:00', 'SERVICE_OUTAGE', '**Summary**\nThe Gemini app is unavailable for most users. Our engineers are mitigating.');
const FIXED = update('2026-09-12T11:55:00+00:00', 'AVAILABLE', '**Summary**\nThe Gemini app is available again for all users.');

/** An open Gemini incident in the Workspace shape, newest update first. */
function geminiIncident(updates: Entry[], overrides: Entry = {}): Entry {
  return {
    id: 'wsGeminiOpen00000001',
    number: '4815162342100',
    begin: '2026-09-12T10:50:00+00:00',
    created: '2026-09-12T11:05:00+00:00',
    modified: updates[0]!.modified,
    external_desc: 'Users are unable to access the Gemini app',
    updates,
    most_recent_update: updates[0],
    status_impact: 'SERVICE_OUTAGE',
    severity: 'high',
    service_key: GEMINI,
    service_name: 'Gemini',
    affected_products: [GEMINI_PRODUCT],
    currently_affected_products: [GEMINI_PRODUCT],
    uri: 'incidents/wsGeminiOpen00000001',
    currently_affected_locations: [],
    previously_affected_locations: [],
    ...overrides,
  };
}

function health(payload: unknown, params: Record<string, string | string[]> = PARAMS): ProviderHealth {
  const result = parseGoogleWorkspaceIncidents(payload, PAGE, NOW, params);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Google Workspace Status Dashboard incidents.json', () => {
  it('all clear: only resolved incidents, the Gemini app named as the dashboard names it', () => {
    const result = health(allClear());
    expect(result.level).toBe('operational');
    expect(result.components).toEqual([{ id: GEMINI, name: 'Gemini', level: 'operational' }]);
    expect(result.incidents).toEqual([]);
    expect(result.description).toBe('');
    expect(result.pageUpdatedAt).toBe('2026-09-02T16:52:30.000Z');
    expect(result.fetchedAt).toBe(NOW.toISOString());
  });

  it('an incident: its latest update sets the level and is shown with its link', () => {
    const result = health([geminiIncident([WIDESPREAD, DETECTED]), ...allClear()]);
    expect(result.level).toBe('major_outage');
    expect(result.components).toEqual([{ id: GEMINI, name: 'Gemini', level: 'major_outage' }]);
    expect(result.description).toBe('');
    expect(result.incidents).toEqual([
      {
        id: 'wsGeminiOpen00000001',
        title: 'Users are unable to access the Gemini app',
        impact: 'major_outage',
        status: 'SERVICE_OUTAGE',
        startedAt: '2026-09-12T10:50:00.000Z',
        latestUpdate: {
          body: '**Summary**\nThe Gemini app is unavailable for most users. Our engineers are mitigating.',
          at: '2026-09-12T11:35:00.000Z',
          status: 'SERVICE_OUTAGE',
        },
        url: 'https://www.google.com/appsstatus/dashboard/incidents/wsGeminiOpen00000001',
        componentIds: [GEMINI],
        maintenance: false,
      },
    ]);
    expect(result.pageUpdatedAt).toBe('2026-09-12T11:35:00.000Z');
  });

  it('the first update of a disruption reads as degraded', () => {
    const result = health([geminiIncident([DETECTED], { status_impact: 'SERVICE_DISRUPTION' }), ...allClear()]);
    expect(result.level).toBe('degraded');
    expect(result.incidents[0]!.latestUpdate?.at).toBe('2026-09-12T11:05:00.000Z');
  });

  it('recovery: once the incident has an end it is gone and Gemini is operational', () => {
    const closed = geminiIncident([FIXED, WIDESPREAD, DETECTED], { end: '2026-09-12T11:50:00+00:00', currently_affected_products: [] });
    const result = health([closed, ...allClear()]);
    expect(result.level).toBe('operational');
    expect(result.incidents).toEqual([]);
    expect(result.pageUpdatedAt).toBe('2026-09-12T11:55:00.000Z');
  });

  it('shows maintenance in progress, and hides maintenance that has not begun', () => {
    const work = update('2026-09-12T11:00:00+00:00', 'SERVICE_MAINTENANCE', 'Planned maintenance of the Gemini app is in progress.');
    const running = geminiIncident([work], { id: 'wsGeminiMaint0000001', external_desc: 'Gemini app maintenance', status_impact: 'SERVICE_INFORMATION' });
    const result = health([running, ...allClear()]);
    expect(result.level).toBe('maintenance');
    expect(result.incidents.map((i) => [i.title, i.impact, i.maintenance, i.status])).toEqual([
      ['Gemini app maintenance', 'maintenance', true, 'SERVICE_MAINTENANCE'],
    ]);

    const planned = geminiIncident([update('2026-09-10T09:00:00+00:00', 'SCHEDULED_MAINTENANCE', 'Planned for Sunday.')], {
      id: 'wsGeminiPlanned00001',
      begin: '2026-09-13T02:00:00+00:00',
    });
    const upcoming = health([planned, ...allClear()]);
    expect(upcoming.level).toBe('operational');
    expect(upcoming.incidents).toEqual([]);
  });

  it('lists a SERVICE_INFORMATION notice without turning Gemini red', () => {
    const notice = update('2026-09-12T11:10:00+00:00', 'SERVICE_INFORMATION', 'Some users may see delays generating images.');
    const result = health([geminiIncident([notice], { status_impact: 'SERVICE_INFORMATION', severity: 'low' }), ...allClear()]);
    expect(result.level).toBe('operational');
    expect(result.incidents.map((i) => [i.impact, i.status])).toEqual([['operational', 'SERVICE_INFORMATION']]);
  });

  it('follows currently_affected_products: a product the incident has released is clear again', () => {
    const released = geminiIncident([WIDESPREAD], { affected_products: [GEMINI_PRODUCT, GMAIL_PRODUCT], currently_affected_products: [GMAIL_PRODUCT] });
    const gemini = health([released, ...allClear()], { productIds: [GEMINI, GMAIL] });
    expect(gemini.components.map((c) => [c.name, c.level])).toEqual([
      ['Gemini', 'operational'],
      ['Gmail', 'major_outage'],
    ]);
    expect(gemini.incidents.map((i) => i.componentIds)).toEqual([[GMAIL]]);
    expect(health([released, ...allClear()]).incidents).toEqual([]);
  });

  it('falls back to affected_products when currently_affected_products is empty or absent', () => {
    const emptyNow = geminiIncident([WIDESPREAD], { currently_affected_products: [] });
    expect(health([emptyNow]).level).toBe('major_outage');
    const { currently_affected_products: _dropped, ...absent } = geminiIncident([WIDESPREAD]);
    expect(health([absent]).level).toBe('major_outage');
  });

  it('is unknown when currently_affected_products cannot be read, or when the array is empty', () => {
    const payload = allClear();
    payload[1]!.currently_affected_products = 'Gmail';
    expect(health(payload).level).toBe('unknown');
    expect(health([]).level).toBe('unknown');
    expect(health([]).components).toEqual([{ id: GEMINI, name: GEMINI, level: 'unknown' }]);
  });

  it('rejects a non-array and a missing product id', () => {
    expect(parseGoogleWorkspaceIncidents({ error: 'quota' }, PAGE, NOW, PARAMS).ok).toBe(false);
    expect(parseGoogleWorkspaceIncidents(allClear(), PAGE, NOW, { productIds: [] }).ok).toBe(false);
  });

  it('names products from params.productNames when given', () => {
    const result = health(allClear(), { productIds: GEMINI, productNames: 'Gemini app' });
    expect(result.components).toEqual([{ id: GEMINI, name: 'Gemini app', level: 'operational' }]);
  });

  it('keeps incident links on www.google.com', () => {
    const payload = [geminiIncident([WIDESPREAD], { uri: 'https://phish.example/appsstatus' })];
    expect(health(payload).incidents[0]!.url).toBe(PAGE);
  });

  it('reads the fixed Workspace incidents.json through the fetcher', async () => {
    const fetcher = fakeFetcher({ 'https://www.google.com/appsstatus/dashboard/incidents.json': [geminiIncident([WIDESPREAD]), ...allClear()] });
    const result = await googleWorkspace.read({ pageUrl: PAGE, platform: 'google-workspace', params: PARAMS }, fetcher, NOW);
    expect(fetcher.requested).toEqual(['https://www.google.com/appsstatus/dashboard/incidents.json']);
    expect(GOOGLE_WORKSPACE_INCIDENTS).toBe('https://www.google.com/appsstatus/dashboard/incidents.json');
    expect(result.ok && result.health.level).toBe('major_outage');
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(
      fc.property(anyJson, (payload) => neverOperational(parseGoogleWorkspaceIncidents(payload, PAGE, NOW, PARAMS))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: an all-clear page with a required field broken never reads as operational', () => {
    const valid = allClear();
    const required = valid.flatMap((entry, i) => [
      [String(i)],
      [String(i), 'affected_products'],
      ...(entry.affected_products as unknown[]).map((_, j) => [String(i), 'affected_products', String(j)]),
    ]);
    fc.assert(
      fc.property(brokenVariants(valid, required), (payload) => neverOperational(parseGoogleWorkspaceIncidents(payload, PAGE, NOW, PARAMS))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a currently_affected_products that is not a product list never reads as operational', () => {
    const notAList = fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.constant({}), fc.constant([null]), fc.constant([{ title: 'Gemini' }]));
    fc.assert(
      fc.property(fc.nat({ max: 2 }), notAList, (index, value) => {
        const payload = allClear();
        payload[index]!.currently_affected_products = value;
        return neverOperational(parseGoogleWorkspaceIncidents(payload, PAGE, NOW, PARAMS));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
