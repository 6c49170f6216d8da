import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betterStack, parseBetterStackIndex } from '../../../src/status/adapters/better-stack.ts';
import together from '../../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.together.ai';
const NOW = new Date('2026-09-04T12:00:00Z');
const WEBSITE = '8475065';
const GPT_OSS = '8604811';
const KIMI = '8978884';
const GLM = '8997896';
const CHAT_SECTION = 'section:231963';
const WEBSITE_SECTION = 'section:231960';

type Index = typeof together;
type Included = Index['included'][number];

function minutesAgo(minutes: number): string {
  return new Date(NOW.getTime() - minutes * 60_000).toISOString();
}

/** Together's page with some resources set to a status and the page's aggregate state. */
function withResources(aggregate: string, statuses: Record<string, string>): Index {
  const index = structuredClone(together);
  index.data.attributes.aggregate_state = aggregate;
  for (const item of index.included) {
    if (item.type === 'status_page_resource' && item.id in statuses) (item.attributes as Record<string, unknown>).status = statuses[item.id];
  }
  return index;
}

function statusUpdate(id: string, message: string, publishedAt: string): Included {
  return {
    id,
    type: 'status_update',
    attributes: { message, published_at: publishedAt, published_at_timezone: null, notify_subscribers: true, affected_resources: [] },
  } as unknown as Included;
}

interface ReportSpec {
  id: string;
  title: string;
  type: 'manual' | 'automatic' | 'maintenance';
  state: string;
  startsAt: string;
  endsAt: string | null;
  affected: Record<string, string>;
  updates: string[];
}

function report(spec: ReportSpec): Included {
  return {
    id: spec.id,
    type: 'status_report',
    attributes: {
      title: spec.title,
      report_type: spec.type,
      starts_at: spec.startsAt,
      ends_at: spec.endsAt,
      affected_resources: Object.entries(spec.affected).map(([id, status]) => ({ status_page_resource_id: id, status })),
      aggregate_state: spec.state,
    },
    relationships: { status_updates: { data: spec.updates.map((id) => ({ id, type: 'status_update' })) } },
  } as unknown as Included;
}

const OUTAGE_UPDATE = 'We have identified the cause of the chat completion errors and are rolling out a fix.';

/** A declared outage of two chat models, with two updates. */
function outage(): Index {
  const index = withResources('downtime', { [GPT_OSS]: 'downtime', [KIMI]: 'downtime' });
  index.included.push(
    statusUpdate('u1', 'We are investigating errors on chat completions.', minutesAgo(30)),
    statusUpdate('u2', OUTAGE_UPDATE, minutesAgo(5)),
    report({
      id: '990001',
      title: 'Chat completions failing',
      type: 'manual',
      state: 'downtime',
      startsAt: minutesAgo(30),
      endsAt: null,
      affected: { [GPT_OSS]: 'downtime', [KIMI]: 'downtime' },
      updates: ['u1', 'u2'],
    }),
  );
  return index;
}

/** The outage, resolved: resources back up, the report closed a minute ago. */
function resolvedOutage(): Index {
  const index = outage();
  index.data.attributes.aggregate_state = 'operational';
  for (const item of index.included) {
    const attributes = item.attributes as Record<string, unknown>;
    if (item.type === 'status_page_resource') attributes.status = 'operational';
    if (item.id === '990001') {
      attributes.aggregate_state = 'resolved';
      attributes.ends_at = minutesAgo(1);
    }
  }
  return index;
}

function maintenance(startsAt: string, endsAt: string): Index {
  const index = withResources('maintenance', { [GPT_OSS]: 'maintenance' });
  index.included.push(
    statusUpdate('m1', 'Maintenance of the GPT OSS fleet has started.', startsAt),
    report({
      id: '990002',
      title: 'GPT OSS 120B upgrade',
      type: 'maintenance',
      state: 'maintenance',
      startsAt,
      endsAt,
      affected: { [GPT_OSS]: 'maintenance' },
      updates: ['m1'],
    }),
  );
  return index;
}

