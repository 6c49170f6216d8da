import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atlassianStatuspage, parseStatuspageIncidents } from '../../../src/status/adapters/atlassian-statuspage.ts';
import { incidentIo, parseIncidentIoIncidents } from '../../../src/status/adapters/incident-io.ts';
import cloudflareIncident from '../../fixtures/status/statuspage-summary-incident.cloudflare-trimmed.json' with { type: 'json' };
import { CLAUDE_HISTORY_API_INCIDENT_ID, CLAUDE_HISTORY_TITLES, claudeIncidentsHistory } from '../../fixtures/status/history.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, daysBefore, incidentsOf, onlyKnownIds, stringsOf, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://status.claude.com';
const NOW = new Date('2026-11-24T12:00:00Z');

type Entry = Record<string, unknown>;

/** A Statuspage incident of the `incidents.json` shape; resolved a day ago unless told otherwise. */
function entry(id: string, fields: Entry = {}): Entry {
  return {
    id,
    name: `Incident ${id}`,
    status: 'resolved',
    created_at: daysBefore(NOW, 2),
    updated_at: daysBefore(NOW, 1),
    monitoring_at: null,
    resolved_at: daysBefore(NOW, 1),
    impact: 'minor',
    shortlink: `https://stspg.io/${id}`,
    started_at: daysBefore(NOW, 2),
    page_id: 'tymt9n04zgry',
    incident_updates: [],
    components: [],
    ...fields,
  };
}

const history = (...incidents: unknown[]) => ({ page: { id: 'tymt9n04zgry', name: 'Claude', url: PAGE }, incidents });

