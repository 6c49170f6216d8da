import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentRecord, StatusEvent } from '../../src/health/history.ts';
import { worstLevel } from '../../src/model/levels.ts';
import { type Incident, type RecentIncident } from '../../src/model/health.ts';
import { HEALTH_LEVELS, type HealthLevel } from '../../src/model/levels.ts';
import { dailyUptime, incidentTimeline, overallUptime, type UptimeDay } from '../../src/health/uptime.ts';

const H = 3600_000;
const MIN = 60_000;
const DAY = 24 * H;
/** Noon on the last of a three-day window (22nd, 23rd, 24th). */
const NOW = new Date('2026-11-24T12:00:00.000Z');

const ev = (at: string, to: HealthLevel, componentId: string | null = null): StatusEvent => ({
  providerId: 'p',
  componentId,
  componentName: componentId,
  at,
  from: null,
  to,
});

const day = (days: UptimeDay[], date: string): UptimeDay => days.find((d) => d.date === date)!;

describe('dailyUptime', () => {
  const sequence = [
    ev('2026-11-22T06:00:00.000Z', 'operational'),
    ev('2026-11-22T18:00:00.000Z', 'degraded'),
    ev('2026-11-23T00:00:00.000Z', 'operational'),
    ev('2026-11-23T12:00:00.000Z', 'major_outage'),
    ev('2026-11-24T02:00:00.000Z', 'operational'),
  ];

  it('gives exact durations per level, split at UTC midnight, oldest day first', () => {
    const days = dailyUptime(sequence, 3, NOW);
    expect(days).toEqual([
      // Nothing known before the first event at 06:00.
      { date: '2026-11-22', durations: { operational: 12 * H, degraded: 6 * H }, observed: 0.75, worst: 'degraded', uptime: 2 / 3 },
      { date: '2026-11-23', durations: { operational: 12 * H, major_outage: 12 * H }, observed: 1, worst: 'major_outage', uptime: 0.5 },
      // Today so far: the outage carried over from yesterday, then up until now.
      { date: '2026-11-24', durations: { major_outage: 2 * H, operational: 10 * H }, observed: 1, worst: 'major_outage', uptime: 10 / 12 },
    ]);
    expect(overallUptime(days)).toBeCloseTo(34 / 54, 12);
  });

  it('splits an outage that spans midnight between both days', () => {
    const days = dailyUptime(
      [ev('2026-11-22T00:00:00.000Z', 'operational'), ev('2026-11-22T23:30:00.000Z', 'partial_outage'), ev('2026-11-23T00:45:00.000Z', 'operational')],
      3,
      NOW,
    );
    expect(day(days, '2026-11-22').durations).toEqual({ operational: DAY - 30 * MIN, partial_outage: 30 * MIN });
    expect(day(days, '2026-11-23').durations).toEqual({ partial_outage: 45 * MIN, operational: DAY - 45 * MIN });
    expect(day(days, '2026-11-24').durations).toEqual({ operational: 12 * H });
    expect(days.map((d) => d.worst)).toEqual(['partial_outage', 'partial_outage', 'operational']);
  });

  it('knows nothing before the first event: earlier days are unobserved, its own day partly', () => {
    const days = dailyUptime([ev('2026-11-23T18:00:00.000Z', 'operational')], 3, NOW);
    expect(days[0]).toEqual({ date: '2026-11-22', durations: {}, observed: 0, worst: null, uptime: null });
    expect(days[1]).toEqual({ date: '2026-11-23', durations: { operational: 6 * H }, observed: 0.25, worst: 'operational', uptime: 1 });
    expect(days[2]!.observed).toBe(1);
  });

  it('counts unknown time as not observed, so it neither lowers nor raises uptime', () => {
    const days = dailyUptime(
      [
        ev('2026-11-23T00:00:00.000Z', 'operational'),
        ev('2026-11-23T06:00:00.000Z', 'unknown'),
        ev('2026-11-23T09:00:00.000Z', 'degraded'),
        ev('2026-11-23T12:00:00.000Z', 'operational'),
        ev('2026-11-24T06:00:00.000Z', 'unknown'),
      ],
      2,
      NOW,
    );
    expect(days[0]).toEqual({
      date: '2026-11-23',
      durations: { operational: 18 * H, degraded: 3 * H },
      observed: 21 / 24,
      worst: 'degraded',
      uptime: 18 / 21,
    });
    // Unknown until now: half of today is not observed, and the unknown level is not "seen".
    expect(days[1]).toEqual({ date: '2026-11-24', durations: { operational: 6 * H }, observed: 0.5, worst: 'operational', uptime: 1 });
  });

  it('counts maintenance as up, but as worse than operational', () => {
    const days = dailyUptime([ev('2026-11-24T00:00:00.000Z', 'operational'), ev('2026-11-24T09:00:00.000Z', 'maintenance')], 1, NOW);
    expect(days).toEqual([{ date: '2026-11-24', durations: { operational: 9 * H, maintenance: 3 * H }, observed: 1, worst: 'maintenance', uptime: 1 }]);
  });

  it('carries the level from before the window into it', () => {
    const days = dailyUptime([ev('2026-11-01T00:00:00.000Z', 'operational'), ev('2026-11-10T00:00:00.000Z', 'major_outage')], 3, NOW);
    expect(days.map((d) => [d.durations, d.observed, d.uptime])).toEqual([
      [{ major_outage: DAY }, 1, 0],
      [{ major_outage: DAY }, 1, 0],
      [{ major_outage: 12 * H }, 1, 0],
    ]);
  });

  it('separates the provider as a whole from each component', () => {
    const events = [
      ev('2026-11-24T00:00:00.000Z', 'operational'),
      ev('2026-11-24T00:00:00.000Z', 'operational', 'api'),
      ev('2026-11-24T03:00:00.000Z', 'partial_outage', 'api'),
      ev('2026-11-24T06:00:00.000Z', 'degraded', 'chat'),
    ];
    expect(dailyUptime(events, 1, NOW)[0]!.durations).toEqual({ operational: 12 * H });
    expect(dailyUptime(events, 1, NOW, null)[0]!.durations).toEqual({ operational: 12 * H });
    expect(dailyUptime(events, 1, NOW, 'api')[0]!.durations).toEqual({ operational: 3 * H, partial_outage: 9 * H });
    expect(dailyUptime(events, 1, NOW, 'chat')[0]).toMatchObject({ durations: { degraded: 6 * H }, observed: 0.5, uptime: 0 });
    expect(dailyUptime(events, 1, NOW, 'gone')[0]).toMatchObject({ observed: 0, worst: null, uptime: null });
  });

  it('gives empty days for no events and nothing for no days', () => {
    expect(dailyUptime([], 2, NOW)).toEqual([
      { date: '2026-11-23', durations: {}, observed: 0, worst: null, uptime: null },
      { date: '2026-11-24', durations: {}, observed: 0, worst: null, uptime: null },
    ]);
    expect(dailyUptime(sequence, 0, NOW)).toEqual([]);
    expect(dailyUptime(sequence, -3, NOW)).toEqual([]);
    expect(dailyUptime(sequence, Number.NaN, NOW)).toEqual([]);
    expect(dailyUptime(sequence, Infinity, NOW)).toEqual([]);
    expect(dailyUptime(sequence, 3, new Date(Number.NaN))).toEqual([]);
    expect(dailyUptime(sequence, 2.9, NOW)).toHaveLength(2);
    expect(overallUptime([])).toBeNull();
    expect(overallUptime(dailyUptime([], 5, NOW))).toBeNull();
  });

  it('does not divide by zero at exactly midnight', () => {
    const days = dailyUptime(sequence, 2, new Date('2026-11-24T00:00:00.000Z'));
    expect(days[1]).toEqual({ date: '2026-11-24', durations: {}, observed: 0, worst: null, uptime: null });
    expect(days[0]!.durations).toEqual({ operational: 12 * H, major_outage: 12 * H });
  });

  it('takes events unsorted and duplicated, clamps future times, skips unparseable ones', () => {
    const expected = dailyUptime(sequence, 3, NOW);
    const messy = [sequence[3]!, sequence[0]!, sequence[4]!, sequence[0]!, sequence[2]!, sequence[1]!, sequence[3]!, ev('not a time', 'major_outage')];
    expect(dailyUptime(messy, 3, NOW)).toEqual(expected);
    // A future change holds from now, i.e. for no time at all.
    expect(dailyUptime([...sequence, ev('2027-01-01T00:00:00.000Z', 'major_outage')], 3, NOW)).toEqual(expected);
    // Unknown level names (a newer build's, a damaged row) never read as up.
    const odd = dailyUptime([ev('2026-11-24T00:00:00.000Z', 'operational'), ev('2026-11-24T06:00:00.000Z', 'fine' as HealthLevel)], 1, NOW);
    expect(odd[0]).toMatchObject({ durations: { operational: 6 * H }, observed: 0.5 });
  });

  it('keeps the worse of two levels recorded for one instant, whatever their order', () => {
    const a = ev('2026-11-24T00:00:00.000Z', 'operational');
    const b = ev('2026-11-24T00:00:00.000Z', 'degraded');
    expect(dailyUptime([a, b], 1, NOW)[0]!.durations).toEqual({ degraded: 12 * H });
    expect(dailyUptime([b, a], 1, NOW)[0]!.durations).toEqual({ degraded: 12 * H });
  });

  it('does not mutate its input', () => {
    const input = structuredClone(sequence).reverse();
    const copy = structuredClone(input);
    dailyUptime(input, 3, NOW);
    expect(input).toEqual(copy);
  });
});

