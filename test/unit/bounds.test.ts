import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { incidentsToForget, mergeIncidents, OTHER_COMPONENTS, statusChanges, withinDailyBudget, type HistoryBudget, type IncidentRecord, type StatusEvent } from '../../src/health/history.ts';
import { dailyUptime } from '../../src/health/uptime.ts';
import type { Incident, ProviderHealth } from '../../src/model/health.ts';
import { BOUNDS, boundHealth, boundRecent, incidentLinks, mappedComponent } from '../../src/status/bounds.ts';

const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;
const PAGE = anthropic.status.pageUrl;
const mappedId = anthropic.components[0]!.match.ids[0]!;

const incident = (id: string, componentIds: string[] = [], extra: Partial<Incident> = {}): Incident => ({
  id,
  title: `Incident ${id}`,
  impact: 'partial_outage',
  status: 'investigating',
  startedAt: '2026-01-01T00:00:00.000Z',
  latestUpdate: { body: 'Looking into it.', at: '2026-01-01T00:00:00.000Z', status: 'investigating' },
  url: `${PAGE}/incidents/${id}`,
  componentIds,
  maintenance: false,
  ...extra,
});

function reading(components: ProviderHealth['components'], incidents: Incident[] = [], fetchedAt = '2026-01-01T00:00:00.000Z'): ProviderHealth {
  return { level: 'operational', description: 'x'.repeat(5000), components, incidents, pageUpdatedAt: null, fetchedAt };
}

