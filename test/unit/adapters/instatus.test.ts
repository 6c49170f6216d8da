import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instatus, parseInstatus } from '../../../src/status/adapters/instatus.ts';
import perplexityComponents from '../../fixtures/status/instatus/instatus-v2-components.perplexity.json' with { type: 'json' };
import perplexitySummary from '../../fixtures/status/instatus/instatus-summary.perplexity.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.perplexity.com';
const NOW = new Date('2026-09-10T12:00:00Z');
const WEBSITE = 'clyi6jhgg31469ihojbwbsmeeg';
const API = 'clyiakn7i60113hvojwho6za6j';
const COMPUTER = 'cmr18ih7201l20rqmap66bx4l';

interface Summary {
  page: { name: string; url: string; status: string };
  activeIncidents?: Record<string, unknown>[];
  activeMaintenances?: Record<string, unknown>[];
}

/** Instatus writes times in JavaScript's Date.toString() form, as in its documentation. */
const STARTED = 'Thu Sep 10 2026 11:40:00 GMT+0000 (Coordinated Universal Time)';

function summary(status: string): Summary {
  const copy: Summary = structuredClone(perplexitySummary);
  copy.page.status = status;
  return copy;
}

function components(statuses: Record<string, string> = {}) {
  const copy = structuredClone(perplexityComponents);
  for (const component of copy.components) component.status = statuses[component.id] ?? component.status;
  return copy;
}

function apiOutage(): Summary {
  const outage = summary('HASISSUES');
  outage.activeIncidents = [
    {
      name: 'API requests failing',
      started: STARTED,
      status: 'IDENTIFIED',
      impact: 'MAJOROUTAGE',
      url: 'https://status.perplexity.com/incident/cmf0api0outage0000000000',
    },
  ];
  return outage;
}

