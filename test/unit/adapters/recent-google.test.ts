import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GOOGLE_CLOUD_INCIDENTS, googleCloud, parseGoogleCloudRecent } from '../../../src/status/adapters/google-cloud.ts';
import { GOOGLE_WORKSPACE_INCIDENTS, googleWorkspace, parseGoogleWorkspaceRecent } from '../../../src/status/adapters/google-workspace.ts';
import aiProductsExcerpt from '../../fixtures/status/google-cloud/gcp-incidents-excerpt.ai-products.json' with { type: 'json' };
import checkmkIncidents from '../../fixtures/status/google-cloud/gcp-incidents-fullfields.checkmk-edited.json' with { type: 'json' };
import workspaceFixture from '../../fixtures/status/google-workspace/workspace-incidents-allclear.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, incidentsOf, onlyKnownIds, stringsOf, wellFormedRecent } from './recent-support.ts';

const CLOUD_PAGE = 'https://status.cloud.google.com/products/Z0FZJAMvEB4j3NbCJs6B/history';
const WORKSPACE_PAGE = 'https://www.google.com/appsstatus/dashboard/products/npdyhgECDJ6tB66MxXyo/history';
const NOW = new Date('2026-09-12T12:00:00Z');
const VERTEX_GEMINI = 'Z0FZJAMvEB4j3NbCJs6B';
const SECRET_MANAGER = 'kzGfErQK3HzkFhptoeHH';
const GEMINI_APP = 'npdyhgECDJ6tB66MxXyo';

type Entry = Record<string, unknown>;

function update(when: string, status: string, text: string): Entry {
  return { created: when, modified: when, when, text, status, affected_locations: [] };
}

/** A Vertex Gemini API entry with the field set of the Checkmk sample; open unless `end` is given. */
function vertexEntry(id: string, options: { begin: string; end?: string; impact: string; updates: Entry[] }): Entry {
  const entry: Entry = {
    id,
    number: '1234567890',
    begin: options.begin,
    created: options.begin,
    modified: (options.updates[0]?.modified as string | undefined) ?? options.begin,
    external_desc: `Vertex Gemini API incident ${id}`,
    updates: options.updates,
    most_recent_update: options.updates[0],
    status_impact: options.impact,
    severity: 'medium',
    service_key: VERTEX_GEMINI,
    service_name: 'Vertex Gemini API',
    affected_products: [{ title: 'Vertex Gemini API', id: VERTEX_GEMINI }],
    uri: `incidents/${id}`,
    currently_affected_locations: [],
    previously_affected_locations: [],
  };
  if (options.end !== undefined) entry.end = options.end;
  return entry;
}

const OPEN = vertexEntry('vtxOpen0000000000001', {
  begin: '2026-09-12T10:15:00+00:00',
  impact: 'SERVICE_DISRUPTION',
  updates: [update('2026-09-12T11:40:00+00:00', 'SERVICE_OUTAGE', 'Requests to Gemini models in us-central1 are failing.')],
});
const RESOLVED = vertexEntry('vtxResolved000000001', {
  begin: '2026-09-01T08:00:00+00:00',
  end: '2026-09-01T09:00:00+00:00',
  impact: 'SERVICE_OUTAGE',
  updates: [update('2026-09-01T09:05:00+00:00', 'AVAILABLE', 'The issue has been resolved for all affected users.')],
});
const LONG_AGO = vertexEntry('vtxLongAgo0000000001', {
  begin: '2026-04-01T08:00:00+00:00',
  end: '2026-04-01T09:00:00+00:00',
  impact: 'SERVICE_DISRUPTION',
  updates: [update('2026-04-01T09:05:00+00:00', 'AVAILABLE', 'Resolved.')],
});