describe('overallUptime', () => {
  it('weights each day by its observed time, not equally', () => {
    const days = dailyUptime([ev('2026-11-23T23:00:00.000Z', 'major_outage'), ev('2026-11-24T00:00:00.000Z', 'operational')], 2, NOW);
    // One hour down yesterday (all that was observed), twelve up today: 12/13, not the mean of 0 and 1.
    expect(days.map((d) => d.uptime)).toEqual([0, 1]);
    expect(overallUptime(days)).toBe(12 / 13);
  });

  it('ignores unknown time in a hand-built day', () => {
    expect(overallUptime([{ date: '2026-11-24', durations: { operational: H, unknown: 3 * H }, observed: 1, worst: 'operational', uptime: 1 }])).toBe(1);
  });
});

const incident = (id: string, overrides: Partial<Incident> = {}): Omit<Incident, 'latestUpdate'> => ({
  id,
  title: `Incident ${id}`,
  impact: 'partial_outage',
  status: 'investigating',
  startedAt: null,
  url: `https://status.example.com/incidents/${id}`,
  componentIds: [],
  maintenance: false,
  ...overrides,
});

const record = (id: string, firstSeenAt: string, resolvedAt: string | null, overrides: Partial<Incident> = {}, updateTimes: string[] = []): IncidentRecord => ({
  providerId: 'p',
  incident: incident(id, overrides),
  updates: updateTimes.map((at) => ({ body: `at ${at}`, at, status: 'investigating' })),
  firstSeenAt,
  lastSeenAt: resolvedAt ?? firstSeenAt,
  resolvedAt,
});

