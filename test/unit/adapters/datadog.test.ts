import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datadog, parseDatadogConfig } from '../../../src/status/adapters/datadog.ts';
import openrouter from '../../fixtures/status/datadog/datadog-config.openrouter.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.openrouter.ai';
const NOW = new Date('2026-09-15T12:00:00Z');
const GATEWAY_GROUP = '62d944d3-1acb-471b-81a0-099b3da0164f';
const CHAT = '9fb5ccff-e128-455a-be20-59572f8d363a';
const EMBEDDINGS = 'c3a7fba9-9cbc-40a4-ae83-d990bc01d51d';
const WEB = '2347916e-1f82-448c-b07d-8cfbbad57322';

type Config = Omit<typeof openrouter, 'incidents' | 'maintenances'> & {
  incidents: Record<string, unknown>[];
  maintenances: Record<string, unknown>[] | null;
};

function minutesAgo(minutes: number): string {
  return new Date(NOW.getTime() - minutes * 60_000).toISOString();
}

/** OpenRouter's page with some leaf components set to a status. */
function withStatuses(statuses: Record<string, string>): Config {
  const config: Config = structuredClone(openrouter);
  const leaves = [...config.components[0]!.components!, config.components[1]!];
  for (const leaf of leaves) leaf.status = statuses[leaf.id] ?? leaf.status!;
  return config;
}

function chat(status: string) {
  return { id: CHAT, name: 'Chat (/api/v1/chat/completions)', position: 0, status, type: 'Component' };
}

const IDENTIFIED_UPDATE = 'A bad deploy of the gateway is failing chat completions; we are rolling it back.';

/** An open incident on chat completions: investigating (degraded), then identified (major outage). */
function chatIncident(currentStatus: string, currentComponentStatus: string) {
  return {
    componentsAffected: [chat(currentComponentStatus)],
    currentStatus,
    description: IDENTIFIED_UPDATE,
    id: 'c0ffee00-0000-4000-8000-000000000001',
    lastModifiedAt: minutesAgo(5),
    publishedDate: minutesAgo(30),
    resolved: false,
    resolvedDate: null as string | null,
    timeline: [
      {
        componentsAffected: [chat('major_outage')],
        createdAt: minutesAgo(5),
        startedAt: minutesAgo(5),
        lastModifiedAt: minutesAgo(5),
        description: IDENTIFIED_UPDATE,
        id: 'c0ffee00-0000-4000-8000-000000000003',
        status: 'identified',
      },
      {
        componentsAffected: [chat('degraded')],
        createdAt: minutesAgo(30),
        startedAt: minutesAgo(30),
        lastModifiedAt: minutesAgo(30),
        description: 'We are investigating elevated errors on chat completions.',
        id: 'c0ffee00-0000-4000-8000-000000000002',
        status: 'investigating',
      },
    ],
    title: 'Chat completions failing',
  };
}

function outage(): Config {
  const config = withStatuses({ [CHAT]: 'major_outage' });
  config.incidents.unshift(chatIncident('identified', 'major_outage'));
  return config;
}

function maintenance(): Config {
  const config = withStatuses({ [EMBEDDINGS]: 'maintenance' });
  const embeddings = { id: EMBEDDINGS, name: 'Embeddings (/api/v1/embeddings)', position: 5, type: 'Component' };
  config.maintenances = [
    {
      id: 'beef0000-0000-4000-8000-000000000001',
      title: 'Embeddings database upgrade',
      currentStatus: 'in_progress',
      publishedDate: minutesAgo(1440),
      startDate: minutesAgo(20),
      completedDate: null,
      lastModifiedAt: minutesAgo(20),
      componentsAffected: [{ ...embeddings, status: 'maintenance' }],
      timeline: [{ status: 'in_progress', startedAt: minutesAgo(20), createdAt: minutesAgo(20), description: 'The upgrade has started.' }],
    },
    {
      id: 'beef0000-0000-4000-8000-000000000002',
      title: 'Image storage migration',
      currentStatus: 'scheduled',
      publishedDate: minutesAgo(60),
      startDate: new Date(NOW.getTime() + 86_400_000).toISOString(),
      completedDate: null,
      lastModifiedAt: minutesAgo(60),
      componentsAffected: [],
      timeline: [],
    },
  ];
  return config;
}