function parse(summaryPayload: unknown, componentsPayload: unknown) {
  const result = parseInstatus(summaryPayload, componentsPayload, PAGE, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Instatus summary.json + v2/components.json', () => {
  it('reads the real all-clear Perplexity page', () => {
    const health = parse(perplexitySummary, perplexityComponents);
    expect(health.level).toBe('operational');
    expect(health.components).toEqual([
      { id: WEBSITE, name: 'Website', level: 'operational' },
      { id: API, name: 'API', level: 'operational' },
      { id: COMPUTER, name: 'Computer', level: 'operational' },
    ]);
    expect(health.incidents).toEqual([]);
    expect(health.description).toBe('');
    expect(health.pageUpdatedAt).toBeNull();
    expect(health.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads an API outage with its incident, impact, start and link', () => {
    const health = parse(apiOutage(), components({ [API]: 'MAJOROUTAGE' }));
    expect(health.level).toBe('major_outage');
    expect(health.components.find((c) => c.id === API)?.level).toBe('major_outage');
    expect(health.components.find((c) => c.id === WEBSITE)?.level).toBe('operational');
    expect(health.incidents).toEqual([
      {
        id: 'cmf0api0outage0000000000',
        title: 'API requests failing',
        impact: 'major_outage',
        status: 'IDENTIFIED',
        startedAt: '2026-09-10T11:40:00.000Z',
        latestUpdate: null,
        url: 'https://status.perplexity.com/incident/cmf0api0outage0000000000',
        componentIds: [],
        maintenance: false,
      },
    ]);
  });

  it('maps every component status Instatus documents', () => {
    const health = parse(
      summary('HASISSUES'),
      components({ [WEBSITE]: 'DEGRADEDPERFORMANCE', [API]: 'MINOROUTAGE', [COMPUTER]: 'UNDERMAINTENANCE' }),
    );
    expect(health.components.map((c) => c.level)).toEqual(['degraded', 'partial_outage', 'maintenance']);
    expect(health.level).toBe('partial_outage');
  });

  it('takes the page status when the components look fine', () => {
    expect(parse(summary('HASISSUES'), perplexityComponents).level).toBe('degraded');
    expect(parse(summary('ALLMAJOROUTAGE'), perplexityComponents).level).toBe('major_outage');
    expect(parse(summary('ONEMAJOROUTAGE'), perplexityComponents).level).toBe('partial_outage');
    expect(parse(summary('SOMEDEGRADEDPERFORMANCE'), perplexityComponents).level).toBe('degraded');
  });

  it('shows in-progress maintenance, not maintenance that has not started', () => {
    const page = summary('UNDERMAINTENANCE');
    page.activeMaintenances = [
      {
        name: 'Computer upgrade',
        start: 'Thu Sep 10 2026 11:00:00 GMT+0000 (Coordinated Universal Time)',
        status: 'INPROGRESS',
        duration: '60',
        url: 'https://status.perplexity.com/maintenance/cmf0computer0upgrade0000',
      },
      {
        name: 'Database maintenance',
        start: 'Fri Sep 11 2026 02:00:00 GMT+0000 (Coordinated Universal Time)',
        status: 'NOTSTARTEDYET',
        duration: '30',
        url: 'https://status.perplexity.com/maintenance/cmf0database00000000000',
      },
    ];
    const health = parse(page, components({ [COMPUTER]: 'UNDERMAINTENANCE' }));
    expect(health.level).toBe('maintenance');
    expect(health.incidents).toEqual([
      {
        id: 'cmf0computer0upgrade0000',
        title: 'Computer upgrade',
        impact: 'maintenance',
        status: 'INPROGRESS',
        startedAt: '2026-09-10T11:00:00.000Z',
        latestUpdate: null,
        url: 'https://status.perplexity.com/maintenance/cmf0computer0upgrade0000',
        componentIds: [],
        maintenance: true,
      },
    ]);
  });

  it('drops resolved incidents and reads recovery as operational', () => {
    const recovered = apiOutage();
    recovered.page.status = 'UP';
    recovered.activeIncidents![0]!.status = 'RESOLVED';
    const health = parse(recovered, perplexityComponents);
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
  });

  it('never reads unknown enum values as operational', () => {
    const component = parse(perplexitySummary, components({ [API]: 'ON_FIRE' }));
    expect(component.components.find((c) => c.id === API)?.level).toBe('unknown');
    expect(component.level).toBe('unknown');
    expect(parse(summary('SPARKLING'), perplexityComponents).level).toBe('unknown');
    const incident = apiOutage();
    incident.activeIncidents![0]!.impact = 'APOCALYPSE';
    expect(parse(incident, perplexityComponents).incidents[0]!.impact).toBe('unknown');
  });

  it('keeps incident links on http(s) only', () => {
    const incident = apiOutage();
    incident.activeIncidents![0]!.url = 'javascript:alert(1)';
    const health = parse(incident, perplexityComponents);
    expect(health.incidents[0]!.url).toBe(PAGE);
    expect(health.incidents[0]!.id).toBe('API requests failing@2026-09-10T11:40:00.000Z');
  });

  it('rejects an HTML error page, a page without components and unreadable incident lists', () => {
    expect(parseInstatus('<html>502 Bad Gateway</html>', perplexityComponents, PAGE, NOW).ok).toBe(false);
    expect(parseInstatus(perplexitySummary, '<html>502 Bad Gateway</html>', PAGE, NOW).ok).toBe(false);
    const empty = parseInstatus(perplexitySummary, { components: [] }, PAGE, NOW);
    expect(empty.ok && empty.health.level).toBe('unknown');
    expect(parseInstatus({ ...perplexitySummary, activeIncidents: 'none' }, perplexityComponents, PAGE, NOW).ok).toBe(false);
  });

  it('reads both endpoints through the fetcher', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/summary.json`]: perplexitySummary, [`${PAGE}/v2/components.json`]: perplexityComponents });
    const result = await instatus.read({ pageUrl: PAGE, platform: 'instatus' }, fetcher, NOW);
    expect(result.ok && result.health.level).toBe('operational');
    expect(fetcher.requested).toEqual([`${PAGE}/summary.json`, `${PAGE}/v2/components.json`]);
  });

  it('reuses a recent all-clear reading while summary.json stays all clear', async () => {
    const previous = parse(perplexitySummary, perplexityComponents);
    const later = new Date(NOW.getTime() + 5 * 60_000);
    const quiet = fakeFetcher({ [`${PAGE}/summary.json`]: perplexitySummary });
    const reused = await instatus.read({ pageUrl: PAGE, platform: 'instatus' }, quiet, later, previous);
    expect(quiet.requested).toEqual([`${PAGE}/summary.json`]);
    expect(reused.ok && reused.health).toEqual({ ...previous, fetchedAt: later.toISOString(), detailsFetchedAt: NOW.toISOString() });

    const busy = fakeFetcher({ [`${PAGE}/summary.json`]: apiOutage(), [`${PAGE}/v2/components.json`]: components({ [API]: 'MAJOROUTAGE' }) });
    const fresh = await instatus.read({ pageUrl: PAGE, platform: 'instatus' }, busy, later, previous);
    expect(busy.requested).toEqual([`${PAGE}/summary.json`, `${PAGE}/v2/components.json`]);
    expect(fresh.ok && fresh.health.level).toBe('major_outage');

    const stale = fakeFetcher({ [`${PAGE}/summary.json`]: perplexitySummary, [`${PAGE}/v2/components.json`]: perplexityComponents });
    await instatus.read({ pageUrl: PAGE, platform: 'instatus' }, stale, new Date(NOW.getTime() + 31 * 60_000), previous);
    expect(stale.requested).toEqual([`${PAGE}/summary.json`, `${PAGE}/v2/components.json`]);
  });

  it('rejects when one of the two endpoints fails', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/summary.json`]: apiOutage() });
    await expect(instatus.read({ pageUrl: PAGE, platform: 'instatus' }, fetcher, NOW)).rejects.toThrow('HTTP 404');
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    const pairs = fc.oneof(
      fc.tuple(anyJson, anyJson),
      fc.tuple(fc.constant<unknown>(perplexitySummary), anyJson),
      fc.tuple(anyJson, fc.constant<unknown>(perplexityComponents)),
    );
    fc.assert(
      fc.property(pairs, ([summaryPayload, componentsPayload]) =>
        neverOperational(parseInstatus(summaryPayload, componentsPayload, PAGE, NOW)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a valid page with a required field broken never reads as operational', () => {
    const valid = { summary: perplexitySummary, components: perplexityComponents };
    const required = [
      ['summary'],
      ['summary', 'page'],
      ['summary', 'page', 'status'],
      ['components'],
      ['components', 'components'],
      ...perplexityComponents.components.map((_, i) => ['components', 'components', String(i), 'status']),
    ];
    fc.assert(
      fc.property(brokenVariants(valid, required), (payload) => {
        const { summary: summaryPayload, components: componentsPayload } = payload as Record<string, unknown>;
        return neverOperational(parseInstatus(summaryPayload, componentsPayload, PAGE, NOW));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
