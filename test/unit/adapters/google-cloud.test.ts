import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog/index.ts';
import { componentStatus } from '../../../src/health/assess.ts';
import { DEFAULT_SCHEDULE } from '../../../src/health/schedule.ts';
import { GOOGLE_CLOUD_INCIDENTS, googleCloud, parseGoogleCloudIncidents, parseGoogleCloudRecent } from '../../../src/status/adapters/google-cloud.ts';
import type { ProviderHealth } from '../../../src/model/health.ts';
import aiProductsExcerpt from '../../fixtures/status/google-cloud/gcp-incidents-excerpt.ai-products.json' with { type: 'json' };
import checkmkIncidents from '../../fixtures/status/google-cloud/gcp-incidents-fullfields.checkmk-edited.json' with { type: 'json' };
import productsExcerpt from '../../fixtures/status/google-cloud/gcp-products-excerpt.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.cloud.google.com/products/Z0FZJAMvEB4j3NbCJs6B/history';
const NOW = new Date('2026-09-12T12:00:00Z');
const VERTEX_GEMINI = 'Z0FZJAMvEB4j3NbCJs6B';
const SECRET_MANAGER = 'kzGfErQK3HzkFhptoeHH';
const CLOUD_SQL = 'hV87iK5DcEXKgWU2kDri';
const PARAMS = { productIds: [VERTEX_GEMINI] };

type Entry = Record<string, unknown>;

function update(when: string, status: string, text: string): Entry {
  return { created: when, modified: when, when, text, status, affected_locations: [] };
}

/** A Vertex Gemini API entry with the full field set of the Checkmk sample. */
function vertexEntry(id: string, options: { end?: string; impact: string; updates: Entry[] }): Entry {
  const entry: Entry = {
    id,
    number: '1234567890',
    begin: '2026-09-12T10:15:00+00:00',
    created: '2026-09-12T10:31:00+00:00',
    modified: (options.updates[0]?.modified as string | undefined) ?? '2026-09-12T10:31:00+00:00',
    external_desc: 'Elevated error rates for Gemini models on Vertex AI in us-central1',
    updates: options.updates,
    most_recent_update: options.updates[0],
    status_impact: options.impact,
    severity: 'medium',
    service_key: VERTEX_GEMINI,
    service_name: 'Vertex Gemini API',
    affected_products: [{ title: 'Vertex Gemini API', id: VERTEX_GEMINI }],
    uri: `incidents/${id}`,
    currently_affected_locations: [{ title: 'Iowa (us-central1)', id: 'us-central1' }],
    previously_affected_locations: [],
  };
  if (options.end !== undefined) entry.end = options.end;
  return entry;
}

const INVESTIGATING = update('2026-09-12T10:31:00+00:00', 'SERVICE_DISRUPTION', 'We are investigating elevated error rates for Gemini models.');
const MITIGATING = update('2026-09-12T11:40:00+00:00', 'SERVICE_OUTAGE', 'Requests to Gemini models in us-central1 are failing. Mitigation is in progress.');
const RESOLVED = update('2026-09-12T11:58:00+00:00', 'AVAILABLE', 'The issue with Vertex Gemini API has been resolved for all affected users.');

/** incidents.json with nothing open: a resolved Vertex incident, then the two real resolved entries. */
function allClear(): Entry[] {
  return [
    vertexEntry('vtxOldResolved000001', { end: '2026-09-01T09:00:00+00:00', impact: 'SERVICE_DISRUPTION', updates: [update('2026-09-01T09:05:00+00:00', 'AVAILABLE', 'Resolved.')] }),
    structuredClone(aiProductsExcerpt[0]!) as Entry,
    structuredClone(checkmkIncidents[1]!) as Entry,
  ];
}

function withOutage(): Entry[] {
  return [vertexEntry('vtxOutage00000000001', { impact: 'SERVICE_DISRUPTION', updates: [MITIGATING, INVESTIGATING] }), ...allClear()];
}

