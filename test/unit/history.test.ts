import { describe, expect, it } from 'vitest';
import { mergeIncidents, statusChanges, statusChangesWithGaps } from '../../src/health/history.ts';
import { dailyUptime } from '../../src/health/uptime.ts';
import type { Incident, ProviderHealth } from '../../src/model/health.ts';

const incident = (id: string, body: string, at: string): Incident => ({
  id,
  title: `Incident ${id}`,
  impact: 'partial_outage',
  status: 'investigating',
  startedAt: '2026-11-24T11:00:00.000Z',
  latestUpdate: { body, at, status: 'investigating' },
  url: 'https://status.example.com/incidents/' + id,
  componentIds: ['api'],
  maintenance: false,
});

function reading(at: string, incidents: Incident[], apiLevel: ProviderHealth['level'] = 'operational'): ProviderHealth {
  return { level: apiLevel, description: '', components: [{ id: 'api', name: 'API', level: apiLevel }], incidents, pageUpdatedAt: null, fetchedAt: at };
}

describe('history', () => {
  it('records provider and component changes only when the level changes', () => {
    const a = reading('2026-11-24T12:00:00.000Z', []);
    const b = reading('2026-11-24T12:01:00.000Z', [], 'partial_outage');
    expect(statusChanges('p', null, a).map((e) => [e.componentId, e.from, e.to])).toEqual([
      [null, null, 'operational'],
      ['api', null, 'operational'],
    ]);
    expect(statusChanges('p', a, a)).toEqual([]);
    expect(statusChanges('p', a, b).map((e) => [e.componentId, e.from, e.to])).toEqual([
      [null, 'operational', 'partial_outage'],
      ['api', 'operational', 'partial_outage'],
    ]);
  });

  it('collects every update of an incident and resolves it when it leaves the page', () => {
    const first = mergeIncidents('p', [], reading('2026-11-24T12:00:00.000Z', [incident('i1', 'Looking', '2026-11-24T11:59:00.000Z')]));
    const second = mergeIncidents('p', first, reading('2026-11-24T12:05:00.000Z', [incident('i1', 'Fixing', '2026-11-24T12:04:00.000Z')]));
    expect(second[0]!.updates.map((u) => u.body)).toEqual(['Looking', 'Fixing']);
    expect(second[0]!.firstSeenAt).toBe('2026-11-24T12:00:00.000Z');
    const third = mergeIncidents('p', second, reading('2026-11-24T12:10:00.000Z', []));
    expect(third).toEqual([{ ...second[0]!, resolvedAt: '2026-11-24T12:10:00.000Z' }]);
  });

  it('does not resolve incidents when the page could not list them', () => {
    const open = mergeIncidents('p', [], reading('2026-11-24T12:00:00.000Z', [incident('i1', 'Looking', '2026-11-24T11:59:00.000Z')]));
    const blind = { ...reading('2026-11-24T12:05:00.000Z', []), incidentsUnavailable: true };
    expect(mergeIncidents('p', open, blind)).toEqual([]);
  });

  it('records a long silence as unknown, so uptime does not count unwatched time', () => {
    const maxGap = 15 * 60_000;
    const morning = reading('2026-11-24T06:00:00.000Z', []);
    const soon = reading('2026-11-24T06:05:00.000Z', []);
    // Read again within the gap: only real changes (none).
    expect(statusChangesWithGaps('p', morning, soon, maxGap)).toEqual([]);
    // The browser was closed from 06:05 until 18:05; the page reads an outage then.
    const evening = reading('2026-11-24T18:05:00.000Z', [], 'major_outage');
    const events = statusChangesWithGaps('p', soon, evening, maxGap);
    expect(events.map((e) => [e.componentId, e.at, e.from, e.to])).toEqual([
      [null, '2026-11-24T06:20:00.000Z', 'operational', 'unknown'],
      [null, '2026-11-24T18:05:00.000Z', 'unknown', 'major_outage'],
      ['api', '2026-11-24T18:05:00.000Z', 'operational', 'major_outage'],
    ]);
    const history = [...statusChanges('p', null, reading('2026-11-24T00:00:00.000Z', [])), ...events];
    const [day] = dailyUptime(history, 1, new Date('2026-11-24T20:05:00.000Z'));
    // Observed: 00:00–06:20 operational and 18:05–20:05 outage; the 11 h 45 min in between are not observed.
    expect(day!.durations).toEqual({ operational: (6 * 60 + 20) * 60_000, major_outage: 120 * 60_000 });
    expect(day!.observed).toBeCloseTo((20 * 60 + 5 - 11 * 60 - 45) / (20 * 60 + 5), 6);
  });

  it('needs a previous reading and parseable times to call something a gap', () => {
    const late = reading('2026-11-24T18:00:00.000Z', []);
    expect(statusChangesWithGaps('p', null, late, 1000)).toEqual(statusChanges('p', null, late));
    expect(statusChangesWithGaps('p', reading('not a time', []), late, 1000)).toEqual(statusChanges('p', reading('not a time', []), late));
  });
});
