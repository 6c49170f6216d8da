import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog/index.ts';
import { componentStatus } from '../../../src/health/assess.ts';
import { DEFAULT_SCHEDULE } from '../../../src/health/schedule.ts';
import { cloudflareStatus, parseCloudflareRecent, parseCloudflareSummary } from '../../../src/status/adapters/cloudflare-status.ts';
import summary from '../../fixtures/status/cloudflare-status/cloudflare-v3-summary.replicate.json' with { type: 'json' };
import { cloudflareSummary, REPLICATE_COMPONENT, REPLICATE_INCIDENT_TITLE } from '../../fixtures/status/cloudflare-status/scenarios.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, incidentsOf, onlyKnownIds, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://www.cloudflarestatus.com';
const NOW = new Date('2026-11-30T08:00:00Z');
const PARAMS = { componentIds: [REPLICATE_COMPONENT] };
const REPLICATE_GROUP = '1km35smx8p41';

/** The outage moved to a component the catalog does not know, in Replicate's own group. */
function outageOnNewComponent() {
  const page = cloudflareSummary('outage', NOW);
  page.result.components[0]!.status = 'operational';
  page.result.components.push({ id: 'cfnew0000001', name: 'Replicate Deployments', status: 'major_outage', group_id: REPLICATE_GROUP });
  page.result.active_incidents[1]!.components = [{ id: 'cfnew0000001', name: 'Replicate Deployments' }];
  return page;
}