function parse(payload: unknown) {
  const result = parseDatadogConfig(payload, PAGE, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Datadog Status Pages config.json', () => {
  it('reads the real all-clear OpenRouter page', () => {
    const health = parse(openrouter);
    expect(health.level).toBe('operational');
    expect(health.components.map((c) => [c.id, c.name, c.level])).toEqual([
      [CHAT, 'Chat (/api/v1/chat/completions)', 'operational'],
      ['bb2402ad-3e98-4c75-9eb5-ca68ca683c5a', 'Video (/api/v1/videos)', 'operational'],
      ['b108f556-36a0-43b5-aa55-a01b27855229', 'Image (/api/v1/image)', 'operational'],
      ['15c7d7e9-e2b7-43dd-aa56-77c4959fc603', 'TTS (/api/v1/audio/speech)', 'operational'],
      ['93008741-4362-4fb6-85c4-6cddb8412116', 'STT (/api/v1/audio/transcriptions)', 'operational'],
      [EMBEDDINGS, 'Embeddings (/api/v1/embeddings)', 'operational'],
      [WEB, 'Web & Application Services', 'operational'],
    ]);
    // Four incidents, all resolved.
    expect(health.incidents).toEqual([]);
    expect(health.description).toBe('');
    expect(health.pageUpdatedAt).toBe('2026-09-11T02:42:23.435Z');
    expect(health.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads an open incident with its latest update, declared impact and start', () => {
    const health = parse(outage());
    expect(health.level).toBe('major_outage');
    expect(health.components.find((c) => c.id === CHAT)?.level).toBe('major_outage');
    expect(health.components.find((c) => c.id === WEB)?.level).toBe('operational');
    expect(health.incidents).toEqual([
      {
        id: 'c0ffee00-0000-4000-8000-000000000001',
        title: 'Chat completions failing',
        impact: 'major_outage',
        status: 'identified',
        startedAt: minutesAgo(30),
        latestUpdate: { body: IDENTIFIED_UPDATE, at: minutesAgo(5), status: 'identified' },
        url: PAGE,
        componentIds: [CHAT],
        maintenance: false,
      },
    ]);
    expect(health.pageUpdatedAt).toBe(minutesAgo(5));
  });

  it('keeps the worst declared impact while the incident is monitored', () => {
    const config: Config = structuredClone(openrouter);
    config.incidents.unshift(chatIncident('monitoring', 'operational'));
    const health = parse(config);
    expect(health.level).toBe('operational');
    expect(health.incidents.map((i) => [i.status, i.impact])).toEqual([['monitoring', 'major_outage']]);
  });

  it('shows in-progress maintenance, not scheduled maintenance', () => {
    const health = parse(maintenance());
    expect(health.level).toBe('maintenance');
    expect(health.incidents).toEqual([
      {
        id: 'beef0000-0000-4000-8000-000000000001',
        title: 'Embeddings database upgrade',
        impact: 'maintenance',
        status: 'in_progress',
        startedAt: minutesAgo(20),
        latestUpdate: { body: 'The upgrade has started.', at: minutesAgo(20), status: 'in_progress' },
        url: PAGE,
        componentIds: [EMBEDDINGS],
        maintenance: true,
      },
    ]);
  });

  it('drops resolved and deleted incidents and reads recovery as operational', () => {
    const config: Config = structuredClone(openrouter);
    const resolved = { ...chatIncident('resolved', 'operational'), resolved: true, resolvedDate: minutesAgo(1) };
    const deleted = { ...chatIncident('identified', 'major_outage'), id: 'deleted', deletedAt: minutesAgo(2) };
    config.incidents.unshift(resolved, deleted);
    const health = parse(config);
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
  });

  it('treats an incident as resolved when either its flag or its status says so', () => {
    const config: Config = structuredClone(openrouter);
    config.incidents.unshift({ ...chatIncident('resolved', 'operational'), resolved: false });
    expect(parse(config).incidents).toEqual([]);
  });

  it('never reads unknown states as operational', () => {
    const leaf = parse(withStatuses({ [WEB]: 'on_fire' }));
    expect(leaf.components.find((c) => c.id === WEB)?.level).toBe('unknown');
    expect(leaf.level).toBe('unknown');
    const group: Config = structuredClone(openrouter);
    delete group.components[0]!.components;
    const health = parse(group);
    expect(health.components.find((c) => c.id === GATEWAY_GROUP)).toEqual({ id: GATEWAY_GROUP, name: 'API - Gateway', level: 'unknown' });
    expect(health.level).toBe('unknown');
  });

  it('rejects an HTML page, an error envelope, a disabled page; an empty tree is unknown', () => {
    expect(parseDatadogConfig('<html><div id="root"></div></html>', PAGE, NOW).ok).toBe(false);
    expect(parseDatadogConfig({ errors: ['Not Found'] }, PAGE, NOW).ok).toBe(false);
    expect(parseDatadogConfig({ ...openrouter, incidents: null }, PAGE, NOW).ok).toBe(false);
    expect(parseDatadogConfig({ ...openrouter, enabled: false }, PAGE, NOW).ok).toBe(false);
    expect(parseDatadogConfig({ ...openrouter, maintenances: 'none' }, PAGE, NOW).ok).toBe(false);
    const empty = parseDatadogConfig({ ...openrouter, components: [] }, PAGE, NOW);
    expect(empty.ok && empty.health.level).toBe('unknown');
  });

  it('reads /config.json through the fetcher', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/config.json`]: openrouter });
    const result = await datadog.read({ pageUrl: PAGE, platform: 'datadog' }, fetcher, NOW);
    expect(result.ok && result.health.level).toBe('operational');
    expect(fetcher.requested).toEqual([`${PAGE}/config.json`]);
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseDatadogConfig(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  });

  it('fuzz: a valid page with a required field broken never reads as operational', () => {
    const required = [
      ['components'],
      ['incidents'],
      ['components', '0', 'type'],
      ['components', '0', 'components'],
      ...openrouter.components[0]!.components!.map((_, i) => ['components', '0', 'components', String(i), 'status']),
      ['components', '1', 'status'],
    ];
    fc.assert(
      fc.property(brokenVariants(openrouter, required), (payload) => neverOperational(parseDatadogConfig(payload, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