describe('bounds on a status page’s reading', () => {
  it('are each listed in docs/ARCHITECTURE.md', () => {
    const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
    expect(Object.keys(BOUNDS).filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('keeps at most the component bound, every mapped one first, with cut ids and names', () => {
    const many = Array.from({ length: 60_000 }, (_, n) => ({ id: `c${n}`, name: `Component ${n}`.padEnd(1000, '.'), level: 'operational' as const }));
    const bounded = boundHealth(reading([...many, { id: mappedId, name: 'Claude API', level: 'major_outage' }]), anthropic, PAGE);
    expect(bounded.components).toHaveLength(BOUNDS.components);
    expect(bounded.components[0]).toMatchObject({ id: mappedId, level: 'major_outage' });
    expect(Math.max(...bounded.components.map((component) => component.name.length))).toBe(BOUNDS.text.name);
    expect(bounded.description.length).toBe(BOUNDS.text.description);
  });

  it('keeps at most the incident bound, those on mapped components first, each cut', () => {
    const noise = Array.from({ length: 1000 }, (_, n) => incident(`n${n}`, Array.from({ length: 500 }, (_, i) => `x${i}`), { title: 't'.repeat(10_000) }));
    const bounded = boundHealth(reading([{ id: mappedId, name: 'API', level: 'degraded' }], [...noise, incident('ours', [mappedId])]), anthropic, PAGE);
    expect(bounded.incidents).toHaveLength(BOUNDS.incidents);
    expect(bounded.incidents[0]!.id).toBe('ours');
    expect(bounded.incidents[1]!.componentIds).toHaveLength(BOUNDS.componentIdsPerIncident);
    expect(bounded.incidents[1]!.title.length).toBe(BOUNDS.text.title);
  });

  it('links an incident only to the provider’s status hosts and the platform’s short links; anything else becomes the status page', () => {
    const link = incidentLinks(anthropic, PAGE);
    expect(link(`${PAGE}/incidents/abc`)).toBe(`${PAGE}/incidents/abc`);
    expect(link('https://stspg.io/abc')).toBe(anthropic.status.platform === 'atlassian-statuspage' ? 'https://stspg.io/abc' : PAGE);
    for (const foreign of ['https://evil.example/phish', 'javascript:alert(1)', 'http://status.claude.com/x', 'not a url', `${PAGE}/${'a'.repeat(5000)}`]) {
      expect(link(foreign)).toBe(PAGE);
    }
    expect(boundRecent([{ ...incident('r'), url: 'https://evil.example/', resolvedAt: null }], anthropic, PAGE)[0]!.url).toBe(PAGE);
  });

  it('keeps a page’s own recent history to its bound', () => {
    const recent = Array.from({ length: 500 }, (_, n) => ({ ...incident(`r${n}`), resolvedAt: null }));
    expect(boundRecent(recent, anthropic, PAGE)).toHaveLength(BOUNDS.recentIncidents);
  });
});

describe('history under a change storm', () => {
  it('records a row per mapped component and one summary for all others, which the uptime chart ignores', () => {
    const before = reading(Array.from({ length: 300 }, (_, n) => ({ id: n === 0 ? mappedId : `c${n}`, name: `C${n}`, level: 'operational' as const })));
    const after = { ...reading(before.components.map((component) => ({ ...component, level: 'major_outage' as const })), [], '2026-01-01T00:05:00.000Z'), level: 'major_outage' as const };
    const events = statusChanges('anthropic', before, after, mappedComponent(anthropic));
    expect(events.map((event) => event.componentId)).toEqual([null, mappedId, OTHER_COMPONENTS]);
    expect(events[2]).toMatchObject({ changed: 299, to: 'major_outage' });
    const days = dailyUptime(events, 1, new Date('2026-01-01T00:10:00.000Z'));
    expect(days[0]!.worst).toBe('major_outage');
  });

  it('keeps the newest updates of an incident whose latest update is re-stamped on every read', () => {
    let records: IncidentRecord[] = [];
    for (let read = 0; read < 200; read++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, read)).toISOString();
      const merged = mergeIncidents('anthropic', records, reading([], [incident('busy', [], { latestUpdate: { body: 'x'.repeat(500_000), at, status: 'investigating' } })], at));
      records = merged;
    }
    expect(records[0]!.updates).toHaveLength(BOUNDS.updatesPerIncident);
    expect(records[0]!.updates.at(-1)!.at).toBe(new Date(Date.UTC(2026, 0, 1, 0, 199)).toISOString());
    expect(JSON.stringify(records).length).toBeLessThan(BOUNDS.updatesPerIncident * (BOUNDS.text.body + 200) + 2000);
  });

  it('forgets the resolved incidents seen longest ago beyond the per-provider bound, never an open one', () => {
    const record = (id: string, lastSeenAt: string, resolvedAt: string | null): IncidentRecord => ({
      providerId: 'anthropic', incident: { ...incident(id), latestUpdate: undefined } as unknown as IncidentRecord['incident'], updates: [], firstSeenAt: lastSeenAt, lastSeenAt, resolvedAt,
    });
    const existing = [record('old', '2026-01-01', '2026-01-01'), record('open-old', '2026-01-01', null), record('newer', '2026-01-03', '2026-01-03')];
    expect(incidentsToForget(existing, [record('new', '2026-01-04', null)], 3)).toEqual(['old']);
    expect(incidentsToForget(existing, [record('new', '2026-01-04', null), record('new2', '2026-01-04', null)], 3)).toEqual(['old', 'newer']);
    expect(incidentsToForget(existing, [], 3)).toEqual([]);
  });

  it('records a page flipping on every read up to the daily bound, then unknown for the rest of the day, then afresh', () => {
    const tracked = mappedComponent(anthropic);
    let budget: HistoryBudget | undefined;
    let previous: ProviderHealth | null = null;
    const recorded: StatusEvent[] = [];
    // Two days of a read every minute, the page flipping between outage and all clear on every read.
    for (let minute = 0; minute < 2 * 1440; minute++) {
      const at = new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString();
      const level = minute % 2 === 0 ? ('major_outage' as const) : ('operational' as const);
      const health = { ...reading([{ id: mappedId, name: 'API', level }], [], at), level };
      const result = withinDailyBudget('anthropic', statusChanges('anthropic', previous, health, tracked), budget, health, tracked, 100);
      recorded.push(...result.events);
      budget = result.budget;
      previous = health;
    }
    const perDay = (day: string) => recorded.filter((event) => event.at.startsWith(day));
    expect(perDay('2026-01-01').length).toBeLessThanOrEqual(100);
    expect(perDay('2026-01-01').at(-1)).toMatchObject({ componentId: null, to: 'unknown' });
    // The next day starts with the whole picture (provider and mapped component), then is bounded again.
    expect(perDay('2026-01-02').slice(0, 2).map((event) => [event.componentId, event.from])).toEqual([[null, null], [mappedId, null]]);
    expect(perDay('2026-01-02').length).toBeLessThanOrEqual(100);
    expect(perDay('2026-01-02').at(-1)).toMatchObject({ componentId: null, to: 'unknown' });
    const days = dailyUptime(recorded.filter((event) => event.componentId === null), 2, new Date('2026-01-02T23:59:00.000Z'));
    // Flapping time after the bound counts as not observed, not as up or down.
    expect(days[0]!.observed).toBeLessThan(0.1);
  });
});