function recovered(): Entry[] {
  return [
    vertexEntry('vtxOutage00000000001', { end: '2026-09-12T11:55:00+00:00', impact: 'SERVICE_DISRUPTION', updates: [RESOLVED, MITIGATING, INVESTIGATING] }),
    ...allClear(),
  ];
}

/** Like brokenVariants, but never a non-empty string, which would still be a valid id. */
function withoutStringIds(valid: Entry[], paths: string[][]): fc.Arbitrary<Entry[]> {
  const wrong = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(''), fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]));
  return fc.tuple(fc.constantFrom(...paths), wrong).map(([path, replacement]) => {
    const copy = structuredClone(valid);
    let target = copy as unknown as Record<string, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = path.at(-1)!;
    if (replacement === undefined) Reflect.deleteProperty(target, last);
    else target[last] = replacement;
    return copy;
  });
}

function health(payload: unknown, params: Record<string, string | string[]> = PARAMS): ProviderHealth {
  const result = parseGoogleCloudIncidents(payload, PAGE, NOW, params);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Google Cloud Service Health incidents.json', () => {
  it('reads the real resolved Vertex Gemini API entry as operational, named by the incident', () => {
    const result = health(aiProductsExcerpt);
    expect(result.level).toBe('operational');
    expect(result.components).toEqual([{ id: VERTEX_GEMINI, name: 'Vertex Gemini API', level: 'operational' }]);
    expect(result.incidents).toEqual([]);
    expect(result.description).toBe('');
    expect(result.pageUpdatedAt).toBeNull();
    expect(result.fetchedAt).toBe(NOW.toISOString());
  });

  it('lists an open SERVICE_INFORMATION notice without turning the product red (real entry, reopened)', () => {
    const open = structuredClone(aiProductsExcerpt);
    delete (open[0] as Entry).end;
    const result = health(open, { productIds: [VERTEX_GEMINI, 'BnCicQdHSdxaCv8Ya6Vm'] });
    expect(result.level).toBe('operational');
    expect(result.components.map((c) => [c.name, c.level])).toEqual([
      ['Vertex Gemini API', 'operational'],
      ['Dialogflow CX', 'operational'],
    ]);
    expect(result.incidents).toEqual([
      {
        id: '41E5S3mkTGDfkZuJZH5k',
        title: 'Vertex AI Gemini API customers experienced increased error rates when accessing the global endpoint.',
        impact: 'operational',
        status: 'SERVICE_INFORMATION',
        startedAt: '2026-02-27T12:37:00.000Z',
        latestUpdate: null,
        url: 'https://status.cloud.google.com/incidents/41E5S3mkTGDfkZuJZH5k',
        componentIds: [VERTEX_GEMINI, 'BnCicQdHSdxaCv8Ya6Vm'],
        maintenance: false,
      },
    ]);
    expect(result.description).toBe('');
  });

  it('reads the open incident of the Checkmk sample by its latest update status, on its product only', () => {
    const result = health(checkmkIncidents, { productIds: [SECRET_MANAGER, CLOUD_SQL] });
    expect(result.level).toBe('major_outage');
    expect(result.components).toEqual([
      { id: SECRET_MANAGER, name: 'Secret Manager', level: 'major_outage' },
      { id: CLOUD_SQL, name: 'Google Cloud SQL', level: 'operational' },
    ]);
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({
      id: 'mLBHeCxhRia17anXCSX1',
      title: 'Secret Manager experienced service unavailability in europe-west2',
      impact: 'major_outage',
      status: 'SERVICE_OUTAGE',
      startedAt: '2022-07-19T14:17:00.000Z',
      url: 'https://status.cloud.google.com/incidents/mLBHeCxhRia17anXCSX1',
      componentIds: [SECRET_MANAGER],
      maintenance: false,
    });
    expect(result.incidents[0]!.latestUpdate?.at).toBe('2022-07-20T13:44:35.000Z');
    expect(result.incidents[0]!.latestUpdate?.status).toBe('SERVICE_OUTAGE');
    expect(result.incidents[0]!.latestUpdate?.body).toMatch(/^We experienced an issue with Secret Manager/);
    expect(result.pageUpdatedAt).toBe('2022-07-20T13:46:32.000Z');
  });

  it('all clear: nothing open for the configured product', () => {
    const result = health(allClear(), { productIds: [VERTEX_GEMINI], productNames: ['Gemini on Vertex AI'] });
    expect(result.level).toBe('operational');
    expect(result.components).toEqual([{ id: VERTEX_GEMINI, name: 'Gemini on Vertex AI', level: 'operational' }]);
    expect(result.incidents).toEqual([]);
    expect(result.pageUpdatedAt).toBe('2026-09-01T09:05:00.000Z');
    // The newest activity anywhere in the feed (every Google Cloud product) is the page's sign of life.
    expect(result.liveness).toEqual({ at: '2026-09-01T09:05:00.000Z', signal: 'feed-activity' });
  });

  it('an outage: the latest update says SERVICE_OUTAGE, the incident lists its updates', () => {
    const result = health(withOutage());
    expect(result.level).toBe('major_outage');
    expect(result.description).toBe('');
    expect(result.incidents).toEqual([
      {
        id: 'vtxOutage00000000001',
        title: 'Elevated error rates for Gemini models on Vertex AI in us-central1',
        impact: 'major_outage',
        status: 'SERVICE_OUTAGE',
        startedAt: '2026-09-12T10:15:00.000Z',
        latestUpdate: {
          body: 'Requests to Gemini models in us-central1 are failing. Mitigation is in progress.',
          at: '2026-09-12T11:40:00.000Z',
          status: 'SERVICE_OUTAGE',
        },
        url: 'https://status.cloud.google.com/incidents/vtxOutage00000000001',
        componentIds: [VERTEX_GEMINI],
        maintenance: false,
      },
    ]);
    expect(result.pageUpdatedAt).toBe('2026-09-12T11:40:00.000Z');
  });

  it('keeps an open incident on a related product the registry does not list, as a possible impact', () => {
    const renamed = vertexEntry('vtxRenamed0000000001', { impact: 'SERVICE_OUTAGE', updates: [MITIGATING] });
    renamed.affected_products = [{ title: 'Gemini on Agent Platform', id: 'newGeminiProduct0001' }];
    const unrelated = vertexEntry('sqlOutage00000000001', { impact: 'SERVICE_OUTAGE', updates: [MITIGATING] });
    unrelated.affected_products = [{ title: 'Cloud SQL', id: CLOUD_SQL }];
    const payload = [renamed, unrelated, ...allClear()];
    const provider = CATALOG.providers.find((candidate) => candidate.id === 'google')!;
    const result = health(payload, provider.status.params);
    expect(result.incidents.map((incident) => [incident.id, incident.componentIds])).toEqual([['vtxRenamed0000000001', ['newGeminiProduct0001']]]);
    expect(result.components.at(-1)).toEqual({ id: 'newGeminiProduct0001', name: 'Gemini on Agent Platform', level: 'major_outage' });
    const record = { providerId: 'google', health: result, lastAttemptAt: NOW.toISOString(), lastError: null, consecutiveFailures: 0 };
    const status = componentStatus(provider, provider.components[0]!, record, NOW, DEFAULT_SCHEDULE);
    expect(status).toMatchObject({ level: 'major_outage', confirmedLevel: 'operational', possible: true });
    expect(status.possibleIncidents.map(({ componentNames }) => componentNames)).toEqual([['Gemini on Agent Platform']]);
    // Without related patterns, or for a product matching none, it is another product's incident.
    expect(health(payload).incidents).toEqual([]);
    const recent = parseGoogleCloudRecent(payload, PAGE, NOW, provider.status.params);
    const recentIds = recent.ok ? recent.incidents.map((incident) => incident.id) : [];
    expect(recentIds).toContain('vtxRenamed0000000001');
    expect(recentIds).not.toContain('sqlOutage00000000001');
  });

  it('a disruption is degraded, not an outage', () => {
    const payload = [vertexEntry('vtxDisrupt0000000001', { impact: 'SERVICE_DISRUPTION', updates: [INVESTIGATING] }), ...allClear()];
    const result = health(payload);
    expect(result.level).toBe('degraded');
    expect(result.incidents.map((i) => [i.impact, i.status])).toEqual([['degraded', 'SERVICE_DISRUPTION']]);
  });

  it('recovery: the incident is closed and no longer listed', () => {
    const result = health(recovered());
    expect(result.level).toBe('operational');
    expect(result.incidents).toEqual([]);
    expect(result.pageUpdatedAt).toBe('2026-09-12T11:58:00.000Z');
  });

  it('shows maintenance in progress, not maintenance still to come', () => {
    const started = vertexEntry('vtxMaint000000000001', { impact: 'SERVICE_INFORMATION', updates: [update('2026-09-12T10:31:00+00:00', 'SERVICE_MAINTENANCE', 'Planned maintenance is in progress.')] });
    const result = health([started, ...allClear()]);
    expect(result.level).toBe('maintenance');
    expect(result.incidents.map((i) => [i.id, i.impact, i.maintenance])).toEqual([['vtxMaint000000000001', 'maintenance', true]]);

    const later = { ...started, begin: '2026-09-13T02:00:00+00:00' };
    const upcoming = health([later, ...allClear()]);
    expect(upcoming.level).toBe('operational');
    expect(upcoming.incidents).toEqual([]);
  });

  it('falls back to status_impact, then to the newest of updates[], when most_recent_update is missing', () => {
    const noUpdates = vertexEntry('vtxNoUpdates00000001', { impact: 'SERVICE_OUTAGE', updates: [] });
    delete noUpdates.most_recent_update;
    expect(health([noUpdates]).incidents[0]).toMatchObject({ impact: 'major_outage', status: 'SERVICE_OUTAGE', latestUpdate: null });

    const listOnly = vertexEntry('vtxListOnly000000001', { impact: 'SERVICE_OUTAGE', updates: [INVESTIGATING, MITIGATING] });
    delete listOnly.most_recent_update;
    const incident = health([listOnly]).incidents[0]!;
    expect(incident.latestUpdate).toEqual({ body: MITIGATING.text, at: '2026-09-12T11:40:00.000Z', status: 'SERVICE_OUTAGE' });
    expect(incident.impact).toBe('major_outage');
  });

  it('never reads unknown statuses as operational', () => {
    const odd = vertexEntry('vtxOdd00000000000001', { impact: 'SERVICE_DISRUPTION', updates: [update('2026-09-12T10:31:00+00:00', 'SERVICE_ON_FIRE', '?')] });
    const result = health([odd, ...allClear()]);
    expect(result.incidents[0]!.impact).toBe('unknown');
    expect(result.level).toBe('unknown');

    const bare = vertexEntry('vtxBare0000000000001', { impact: 'x', updates: [] });
    delete bare.most_recent_update;
    delete bare.status_impact;
    expect(health([bare]).level).toBe('unknown');
  });

  it('treats an empty array as unknown: the feed always carries years of history', () => {
    const result = health([]);
    expect(result.level).toBe('unknown');
    expect(result.components).toEqual([{ id: VERTEX_GEMINI, name: VERTEX_GEMINI, level: 'unknown' }]);
    expect(result.description).toBe('');
  });

  it('is unknown, not all clear, when an entry cannot be read, but keeps a known outage', () => {
    const payload = [...allClear(), 'garbage'];
    const result = health(payload);
    expect(result.level).toBe('unknown');
    expect(result.description).toBe('');

    const outage = health([...withOutage(), { id: 'x', affected_products: 'all' }]);
    expect(outage.components[0]!.level).toBe('major_outage');
    expect(outage.description).toBe('');
  });

  it('does not close an incident on an end that is not an RFC 3339 time', () => {
    const payload = allClear();
    payload[0]!.end = '1';
    expect(health(payload).level).toBe('unknown');
  });

  it('rejects what is not an incidents array, and a page without product ids', () => {
    expect(parseGoogleCloudIncidents({ incidents: [] }, PAGE, NOW, PARAMS).ok).toBe(false);
    expect(parseGoogleCloudIncidents('<html>502</html>', PAGE, NOW, PARAMS).ok).toBe(false);
    expect(parseGoogleCloudIncidents(allClear(), PAGE, NOW, {}).ok).toBe(false);
    expect(parseGoogleCloudIncidents(allClear(), PAGE, NOW).ok).toBe(false);
    expect(health(allClear(), { productIds: VERTEX_GEMINI }).components.map((c) => c.id)).toEqual([VERTEX_GEMINI]);
  });

  it('keeps incident links on the dashboard origin', () => {
    for (const uri of ['javascript:alert(1)', '//evil.example/incidents/x', 'https://evil.example/', 42]) {
      const payload = withOutage();
      payload[0]!.uri = uri;
      expect(health(payload).incidents[0]!.url).toBe(PAGE);
    }
  });

  it('names each component after its product in products.json, found by the product ids it is given', () => {
    const titles = new Map(productsExcerpt.products.map((product) => [product.id, product.title]));
    expect(titles.get(VERTEX_GEMINI)).toBe('Vertex Gemini API');
    const result = health(aiProductsExcerpt, { productIds: [...titles.keys()], productNames: [...titles.values()] });
    expect(result.components.map((c) => c.name)).toEqual([...titles.values()]);
    expect(result.level).toBe('operational');
  });

  it('reads the fixed incidents.json endpoint through the fetcher, whatever page it shows', async () => {
    const fetcher = fakeFetcher({ 'https://status.cloud.google.com/incidents.json': withOutage() });
    const result = await googleCloud.read({ pageUrl: PAGE, platform: 'google-cloud', params: PARAMS }, fetcher, NOW);
    expect(fetcher.requested).toEqual(['https://status.cloud.google.com/incidents.json']);
    expect(GOOGLE_CLOUD_INCIDENTS).toBe('https://status.cloud.google.com/incidents.json');
    expect(result.ok && result.health.level).toBe('major_outage');
  });

  it('reads years of history (20,000 resolved entries) and still finds the open outage', () => {
    const history: Entry[] = [];
    for (let i = 0; i < 20_000; i++) {
      history.push(vertexEntry(`old${i}`, { end: '2024-01-01T00:00:00+00:00', impact: 'SERVICE_DISRUPTION', updates: [RESOLVED, MITIGATING, INVESTIGATING] }));
    }
    // Speed is measured in bench/parse.ts (docs/BENCHMARKS.md), not asserted here.
    const result = health([...withOutage(), ...history]);
    expect(result.level).toBe('major_outage');
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(
      fc.property(anyJson, (payload) => neverOperational(parseGoogleCloudIncidents(payload, PAGE, NOW, PARAMS))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: with related patterns, arbitrary values never throw and never read as operational', () => {
    const params = { ...PARAMS, relatedProducts: ['Vertex', 'Gemini'] };
    fc.assert(
      fc.property(anyJson, (payload) => neverOperational(parseGoogleCloudIncidents(payload, PAGE, NOW, params))),
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
      fc.property(brokenVariants(valid, required), (payload) => neverOperational(parseGoogleCloudIncidents(payload, PAGE, NOW, PARAMS))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: an incident or product id that is missing or not a string never reads as operational', () => {
    // Any other string is still a well-formed id, so only non-strings break these fields.
    const valid = allClear();
    const idPaths = valid.flatMap((entry, i) => [
      [String(i), 'id'],
      ...(entry.affected_products as unknown[]).map((_, j) => [String(i), 'affected_products', String(j), 'id']),
    ]);
    fc.assert(
      fc.property(withoutStringIds(valid, idPaths), (payload) => neverOperational(parseGoogleCloudIncidents(payload, PAGE, NOW, PARAMS))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: an end that is not a time never closes an incident into all clear', () => {
    const notATime = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant({}),
      fc.string({ minLength: 1 }).filter((text) => !/^\d{4}-\d{2}-\d{2}T/.test(text)),
    );
    fc.assert(
      fc.property(fc.nat({ max: 2 }), notATime, (index, end) => {
        const payload = allClear();
        payload[index]!.end = end;
        return neverOperational(parseGoogleCloudIncidents(payload, PAGE, NOW, PARAMS));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