describe('incidentTimeline', () => {
  it('lists recorded incidents newest first with updates newest first and their durations', () => {
    const timeline = incidentTimeline([
      record('old', '2026-11-20T10:05:00.000Z', '2026-11-20T11:00:00.000Z', { startedAt: '2026-11-20T10:00:00.000Z' }, [
        '2026-11-20T10:05:00.000Z',
        '2026-11-20T10:40:00.000Z',
      ]),
      record('open', '2026-11-24T09:00:00.000Z', null, { maintenance: true, impact: 'maintenance' }),
      record('mid', '2026-11-22T08:00:00.000Z', '2026-11-22T08:30:00.000Z'),
    ]);
    expect(timeline.map((e) => [e.incidentId, e.startedAt, e.resolvedAt, e.durationMs])).toEqual([
      // No startedAt on the page: when we first saw it.
      ['open', '2026-11-24T09:00:00.000Z', null, null],
      ['mid', '2026-11-22T08:00:00.000Z', '2026-11-22T08:30:00.000Z', 30 * MIN],
      ['old', '2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z', H],
    ]);
    expect(timeline[0]).toMatchObject({ title: 'Incident open', impact: 'maintenance', maintenance: true, url: 'https://status.example.com/incidents/open' });
    expect(timeline[2]!.updates.map((u) => u.at)).toEqual(['2026-11-20T10:40:00.000Z', '2026-11-20T10:05:00.000Z']);
  });

  it('merges the page’s recent list: one entry per id, recorded updates win, page resolvedAt fills in', () => {
    const records = [record('i1', '2026-11-23T10:00:00.000Z', null, {}, ['2026-11-23T10:00:00.000Z', '2026-11-23T10:30:00.000Z'])];
    const recent: RecentIncident[] = [
      {
        ...incident('i1', { title: 'Renamed', startedAt: '2026-11-23T09:55:00.000Z', status: 'resolved' }),
        latestUpdate: { body: 'Resolved', at: '2026-11-23T11:00:00.000Z', status: 'resolved' },
        resolvedAt: '2026-11-23T11:00:00.000Z',
      },
      {
        ...incident('page-only', { startedAt: '2026-11-21T00:00:00.000Z' }),
        latestUpdate: { body: 'Fixed', at: '2026-11-21T02:00:00.000Z', status: 'resolved' },
        resolvedAt: '2026-11-21T02:00:00.000Z',
      },
    ];
    const timeline = incidentTimeline(records, recent);
    expect(timeline.map((e) => e.incidentId)).toEqual(['i1', 'page-only']);
    expect(timeline[0]).toMatchObject({ title: 'Renamed', startedAt: '2026-11-23T09:55:00.000Z', resolvedAt: '2026-11-23T11:00:00.000Z', durationMs: 65 * MIN });
    expect(timeline[0]!.updates.map((u) => u.at)).toEqual(['2026-11-23T10:30:00.000Z', '2026-11-23T10:00:00.000Z']);
    expect(timeline[1]).toMatchObject({ durationMs: 2 * H, updates: [{ body: 'Fixed', at: '2026-11-21T02:00:00.000Z', status: 'resolved' }] });
  });

  it('prefers the page’s own resolution time to when we noticed, and keeps ours when the page has none', () => {
    // The browser was closed for two days: we noticed the resolution late.
    const late = record('i1', '2026-11-20T10:00:00.000Z', '2026-11-22T10:00:00.000Z');
    const page = (resolvedAt: string | null): RecentIncident => ({ ...incident('i1'), latestUpdate: null, resolvedAt });
    expect(incidentTimeline([late], [page('2026-11-20T11:00:00.000Z')])[0]).toMatchObject({ resolvedAt: '2026-11-20T11:00:00.000Z', durationMs: H });
    expect(incidentTimeline([late], [page(null)])[0]).toMatchObject({ resolvedAt: '2026-11-22T10:00:00.000Z', durationMs: 2 * DAY });
  });

  it('handles empty input, bad times and a resolution before the start', () => {
    expect(incidentTimeline([])).toEqual([]);
    expect(incidentTimeline([], [])).toEqual([]);
    const timeline = incidentTimeline([
      record('bad', 'garbage', 'also garbage'),
      record('backwards', '2026-11-22T10:00:00.000Z', '2026-11-22T09:00:00.000Z'),
    ]);
    expect(timeline.map((e) => [e.incidentId, e.durationMs])).toEqual([
      ['backwards', 0],
      ['bad', null],
    ]);
    // A page entry with no time at all cannot be placed.
    expect(incidentTimeline([], [{ ...incident('x'), latestUpdate: null, resolvedAt: null }])).toEqual([]);
  });

  it('does not mutate its input', () => {
    const records = [record('a', '2026-11-20T10:00:00.000Z', null, {}, ['2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z'])];
    const copy = structuredClone(records);
    incidentTimeline(records);
    expect(records).toEqual(copy);
  });
});