describe('Atlassian Statuspage incidents.json (recent)', () => {
  it('reads the Claude history fixture: three resolved incidents, newest first, one on the Claude API', () => {
    const incidents = incidentsOf(parseStatuspageIncidents(claudeIncidentsHistory(NOW), PAGE, NOW));
    expect(incidents.map((incident) => incident.title)).toEqual([...CLAUDE_HISTORY_TITLES]);
    const api = incidents[0]!;
    const startedAt = daysBefore(NOW, 4);
    const resolvedAt = daysBefore(NOW, 4, 83);
    expect(api).toEqual({
      id: CLAUDE_HISTORY_API_INCIDENT_ID,
      title: 'Elevated error rates on the Claude API',
      impact: 'partial_outage',
      status: 'resolved',
      startedAt,
      latestUpdate: { body: 'This incident has been resolved.', at: resolvedAt, status: 'resolved' },
      url: 'https://stspg.io/api7x2q',
      componentIds: ['k8w3r06qmzrp'],
      maintenance: false,
      resolvedAt,
    });
    expect(incidents.map((incident) => incident.impact)).toEqual(['partial_outage', 'degraded', 'degraded']);
    expect(incidents.every((incident) => incident.resolvedAt !== null)).toBe(true);
  });

  it('lists open incidents as open (the real Cloudflare sample, whose incidents are unresolved)', () => {
    const incidents = incidentsOf(parseStatuspageIncidents(cloudflareIncident, 'https://www.cloudflarestatus.com', new Date('2026-09-12T06:00:00Z')));
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((incident) => incident.resolvedAt === null)).toBe(true);
    expect(incidents.find((incident) => incident.id === 'k7l4hzmthl3k')).toMatchObject({
      title: 'Cloudflare Tunnel Availability Issues',
      status: 'identified',
      url: 'https://www.cloudflarestatus.com/incidents/k7l4hzmthl3k',
    });
  });

  it('closes on resolved, postmortem and completed; times a resolution by resolved_at, else the latest update', () => {
    const incidents = incidentsOf(
      parseStatuspageIncidents(
        history(
          entry('postmortem', { status: 'postmortem', resolved_at: daysBefore(NOW, 3) }),
          entry('no-resolved-at', {
            resolved_at: null,
            incident_updates: [{ id: 'u1', status: 'resolved', body: 'Fixed.', created_at: daysBefore(NOW, 5), display_at: daysBefore(NOW, 5) }],
          }),
          entry('only-updated-at', { resolved_at: null, updated_at: daysBefore(NOW, 6) }),
          entry('no-time-at-all', { resolved_at: null, updated_at: null, created_at: null }),
          entry('monitoring', { status: 'monitoring', resolved_at: null }),
          entry('unknown-status', { status: 'on_fire', resolved_at: daysBefore(NOW, 1) }),
        ),
        PAGE,
        NOW,
      ),
    );
    const byId = new Map(incidents.map((incident) => [incident.id, incident]));
    expect(byId.get('postmortem')?.resolvedAt).toBe(daysBefore(NOW, 3));
    expect(byId.get('no-resolved-at')?.resolvedAt).toBe(daysBefore(NOW, 5));
    expect(byId.get('only-updated-at')?.resolvedAt).toBe(daysBefore(NOW, 6));
    // A resolution at no known time cannot be placed in the history, and must not pass for open.
    expect(byId.has('no-time-at-all')).toBe(false);
    expect(byId.get('monitoring')?.resolvedAt).toBeNull();
    // Like `read`, a status we do not know keeps the incident open rather than over.
    expect(byId.get('unknown-status')?.resolvedAt).toBeNull();
  });

  it('lists maintenance that happened, not maintenance still planned', () => {
    const incidents = incidentsOf(
      parseStatuspageIncidents(
        history(
          entry('done', { impact: 'maintenance', status: 'completed', scheduled_for: daysBefore(NOW, 2) }),
          entry('under-way', { impact: 'maintenance', status: 'in_progress', resolved_at: null, scheduled_for: daysBefore(NOW, 0, -20), started_at: daysBefore(NOW, 0, -20) }),
          entry('planned', { impact: 'maintenance', status: 'scheduled', resolved_at: null, scheduled_for: daysBefore(NOW, -3) }),
        ),
        PAGE,
        NOW,
      ),
    );
    expect(incidents.map((incident) => [incident.id, incident.maintenance, incident.impact, incident.resolvedAt])).toEqual([
      ['under-way', true, 'maintenance', null],
      ['done', true, 'maintenance', daysBefore(NOW, 1)],
    ]);
  });

  it('keeps the last 90 days, at most 50, newest first', () => {
    const entries = Array.from({ length: 60 }, (_, day) =>
      entry(`day${day}`, { started_at: daysBefore(NOW, day), created_at: daysBefore(NOW, day), resolved_at: daysBefore(NOW, day, 30) }),
    );
    const old = entry('old', { started_at: daysBefore(NOW, 120), resolved_at: daysBefore(NOW, 119) });
    const incidents = incidentsOf(parseStatuspageIncidents(history(old, ...[...entries].reverse()), PAGE, NOW));
    expect(incidents).toHaveLength(50);
    expect(incidents[0]!.id).toBe('day0');
    expect(incidents.some((incident) => incident.id === 'old')).toBe(false);
  });

  it('keeps titles and update bodies as the text they are, and links on http(s) only', () => {
    const incidents = incidentsOf(
      parseStatuspageIncidents(
        history(
          entry('xss', {
            name: '<img src=x onerror=alert(1)>',
            shortlink: 'javascript:alert(1)',
            incident_updates: [{ status: 'resolved', body: '<script>alert(1)</script>', display_at: daysBefore(NOW, 1) }],
          }),
        ),
        PAGE,
        NOW,
      ),
    );
    expect(incidents[0]).toMatchObject({ title: '<img src=x onerror=alert(1)>', url: PAGE });
    expect(incidents[0]!.latestUpdate?.body).toBe('<script>alert(1)</script>');
  });

  it('skips entries without an id and rejects what is not an incidents.json', () => {
    const incidents = incidentsOf(parseStatuspageIncidents(history(entry(''), { name: 'no id' }, 'text', null, entry('kept')), PAGE, NOW));
    expect(incidents.map((incident) => incident.id)).toEqual(['kept']);
    for (const payload of ['<html>404</html>', null, [], {}, { incidents: 'none' }, { page: {} }]) {
      expect(parseStatuspageIncidents(payload, PAGE, NOW).ok).toBe(false);
    }
    expect(incidentsOf(parseStatuspageIncidents(history(), PAGE, NOW))).toEqual([]);
  });

  it('fetches /api/v2/incidents.json on demand, and lets fetch errors reject', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/api/v2/incidents.json`]: claudeIncidentsHistory(NOW) });
    const result = await atlassianStatuspage.recent!({ pageUrl: `${PAGE}/`, platform: 'atlassian-statuspage' }, fetcher, NOW);
    expect(incidentsOf(result)).toHaveLength(3);
    expect(fetcher.requested).toEqual([`${PAGE}/api/v2/incidents.json`]);
    await expect(atlassianStatuspage.recent!({ pageUrl: PAGE, platform: 'atlassian-statuspage' }, fakeFetcher({}), NOW)).rejects.toThrow('HTTP 404');
  });

  it('fuzz: arbitrary values never throw and never make an ill-formed list', () => {
    fc.assert(fc.property(anyJson, (payload) => wellFormedRecent(parseStatuspageIncidents(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: entries of arbitrary fields never throw, and list only incidents with an id of their own', () => {
    const fields = fc.dictionary(
      fc.constantFrom('id', 'name', 'status', 'impact', 'created_at', 'started_at', 'resolved_at', 'updated_at', 'shortlink', 'incident_updates', 'components', 'scheduled_for'),
      fc.oneof(anyJson, fc.constantFrom('resolved', 'postmortem', 'completed', 'scheduled', 'maintenance', daysBefore(NOW, 3), 'https://stspg.io/x')),
    );
    fc.assert(
      fc.property(fc.array(fields, { maxLength: 8 }), (entries) => {
        const result = parseStatuspageIncidents({ incidents: entries }, PAGE, NOW);
        return wellFormedRecent(result) && onlyKnownIds(result, stringsOf(entries, 'id'));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: the Claude history with a field broken never throws and invents no incident', () => {
    const valid = claudeIncidentsHistory(NOW) as { incidents: Entry[] };
    const fields = ['id', 'name', 'status', 'impact', 'started_at', 'created_at', 'resolved_at', 'updated_at', 'shortlink', 'incident_updates', 'components'];
    const required = [['incidents'], ...valid.incidents.flatMap((_, i) => fields.map((field) => ['incidents', String(i), field]))];
    fc.assert(
      fc.property(brokenVariants(valid, required), (payload) => {
        const result = parseStatuspageIncidents(payload, PAGE, NOW);
        const ids = stringsOf((payload as { incidents?: unknown }).incidents, 'id');
        return wellFormedRecent(result) && onlyKnownIds(result, ids) && (!result.ok || result.incidents.length <= valid.incidents.length);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('incident.io compatible incidents.json (recent)', () => {
  const OPENAI = 'https://status.openai.com';
  const CHAT = '01JMXBRMFE6N2NNT7DG6XZQ6PW';
  // The compatible API's shape: Statuspage fields, ULID ids, no text for each update.
  const compat = {
    page: { id: '01JMDK9XYNY6RXSED6SDWW50WY', name: 'OpenAI', url: OPENAI, time_zone: 'Etc/UTC', updated_at: daysBefore(NOW, 0, -60) },
    incidents: [
      {
        id: '01KQ3V7W2C9D8E6F5G4H3J2K1M',
        name: 'Increased latency on Chat Completions',
        status: 'resolved',
        created_at: daysBefore(NOW, 6),
        updated_at: daysBefore(NOW, 6, 95),
        resolved_at: daysBefore(NOW, 6, 95),
        impact: 'minor',
        started_at: daysBefore(NOW, 6),
        incident_updates: [],
        components: [{ id: CHAT, name: 'Chat Completions', status: 'operational' }],
      },
      {
        id: '01KQ9A8B7C6D5E4F3G2H1J0K9M',
        name: 'Elevated errors for image generation',
        status: 'identified',
        created_at: daysBefore(NOW, 0, -40),
        updated_at: daysBefore(NOW, 0, -10),
        resolved_at: null,
        impact: 'major',
        shortlink: 'https://status.openai.com/incidents/01KQ9A8B7C6D5E4F3G2H1J0K9M',
        started_at: daysBefore(NOW, 0, -40),
        incident_updates: [],
        components: [],
      },
    ],
  };

  it('reads resolved and open incidents, linking each to its page when it has no shortlink', () => {
    const incidents = incidentsOf(parseIncidentIoIncidents(compat, OPENAI, NOW));
    expect(incidents.map((incident) => [incident.id, incident.resolvedAt, incident.url])).toEqual([
      ['01KQ9A8B7C6D5E4F3G2H1J0K9M', null, 'https://status.openai.com/incidents/01KQ9A8B7C6D5E4F3G2H1J0K9M'],
      ['01KQ3V7W2C9D8E6F5G4H3J2K1M', daysBefore(NOW, 6, 95), 'https://status.openai.com/incidents/01KQ3V7W2C9D8E6F5G4H3J2K1M'],
    ]);
    expect(incidents[1]).toMatchObject({ impact: 'degraded', latestUpdate: null, componentIds: [CHAT] });
  });

  it('rejects what is not an incidents.json', () => {
    expect(parseIncidentIoIncidents({ summary: { ongoing_incidents: [] } }, OPENAI, NOW).ok).toBe(false);
  });

  it('fetches /api/v2/incidents.json (the Widget API and proxy document list nothing resolved)', async () => {
    const fetcher = fakeFetcher({ [`${OPENAI}/api/v2/incidents.json`]: compat });
    expect(incidentsOf(await incidentIo.recent!({ pageUrl: OPENAI, platform: 'incident-io' }, fetcher, NOW))).toHaveLength(2);
    expect(fetcher.requested).toEqual([`${OPENAI}/api/v2/incidents.json`]);
    // Pages without the compatible API answer an HTML 404: the fetcher rejects, so does recent.
    await expect(incidentIo.recent!({ pageUrl: OPENAI, platform: 'incident-io' }, fakeFetcher({}), NOW)).rejects.toThrow();
  });

  it('fuzz: arbitrary values never throw and never make an ill-formed list', () => {
    fc.assert(fc.property(anyJson, (payload) => wellFormedRecent(parseIncidentIoIncidents(payload, OPENAI, NOW))), { numRuns: FUZZ_RUNS });
  }, FUZZ_TIMEOUT_MS);
});