describe('Google Cloud incidents.json (recent)', () => {
  const params = { productIds: [VERTEX_GEMINI] };

  it('lists open and ended incidents of the product, newest first; an ended one with its declared impact', () => {
    const incidents = incidentsOf(parseGoogleCloudRecent([OPEN, RESOLVED, LONG_AGO, ...checkmkIncidents], CLOUD_PAGE, NOW, params));
    expect(incidents).toEqual([
      {
        id: 'vtxOpen0000000000001',
        title: 'Vertex Gemini API incident vtxOpen0000000000001',
        impact: 'major_outage',
        status: 'SERVICE_OUTAGE',
        startedAt: '2026-09-12T10:15:00.000Z',
        latestUpdate: { body: 'Requests to Gemini models in us-central1 are failing.', at: '2026-09-12T11:40:00.000Z', status: 'SERVICE_OUTAGE' },
        url: 'https://status.cloud.google.com/incidents/vtxOpen0000000000001',
        componentIds: [VERTEX_GEMINI],
        maintenance: false,
        resolvedAt: null,
      },
      {
        id: 'vtxResolved000000001',
        title: 'Vertex Gemini API incident vtxResolved000000001',
        // The latest update says AVAILABLE; what the incident was is its status_impact.
        impact: 'major_outage',
        status: 'AVAILABLE',
        startedAt: '2026-09-01T08:00:00.000Z',
        latestUpdate: { body: 'The issue has been resolved for all affected users.', at: '2026-09-01T09:05:00.000Z', status: 'AVAILABLE' },
        url: 'https://status.cloud.google.com/incidents/vtxResolved000000001',
        componentIds: [VERTEX_GEMINI],
        maintenance: false,
        resolvedAt: '2026-09-01T09:00:00.000Z',
      },
    ]);
  });

  it('reads the real Vertex Gemini API entry (an informational incident, ended)', () => {
    const incidents = incidentsOf(parseGoogleCloudRecent(aiProductsExcerpt, CLOUD_PAGE, new Date('2026-03-10T00:00:00Z'), params));
    expect(incidents).toEqual([
      expect.objectContaining({
        id: '41E5S3mkTGDfkZuJZH5k',
        title: 'Vertex AI Gemini API customers experienced increased error rates when accessing the global endpoint.',
        impact: 'operational',
        startedAt: '2026-02-27T12:37:00.000Z',
        resolvedAt: '2026-02-27T14:35:00.000Z',
        url: 'https://status.cloud.google.com/incidents/41E5S3mkTGDfkZuJZH5k',
        componentIds: [VERTEX_GEMINI],
      }),
    ]);
  });

  it('keeps an incident still open whatever its age, once per id (the real Checkmk entries share one)', () => {
    const incidents = incidentsOf(parseGoogleCloudRecent(checkmkIncidents, CLOUD_PAGE, NOW, { productIds: [SECRET_MANAGER] }));
    expect(incidents.map((incident) => [incident.id, incident.resolvedAt, incident.impact])).toEqual([['mLBHeCxhRia17anXCSX1', null, 'major_outage']]);
  });

  it('skips unreadable entries, and rejects a payload that is not the list or a page without products', () => {
    const incidents = incidentsOf(parseGoogleCloudRecent([null, 'x', { id: 5 }, { ...RESOLVED, end: 'soon' }, RESOLVED], CLOUD_PAGE, NOW, params));
    expect(incidents.map((incident) => incident.id)).toEqual(['vtxResolved000000001']);
    expect(parseGoogleCloudRecent({ incidents: [] }, CLOUD_PAGE, NOW, params).ok).toBe(false);
    expect(parseGoogleCloudRecent([RESOLVED], CLOUD_PAGE, NOW, {}).ok).toBe(false);
  });

  it('fetches the same incidents.json as read', async () => {
    const fetcher = fakeFetcher({ [GOOGLE_CLOUD_INCIDENTS]: [OPEN, RESOLVED] });
    const result = await googleCloud.recent!({ pageUrl: CLOUD_PAGE, platform: 'google-cloud', params }, fetcher, NOW);
    expect(incidentsOf(result)).toHaveLength(2);
    expect(fetcher.requested).toEqual([GOOGLE_CLOUD_INCIDENTS]);
  });

  it('fuzz: arbitrary values never throw and never make an ill-formed list', () => {
    fc.assert(fc.property(anyJson, (payload) => wellFormedRecent(parseGoogleCloudRecent(payload, CLOUD_PAGE, NOW, params))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: entries with a field broken never throw and invent no incident', () => {
    const valid = [OPEN, RESOLVED];
    const fields = ['id', 'begin', 'end', 'status_impact', 'affected_products', 'most_recent_update', 'updates', 'uri', 'external_desc'];
    const required = valid.flatMap((_, i) => fields.map((field) => [String(i), field]));
    fc.assert(
      fc.property(brokenVariants(valid, required), (payload) => {
        const result = parseGoogleCloudRecent(payload, CLOUD_PAGE, NOW, params);
        return wellFormedRecent(result) && onlyKnownIds(result, stringsOf(payload, 'id'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('Google Workspace incidents.json (recent)', () => {
  const params = { productIds: [GEMINI_APP] };

  it('lists the Gemini app incidents of the fixture (ended), not the Gmail one', () => {
    const incidents = incidentsOf(parseGoogleWorkspaceRecent(workspaceFixture, WORKSPACE_PAGE, NOW, params));
    expect(incidents.map((incident) => [incident.id, incident.impact, incident.resolvedAt])).toEqual([
      ['wsGem1nIResolvedAAAA', 'degraded', '2026-09-02T16:40:00.000Z'],
      ['wsGem1nIResolvedCCCC', 'operational', '2026-07-11T19:10:00.000Z'],
    ]);
    expect(incidents[0]!.url).toBe('https://www.google.com/appsstatus/dashboard/incidents/wsGem1nIResolvedAAAA');
  });

  it('keeps an open incident that has released the product (it still touched it), and leaves out maintenance ahead', () => {
    const released: Entry = {
      ...structuredClone(workspaceFixture[0]!),
      id: 'wsReleasedGemini0001',
      begin: '2026-09-12T09:00:00+00:00',
      end: null,
      most_recent_update: update('2026-09-12T11:00:00+00:00', 'SERVICE_DISRUPTION', 'Gmail is still affected; Gemini has recovered.'),
      affected_products: [{ title: 'Gemini', id: GEMINI_APP }, { title: 'Gmail', id: 'NjzAw8yUbu3K2vY9pXrT' }],
      currently_affected_products: [{ title: 'Gmail', id: 'NjzAw8yUbu3K2vY9pXrT' }],
    };
    const planned: Entry = {
      ...structuredClone(workspaceFixture[0]!),
      id: 'wsPlannedGemini00001',
      begin: '2026-09-20T09:00:00+00:00',
      end: null,
      status_impact: 'SERVICE_MAINTENANCE',
      most_recent_update: update('2026-09-12T08:00:00+00:00', 'SCHEDULED_MAINTENANCE', 'Planned maintenance.'),
    };
    const incidents = incidentsOf(parseGoogleWorkspaceRecent([planned, released, ...workspaceFixture], WORKSPACE_PAGE, NOW, params));
    expect(incidents.map((incident) => [incident.id, incident.resolvedAt])).toEqual([
      ['wsReleasedGemini0001', null],
      ['wsGem1nIResolvedAAAA', '2026-09-02T16:40:00.000Z'],
      ['wsGem1nIResolvedCCCC', '2026-07-11T19:10:00.000Z'],
    ]);
  });

  it('fetches the Workspace incidents.json', async () => {
    const fetcher = fakeFetcher({ [GOOGLE_WORKSPACE_INCIDENTS]: workspaceFixture });
    const result = await googleWorkspace.recent!({ pageUrl: WORKSPACE_PAGE, platform: 'google-workspace', params }, fetcher, NOW);
    expect(incidentsOf(result)).toHaveLength(2);
    expect(fetcher.requested).toEqual([GOOGLE_WORKSPACE_INCIDENTS]);
  });

  it('fuzz: arbitrary values never throw and never make an ill-formed list', () => {
    fc.assert(fc.property(anyJson, (payload) => wellFormedRecent(parseGoogleWorkspaceRecent(payload, WORKSPACE_PAGE, NOW, params))), {
      numRuns: FUZZ_RUNS,
    });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: the fixture with a field broken never throws and invents no incident', () => {
    const fields = ['id', 'begin', 'end', 'status_impact', 'affected_products', 'currently_affected_products', 'most_recent_update', 'uri'];
    const required = workspaceFixture.flatMap((_, i) => fields.map((field) => [String(i), field]));
    fc.assert(
      fc.property(brokenVariants(workspaceFixture, required), (payload) => {
        const result = parseGoogleWorkspaceRecent(payload, WORKSPACE_PAGE, NOW, params);
        return wellFormedRecent(result) && onlyKnownIds(result, stringsOf(payload, 'id'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