function parse(payload: unknown) {
  const result = parseCloudflareSummary(payload, PAGE, NOW, PARAMS);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Cloudflare status v3 summary, for Replicate', () => {
  it('reads only the Replicate component: the rest of Cloudflare, degraded or not, is not Replicate', () => {
    const health = parse(summary);
    expect(health.components).toEqual([{ id: REPLICATE_COMPONENT, name: 'Replicate', level: 'operational' }]);
    expect(health.level).toBe('operational');
    // The Workers AI incident mentions Replicate in its title, but names only Workers AI: not ours.
    expect(health.incidents).toEqual([]);
  });

  it('reads a Replicate outage: the component, the incident naming it, its latest update and link', () => {
    const health = parse(cloudflareSummary('outage', NOW));
    expect(health.level).toBe('major_outage');
    expect(health.incidents).toEqual([
      {
        id: 'cfinc0000003',
        title: REPLICATE_INCIDENT_TITLE,
        impact: 'major_outage',
        status: 'investigating',
        startedAt: new Date(NOW.getTime() - 12 * 60_000).toISOString(),
        latestUpdate: { body: 'We are investigating failing requests to the Replicate API.', at: new Date(NOW.getTime() - 8 * 60_000).toISOString(), status: 'investigating' },
        url: 'https://www.cloudflarestatus.com/incidents/cfinc0000003',
        componentIds: [REPLICATE_COMPONENT],
        maintenance: false,
      },
    ]);
    expect(parse(cloudflareSummary('resolved', NOW)).level).toBe('operational');
  });

  it('reads a new component of the provider’s group and the incident on it: a possible impact, never all clear', () => {
    const params = { ...PARAMS, groupIds: [REPLICATE_GROUP] };
    const result = parseCloudflareSummary(outageOnNewComponent(), PAGE, NOW, params);
    if (!result.ok) throw new Error('must parse');
    expect(result.health.level).toBe('major_outage');
    expect(result.health.components.map((component) => [component.name, component.level])).toEqual([
      ['Replicate', 'operational'],
      ['Replicate Deployments', 'major_outage'],
    ]);
    expect(result.health.incidents.map((incident) => [incident.title, incident.componentIds])).toEqual([[REPLICATE_INCIDENT_TITLE, ['cfnew0000001']]]);
    const provider = CATALOG.providers.find((candidate) => candidate.id === 'replicate')!;
    expect(provider.status.params?.groupIds).toEqual([REPLICATE_GROUP]);
    const record = { providerId: 'replicate', health: result.health, lastAttemptAt: NOW.toISOString(), lastError: null, consecutiveFailures: 0 };
    const status = componentStatus(provider, provider.components[0]!, record, NOW, DEFAULT_SCHEDULE);
    expect(status).toMatchObject({ level: 'major_outage', confirmedLevel: 'operational', possible: true });
    expect(status.possibleIncidents.map(({ componentNames }) => componentNames)).toEqual([['Replicate Deployments']]);
    // Without the group the incident would be Cloudflare's, not Replicate's: scope is what the registry says.
    expect(parse(outageOnNewComponent()).incidents).toEqual([]);
  });

  it('lists the incidents of the provider’s group among its recent ones', () => {
    const incidents = incidentsOf(parseCloudflareRecent(outageOnNewComponent(), PAGE, NOW, { ...PARAMS, groupIds: [REPLICATE_GROUP] }));
    expect(incidents.map((incident) => incident.id)).toEqual(['cfinc0000003', 'cfinc0000002']);
  });

  it('reads unknown, not clear, when the page no longer lists the component', () => {
    const gone = structuredClone(summary);
    gone.result.components = gone.result.components.filter((component) => component.id !== REPLICATE_COMPONENT);
    expect(parse(gone)).toMatchObject({ level: 'unknown', components: [] });
  });

  it('refuses what is not a v3 summary (the v2 shape, a failed envelope, HTML) and a registry entry without components', () => {
    for (const payload of [{ page: { id: 'yh6f0r4529hb' }, components: [] }, { success: false, result: null }, '<html></html>', null]) {
      expect(parseCloudflareSummary(payload, PAGE, NOW, PARAMS)).toEqual({ ok: false, error: { kind: 'format' } });
    }
    expect(parseCloudflareSummary(summary, PAGE, NOW, {})).toEqual({ ok: false, error: { kind: 'config' } });
  });

  it('skips an incident without an id rather than inventing one', () => {
    const outage = cloudflareSummary('outage', NOW);
    outage.result.active_incidents[1]!.id = '  ';
    expect(parse(outage).incidents).toEqual([]);
  });

  it('reads /api/v3/summary', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/api/v3/summary`]: summary });
    expect((await cloudflareStatus.read({ pageUrl: PAGE, platform: 'cloudflare-status', params: PARAMS }, fetcher, NOW)).ok).toBe(true);
  });

  it('lists Replicate’s recent incidents, resolved ones included, and no one else’s', () => {
    const incidents = incidentsOf(parseCloudflareRecent(cloudflareSummary('outage', NOW), PAGE, NOW, PARAMS));
    expect(incidents.map((incident) => [incident.id, incident.resolvedAt !== null])).toEqual([
      ['cfinc0000003', false],
      ['cfinc0000002', true],
    ]);
  });

  it('fuzz: arbitrary JSON never throws and never reads as operational', () => {
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseCloudflareSummary(payload, PAGE, NOW, PARAMS))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: with the provider’s group, arbitrary JSON never throws and never reads as operational', () => {
    const params = { ...PARAMS, groupIds: [REPLICATE_GROUP] };
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseCloudflareSummary(payload, PAGE, NOW, params))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: an outage on a new component of the group, with a field broken, never reads as operational', () => {
    const params = { ...PARAMS, groupIds: [REPLICATE_GROUP] };
    // The Replicate component stays operational here: the outage is only on the new one and its incident.
    const outage = outageOnNewComponent();
    const required = [['result'], ['result', 'components'], ['result', 'components', '3', 'status'], ['result', 'components', '3', 'group_id'], ['result', 'active_incidents', '1', 'components']];
    fc.assert(
      fc.property(brokenVariants(outage, required), (payload) => {
        const result = parseCloudflareSummary(payload, PAGE, NOW, params);
        return !result.ok || result.health.level !== 'operational' || result.health.components.every((component) => component.id === REPLICATE_COMPONENT);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: the summary with its envelope or the component broken never reads as operational', () => {
    // `success` is checked apart: a boolean replacement may well be `true` again.
    const required = [['result'], ['result', 'components'], ['result', 'components', '0'], ['result', 'components', '0', 'id'], ['result', 'components', '0', 'status']];
    fc.assert(fc.property(brokenVariants(summary, required), (payload) => neverOperational(parseCloudflareSummary(payload, PAGE, NOW, PARAMS))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: incidents with a field broken never throw and invent no incident', () => {
    const outage = cloudflareSummary('outage', NOW);
    // Every field but the id (another string there is simply another incident; a blank one is tested apart).
    const fields = ['name', 'impact', 'components', 'last_update', 'created_at', 'resolved_at'];
    const required = [
      ...fields.map((field) => ['result', 'active_incidents', '1', field]),
      ...fields.map((field) => ['result', 'recent_incidents', '0', field]),
    ];
    fc.assert(
      fc.property(brokenVariants(outage, required), (payload) => {
        const result = parseCloudflareRecent(payload, PAGE, NOW, PARAMS);
        return wellFormedRecent(result) && onlyKnownIds(result, ['cfinc0000002', 'cfinc0000003']);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