function parse(payload: unknown) {
  const result = parseBetterStackIndex(payload, PAGE, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

function levelOf(components: { id: string; level: string }[], id: string): string | undefined {
  return components.find((component) => component.id === id)?.level;
}

describe('Better Stack index.json', () => {
  it('reads the real all-clear Together AI page', () => {
    const health = parse(together);
    expect(health.level).toBe('operational');
    expect(health.description).toBe('');
    expect(health.components).toEqual([
      { id: WEBSITE_SECTION, name: 'Website', level: 'operational' },
      { id: CHAT_SECTION, name: 'Inference - Chat', level: 'operational' },
      { id: WEBSITE, name: 'Website', level: 'operational' },
      { id: GPT_OSS, name: 'OpenAI GPT OSS 120B', level: 'operational' },
      { id: KIMI, name: 'Kimi K3', level: 'operational' },
      { id: GLM, name: 'GLM 5.3 Flash', level: 'operational' },
    ]);
    // The only report is a maintenance that ended in July.
    expect(health.incidents).toEqual([]);
    expect(health.pageUpdatedAt).toBe('2026-09-04T10:17:22.958Z');
    // The per-day history reaches the day the page was read: evidence that it is still published.
    expect(health.liveness).toEqual({ at: '2026-09-04T00:00:00.000Z', signal: 'daily-history' });
    expect(health.fetchedAt).toBe(NOW.toISOString());
  });

  it('believes no history day far ahead of the clock, and has no liveness without a history', () => {
    const index = structuredClone(together);
    for (const item of index.included) {
      if (item.type !== 'status_page_resource') continue;
      (item.attributes as Record<string, unknown>).status_history = [{ day: '2027-01-01', status: 'operational' }, { day: 'yesterday' }, { day: '2026-09-02' }];
    }
    expect(parse(index).liveness).toEqual({ at: '2026-09-02T00:00:00.000Z', signal: 'daily-history' });
    for (const item of index.included) if (item.type === 'status_page_resource') delete (item.attributes as Record<string, unknown>).status_history;
    expect(parse(index).liveness).toBeNull();
  });

  it('reads a declared outage with its latest update, impact, start and link', () => {
    const health = parse(outage());
    expect(health.incidents).toEqual([
      {
        id: '990001',
        title: 'Chat completions failing',
        impact: 'major_outage',
        status: 'downtime',
        startedAt: minutesAgo(30),
        latestUpdate: { body: OUTAGE_UPDATE, at: minutesAgo(5), status: 'downtime' },
        url: 'https://status.together.ai/incident/990001',
        componentIds: [GPT_OSS, KIMI],
        maintenance: false,
      },
    ]);
    expect(levelOf(health.components, GPT_OSS)).toBe('major_outage');
    expect(levelOf(health.components, WEBSITE)).toBe('operational');
    // Two of the three chat models down: more than half of the section.
    expect(levelOf(health.components, CHAT_SECTION)).toBe('major_outage');
    // Two of four resources on the page: a partial outage of the provider.
    expect(health.level).toBe('partial_outage');
  });

  it('reads one flapping model among many as degraded, not a provider outage', () => {
    const health = parse(withResources('downtime', { [KIMI]: 'downtime' }));
    expect(levelOf(health.components, KIMI)).toBe('major_outage');
    expect(levelOf(health.components, CHAT_SECTION)).toBe('partial_outage');
    expect(health.level).toBe('degraded');
  });

  it('reads most resources down as a major outage', () => {
    const health = parse(withResources('downtime', { [WEBSITE]: 'downtime', [GPT_OSS]: 'downtime', [KIMI]: 'downtime' }));
    expect(health.level).toBe('major_outage');
    expect(levelOf(health.components, WEBSITE_SECTION)).toBe('major_outage');
  });

  it('shows in-progress maintenance, not scheduled maintenance', () => {
    const running = parse(maintenance(minutesAgo(10), new Date(NOW.getTime() + 3_600_000).toISOString()));
    expect(running.level).toBe('maintenance');
    expect(levelOf(running.components, GPT_OSS)).toBe('maintenance');
    expect(running.incidents).toEqual([
      {
        id: '990002',
        title: 'GPT OSS 120B upgrade',
        impact: 'maintenance',
        status: 'maintenance',
        startedAt: minutesAgo(10),
        latestUpdate: { body: 'Maintenance of the GPT OSS fleet has started.', at: minutesAgo(10), status: 'maintenance' },
        url: PAGE,
        componentIds: [GPT_OSS],
        maintenance: true,
      },
    ]);
    const later = new Date(NOW.getTime() + 86_400_000).toISOString();
    const scheduled = parse(maintenance(later, new Date(NOW.getTime() + 90_000_000).toISOString()));
    expect(scheduled.incidents).toEqual([]);
  });

  it('drops resolved reports and reads recovery as operational', () => {
    const health = parse(resolvedOutage());
    expect(health.level).toBe('operational');
    expect(health.incidents).toEqual([]);
  });

  it('never takes not_monitored resources as evidence of health', () => {
    const some = parse(withResources('operational', { [GLM]: 'not_monitored' }));
    expect(levelOf(some.components, GLM)).toBe('unknown');
    expect(some.level).toBe('operational');
    const none = parse(withResources('operational', { [WEBSITE]: 'not_monitored', [GPT_OSS]: 'not_monitored', [KIMI]: 'not_monitored', [GLM]: 'not_monitored' }));
    expect(none.level).toBe('unknown');
    expect(levelOf(none.components, CHAT_SECTION)).toBe('unknown');
    const declaredDown = parse(withResources('downtime', { [WEBSITE]: 'not_monitored', [GPT_OSS]: 'not_monitored', [KIMI]: 'not_monitored', [GLM]: 'not_monitored' }));
    expect(declaredDown.level).toBe('partial_outage');
  });

  it('never reads unknown states as operational', () => {
    const resource = parse(withResources('operational', { [KIMI]: 'on_fire' }));
    expect(levelOf(resource.components, KIMI)).toBe('unknown');
    expect(resource.level).toBe('unknown');
    expect(parse(withResources('sparkling', {})).level).toBe('unknown');
  });

  it('reads a resource the page lists but does not include as unknown', () => {
    const index = structuredClone(together);
    index.included = index.included.filter((item) => item.id !== GLM);
    const health = parse(index);
    expect(health.components.find((component) => component.id === GLM)).toEqual({ id: GLM, name: '', level: 'unknown' });
    expect(health.level).toBe('unknown');
  });

  it('rejects the SPA shell Better Stack serves for unknown paths, and other documents', () => {
    const shell = '<!DOCTYPE html><html><head><title>Together AI status</title></head><body><div id="app"></div></body></html>';
    expect(parseBetterStackIndex(shell, PAGE, NOW).ok).toBe(false);
    expect(parseBetterStackIndex({ data: { type: 'monitor', attributes: { aggregate_state: 'operational' } }, included: [] }, PAGE, NOW).ok).toBe(false);
    const empty = parseBetterStackIndex({ data: { type: 'status_page', attributes: { aggregate_state: 'operational' } }, included: [] }, PAGE, NOW);
    expect(empty.ok && empty.health.level).toBe('unknown');
  });

  it('reads /index.json through the fetcher, with or without a trailing slash', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/index.json`]: together });
    const result = await betterStack.read({ pageUrl: `${PAGE}/`, platform: 'better-stack' }, fetcher, NOW);
    expect(result.ok && result.health.level).toBe('operational');
    expect(fetcher.requested).toEqual([`${PAGE}/index.json`]);
  });

  it('rejects when the endpoint answers the HTML shell instead of JSON', async () => {
    const fetcher = fakeFetcher({ [`${PAGE}/index.json`]: '<!DOCTYPE html><html><body><div id="app"></div></body></html>' });
    await expect(betterStack.read({ pageUrl: PAGE, platform: 'better-stack' }, fetcher, NOW)).rejects.toMatchObject({ readError: { kind: 'format' } });
  });

  it('fuzz: arbitrary values never throw and never read as operational', () => {
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseBetterStackIndex(payload, PAGE, NOW))), { numRuns: FUZZ_RUNS });
  });

  it('fuzz: a valid page with a required field broken never reads as operational', () => {
    const resources = together.included.flatMap((item, i) => (item.type === 'status_page_resource' ? [String(i)] : []));
    const required = [
      ['data'],
      ['data', 'type'],
      ['data', 'attributes'],
      ['data', 'attributes', 'aggregate_state'],
      ['included'],
      ...resources.flatMap((i) => [
        ['included', i],
        ['included', i, 'id'],
        ['included', i, 'type'],
        ['included', i, 'attributes'],
        ['included', i, 'attributes', 'status'],
      ]),
    ];
    fc.assert(
      fc.property(brokenVariants(together, required), (payload) => neverOperational(parseBetterStackIndex(payload, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
