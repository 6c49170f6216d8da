import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkly, levelFromChecklySeverity, parseChecklyStatusPage, type ChecklyPayloads } from '../../../src/status/adapters/checkly.ts';
import {
  CHAT_COMPLETIONS_API,
  EMBEDDINGS_API,
  VIBE,
  mistralPayloads,
  mistralUpcomingMaintenance,
} from '../../fixtures/status/checkly/scenarios.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.mistral.ai';
const NOW = new Date('2026-11-24T12:00:00Z');
const API = `${PAGE}/api/status-page/mistral-ai`;

function parsed(payloads: unknown) {
  const result = parseChecklyStatusPage(payloads as ChecklyPayloads, PAGE, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Checkly status page', () => {
  it('reads the real Mistral services, all clear', () => {
    const health = parsed(mistralPayloads('allclear'));
    expect(health.level).toBe('operational');
    expect(health.description).toBe('');
    expect(health.components).toHaveLength(17);
    expect(health.components[0]).toEqual({ id: CHAT_COMPLETIONS_API, name: 'Chat Completions API', level: 'operational' });
    expect(health.components.at(-1)).toEqual({ id: '24adc35f-5fc7-4ed8-89e3-abb57a11ba74', name: 'Mistral.ai Website', level: 'operational' });
    expect(health.incidents).toEqual([]);
    expect(health.pageUpdatedAt).toBeNull();
    expect(health.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads an unresolved incident on the services it names', () => {
    const health = parsed(mistralPayloads('incident'));
    expect(health.level).toBe('degraded');
    expect(health.description).toBe('');
    expect(health.components.find((c) => c.id === CHAT_COMPLETIONS_API)?.level).toBe('degraded');
    expect(health.components.find((c) => c.id === EMBEDDINGS_API)?.level).toBe('operational');
    expect(health.incidents).toEqual([
      {
        id: 'f0151c87-169e-4bbc-bf18-9020b1ceb07e',
        title: 'Completion API Degraded - glm-5-2',
        impact: 'degraded',
        status: 'investigating',
        startedAt: '2026-09-03T14:25:55.086Z',
        latestUpdate: {
          body: 'Requests to the Completion API are experiencing degraded service. We are currently investigating.',
          at: '2026-09-03T14:25:55.086Z',
          status: 'investigating',
        },
        url: PAGE,
        componentIds: [CHAT_COMPLETIONS_API],
        maintenance: false,
      },
    ]);
  });

  it('takes the latest update by its public date', () => {
    const health = parsed(mistralPayloads('monitoring'));
    expect(health.incidents[0]!.status).toBe('monitoring');
    expect(health.incidents[0]!.latestUpdate).toEqual({
      body: 'A fix has been implemented and we are monitoring the results.',
      at: '2026-09-03T14:38:10.000Z',
      status: 'monitoring',
    });
  });

  it.each([
    ['MINOR', 'degraded'],
    ['MEDIUM', 'degraded'],
    ['MAJOR', 'partial_outage'],
    ['CRITICAL', 'major_outage'],
    ['critical', 'unknown'],
    ['hasOwnProperty', 'unknown'],
    [undefined, 'unknown'],
  ])('maps severity %s to %s', (severity, level) => {
    expect(levelFromChecklySeverity(severity)).toBe(level);
    const payloads = mistralPayloads('incident');
    (payloads.unresolvedIncidents.incidents[0] as { severity: unknown }).severity = severity;
    const health = parsed(payloads);
    expect(health.level).toBe(level);
    expect(health.components.find((c) => c.id === CHAT_COMPLETIONS_API)?.level).toBe(level);
  });

  it('reads recovery: an incident whose last update is RESOLVED is not listed', () => {
    const health = parsed(mistralPayloads('recovered'));
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
  });

  it('shows an active maintenance window on its services', () => {
    const health = parsed(mistralPayloads('maintenance'));
    expect(health.level).toBe('maintenance');
    expect(health.description).toBe('');
    expect(health.components.find((c) => c.id === VIBE)?.level).toBe('maintenance');
    expect(health.incidents).toEqual([
      {
        id: 'b7d9e1f3-0000-4000-8000-000000000001',
        title: 'Vibe infrastructure upgrade',
        impact: 'maintenance',
        status: 'in_progress',
        startedAt: '2026-09-05T06:00:00.000Z',
        latestUpdate: null,
        url: PAGE,
        componentIds: [VIBE],
        maintenance: true,
      },
    ]);
  });

  it('ignores upcoming maintenance', () => {
    const health = parsed(mistralUpcomingMaintenance());
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
  });

  it('counts an incident without readable services against the whole page', () => {
    const payloads = mistralPayloads('incident');
    const incident = payloads.unresolvedIncidents.incidents[0] as Record<string, unknown>;
    incident.severity = 'CRITICAL';
    delete incident.services;
    const health = parsed(payloads);
    expect(health.components.every((c) => c.level === 'operational')).toBe(true);
    expect(health.level).toBe('major_outage');
    expect(health.incidents[0]!.componentIds).toEqual([]);
  });

  it('keeps an incident with an unknown lastUpdateStatus', () => {
    const payloads = mistralPayloads('incident');
    (payloads.unresolvedIncidents.incidents[0] as Record<string, unknown>).lastUpdateStatus = 'ESCALATED';
    const health = parsed(payloads);
    expect(health.incidents.map((i) => i.status)).toEqual(['escalated']);
    expect(health.level).toBe('degraded');
  });

  it('rejects payloads that are not Checkly ones; an empty page is never all clear', () => {
    const html = '<html>403 Forbidden</html>';
    expect(parseChecklyStatusPage({ uptime: html, unresolvedIncidents: { incidents: [] }, maintenanceWindows: { active: [] } }, PAGE, NOW).ok).toBe(false);
    expect(parseChecklyStatusPage({ ...mistralPayloads('allclear'), maintenanceWindows: html }, PAGE, NOW).ok).toBe(false);
    expect(parseChecklyStatusPage({ ...mistralPayloads('allclear'), unresolvedIncidents: {} }, PAGE, NOW).ok).toBe(false);
    const empty = parseChecklyStatusPage({ uptime: { metadata: [] }, unresolvedIncidents: { incidents: [] }, maintenanceWindows: { active: [] } }, PAGE, NOW);
    expect(empty.ok && empty.health.level).toBe('unknown');
    const noServices = parseChecklyStatusPage({ uptime: { metadata: [{ name: 'API', services: [] }] }, unresolvedIncidents: { incidents: [] }, maintenanceWindows: { active: [] } }, PAGE, NOW);
    expect(noServices.ok && noServices.health.level).toBe('unknown');
  });

  it('reads the three endpoints of the slug in params', async () => {
    const payloads = mistralPayloads('incident');
    const fetcher = fakeFetcher({
      [`${API}/uptime`]: payloads.uptime,
      [`${API}/unresolved-incidents`]: payloads.unresolvedIncidents,
      [`${API}/maintenance-windows`]: payloads.maintenanceWindows,
    });
    const result = await checkly.read({ pageUrl: `${PAGE}/`, platform: 'checkly', params: { slug: 'mistral-ai' } }, fetcher, NOW);
    expect(result.ok && result.health.level).toBe('degraded');
    expect(fetcher.requested).toEqual([`${API}/uptime`, `${API}/unresolved-incidents`, `${API}/maintenance-windows`]);
  });

  it('lets a failed endpoint reject, and refuses to build a URL without a plain slug', async () => {
    const partial = fakeFetcher({ [`${API}/uptime`]: mistralPayloads('allclear').uptime });
    await expect(checkly.read({ pageUrl: PAGE, platform: 'checkly', params: { slug: 'mistral-ai' } }, partial, NOW)).rejects.toThrow('HTTP 404');
    const invalid: (Record<string, string | string[]> | undefined)[] = [undefined, { slug: '../admin' }, { slug: 'a/b' }, { slug: ['mistral-ai'] }];
    for (const params of invalid) {
      const fetcher = fakeFetcher({});
      const result = await checkly.read({ pageUrl: PAGE, platform: 'checkly', params }, fetcher, NOW);
      expect(result.ok).toBe(false);
      expect(fetcher.requested).toEqual([]);
    }
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(
      fc.property(anyJson, anyJson, anyJson, (uptime, unresolvedIncidents, maintenanceWindows) =>
        neverOperational(parseChecklyStatusPage({ uptime, unresolvedIncidents, maintenanceWindows }, PAGE, NOW)),
      ),
      { numRuns: FUZZ_RUNS },
    );
    fc.assert(fc.property(anyJson, (payloads) => neverOperational(parseChecklyStatusPage(payloads as ChecklyPayloads, PAGE, NOW))), {
      numRuns: FUZZ_RUNS,
    });
  });

  it('fuzz: a valid page with a required field broken never reads as operational', () => {
    const valid = mistralPayloads('allclear');
    const groups = valid.uptime.metadata;
    const required = [
      ['uptime'],
      ['uptime', 'metadata'],
      ['unresolvedIncidents'],
      ['unresolvedIncidents', 'incidents'],
      ['maintenanceWindows'],
      ['maintenanceWindows', 'active'],
      ...groups.map((_, g) => ['uptime', 'metadata', String(g)]),
      ...groups.map((_, g) => ['uptime', 'metadata', String(g), 'services']),
      // Each service entry; its id is not listed, since any other string is as valid an id.
      ...groups.flatMap((group, g) => group.services.map((_, s) => ['uptime', 'metadata', String(g), 'services', String(s)])),
    ];
    fc.assert(
      fc.property(brokenVariants(valid, required), (payloads) => neverOperational(parseChecklyStatusPage(payloads as ChecklyPayloads, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: an unresolved incident with a broken field never reads as operational', () => {
    const incident = ['unresolvedIncidents', 'incidents', '0'];
    const required = [incident, [...incident, 'id'], [...incident, 'severity']];
    fc.assert(
      fc.property(brokenVariants(mistralPayloads('incident'), required), (payloads) =>
        neverOperational(parseChecklyStatusPage(payloads as ChecklyPayloads, PAGE, NOW)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