describe('fuzz', () => {
  const T0 = Date.UTC(2026, 10, 18);
  const level = fc.constantFrom(...HEALTH_LEVELS);
  const subject = fc.constantFrom(null, 'api');
  /** Minutes around a week before NOW to a day after it (future events), or not a time at all. */
  const minuteTime = fc.integer({ min: 0, max: 8 * 24 * 60 }).map((m) => new Date(T0 + m * MIN).toISOString());
  const time = fc.oneof({ weight: 9, arbitrary: minuteTime }, { weight: 1, arbitrary: fc.constantFrom('', 'nope', '2026-13-45') });
  const event = fc.record({ at: time, to: level, componentId: subject }).map(({ at, to, componentId }) => ev(at, to, componentId));
  const events = fc.array(event, { maxLength: 40 });
  const anyNow = fc.integer({ min: T0, max: T0 + 7 * DAY }).map((ms) => new Date(ms));

  it('keeps every day within bounds: durations fit the day, observed and uptime in [0, 1]', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 10 }), anyNow, subject, (input, count, now, id) => {
        const days = dailyUptime(input, count, now, id);
        expect(days).toHaveLength(count);
        const todayStart = Math.floor(now.getTime() / DAY) * DAY;
        expect(days.at(-1)!.date).toBe(new Date(todayStart).toISOString().slice(0, 10));
        days.forEach((d, i) => {
          const start = todayStart - (count - 1 - i) * DAY;
          expect(d.date).toBe(new Date(start).toISOString().slice(0, 10));
          const values = Object.values(d.durations);
          const sum = values.reduce((a, b) => a + b, 0);
          expect(sum).toBeLessThanOrEqual(Math.min(DAY, now.getTime() - start));
          expect(values.every((ms) => ms > 0)).toBe(true);
          expect(d.durations.unknown).toBeUndefined();
          expect(d.observed).toBeGreaterThanOrEqual(0);
          expect(d.observed).toBeLessThanOrEqual(1);
          if (sum === 0) {
            expect(d).toMatchObject({ observed: 0, worst: null, uptime: null });
          } else {
            expect(d.uptime).toBeGreaterThanOrEqual(0);
            expect(d.uptime).toBeLessThanOrEqual(1);
            expect(d.worst).toBe(worstLevel(Object.keys(d.durations) as HealthLevel[]));
          }
        });
        const overall = overallUptime(days);
        if (overall !== null) {
          expect(overall).toBeGreaterThanOrEqual(0);
          expect(overall).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on the order or duplication of events', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 8 }), anyNow, subject, (input, count, now, id) => {
        const doubled = [...input, ...input.slice(0, 5)].reverse();
        expect(dailyUptime(doubled, count, now, id)).toEqual(dailyUptime(input, count, now, id));
      }),
      { numRuns: 1000 },
    );
  });

  /** Minute by minute: the level at each minute is the worst of the latest instant at or before it. */
  function oracle(input: StatusEvent[], count: number, now: number, id: string | null): Partial<Record<HealthLevel, number>>[] {
    const at = new Map<number, HealthLevel>();
    for (const e of input) {
      const t = Date.parse(e.at);
      if (e.componentId !== id || Number.isNaN(t)) continue;
      const clamped = Math.min(t, now);
      at.set(clamped, worstLevel([at.get(clamped) ?? e.to, e.to]));
    }
    const times = [...at.keys()].sort((a, b) => a - b);
    const todayStart = Math.floor(now / DAY) * DAY;
    const result: Partial<Record<HealthLevel, number>>[] = [];
    let next = 0;
    let current: HealthLevel | null = null;
    for (let d = 0; d < count; d++) {
      const totals: Partial<Record<HealthLevel, number>> = {};
      const start = todayStart - (count - 1 - d) * DAY;
      for (let t = start; t < Math.min(start + DAY, now); t += MIN) {
        while (next < times.length && times[next]! <= t) current = at.get(times[next++]!)!;
        if (current !== null && current !== 'unknown') totals[current] = (totals[current] ?? 0) + MIN;
      }
      result.push(totals);
    }
    return result;
  }

  it('matches a minute-by-minute count', () => {
    const minuteNow = fc.integer({ min: 3 * 24 * 60, max: 7 * 24 * 60 }).map((m) => new Date(T0 + m * MIN));
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 4 }), minuteNow, subject, (input, count, now, id) => {
        const days = dailyUptime(input, count, now, id);
        expect(days.map((d) => d.durations)).toEqual(oracle(input, count, now.getTime(), id));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the timeline sorted newest first, one entry per id, durations never negative', () => {
    const iso = fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: T0, max: T0 + 7 * DAY }).map((ms) => new Date(ms).toISOString()) },
      { weight: 1, arbitrary: fc.constant('garbage') },
    );
    const id = fc.constantFrom('a', 'b', 'c', 'd');
    const update = fc.record({ body: fc.string(), at: iso, status: fc.constant('investigating') });
    const rec = fc
      .record({ id, startedAt: fc.option(iso), firstSeenAt: iso, resolvedAt: fc.option(iso), updates: fc.array(update, { maxLength: 4 }) })
      .map(({ id: i, startedAt, firstSeenAt, resolvedAt, updates }): IncidentRecord => ({
        ...record(i, firstSeenAt, resolvedAt, { startedAt }),
        updates,
      }));
    const page = fc
      .record({ id, startedAt: fc.option(iso), resolvedAt: fc.option(iso), latestUpdate: fc.option(update) })
      .map(({ id: i, startedAt, resolvedAt, latestUpdate }): RecentIncident => ({ ...incident(i, { startedAt }), latestUpdate, resolvedAt }));
    const rank = (s: string) => (Number.isNaN(Date.parse(s)) ? -Infinity : Date.parse(s));
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 8 }), fc.array(page, { maxLength: 4 }), (records, recent) => {
        const timeline = incidentTimeline(records, recent);
        const ids = timeline.map((e) => e.incidentId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const r of records) expect(ids).toContain(r.incident.id);
        for (let i = 1; i < timeline.length; i++) expect(rank(timeline[i - 1]!.startedAt)).toBeGreaterThanOrEqual(rank(timeline[i]!.startedAt));
        for (const e of timeline) {
          if (e.resolvedAt === null) expect(e.durationMs).toBeNull();
          if (e.durationMs !== null) expect(e.durationMs).toBeGreaterThanOrEqual(0);
          for (let i = 1; i < e.updates.length; i++) expect(rank(e.updates[i - 1]!.at)).toBeGreaterThanOrEqual(rank(e.updates[i]!.at));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
