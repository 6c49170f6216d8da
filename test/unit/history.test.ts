import { describe, expect, it } from 'vitest';
import { mergeIncidents, statusChanges } from '../../src/health/history.ts';
import type { Incident, ProviderHealth } from '../../src/health/types.ts';

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
});
