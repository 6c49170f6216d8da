import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT, RECENT_WINDOW_DAYS, selectRecentIncidents } from '../../../src/status/adapter.ts';
import { ADAPTERS } from '../../../src/status/registry.ts';
import type { RecentIncident } from '../../../src/model/health.ts';
import { FUZZ_RUNS } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, daysBefore, wellFormedRecent } from './recent-support.ts';

const NOW = new Date('2026-11-24T12:00:00Z');

function incident(id: string, options: Partial<RecentIncident> = {}): RecentIncident {
  return {
    id,
    title: `Incident ${id}`,
    impact: 'degraded',
    status: 'resolved',
    startedAt: daysBefore(NOW, 1),
    latestUpdate: null,
    url: 'https://status.example.com',
    componentIds: [],
    maintenance: false,
    resolvedAt: daysBefore(NOW, 1, 30),
    ...options,
  };
}

describe('recent incidents: the window a provider page shows', () => {
  it('lists newest first by start, open and resolved alike', () => {
    const picked = selectRecentIncidents(
      [
        incident('old', { startedAt: daysBefore(NOW, 20), resolvedAt: daysBefore(NOW, 19) }),
        incident('open', { startedAt: daysBefore(NOW, 0, -30), resolvedAt: null, status: 'investigating' }),
        incident('mid', { startedAt: daysBefore(NOW, 5), resolvedAt: daysBefore(NOW, 5, 40) }),
      ],
      NOW,
    );
    expect(picked.map((item) => item.id)).toEqual(['open', 'mid', 'old']);
  });

  it(`keeps what was active in the last ${RECENT_WINDOW_DAYS} days, and open incidents whatever their age`, () => {
    const picked = selectRecentIncidents(
      [
        incident('resolved-100-days-ago', { startedAt: daysBefore(NOW, 101), resolvedAt: daysBefore(NOW, 100) }),
        incident('started-long-ago-resolved-lately', { startedAt: daysBefore(NOW, 95), resolvedAt: daysBefore(NOW, 80) }),
        incident('postmortem-posted-lately', {
          startedAt: daysBefore(NOW, 120),
          resolvedAt: daysBefore(NOW, 119),
          latestUpdate: { body: 'Postmortem', at: daysBefore(NOW, 10), status: 'postmortem' },
        }),
        incident('forgotten-but-open', { startedAt: daysBefore(NOW, 400), resolvedAt: null }),
      ],
      NOW,
    );
    expect(picked.map((item) => item.id)).toEqual(['started-long-ago-resolved-lately', 'postmortem-posted-lately', 'forgotten-but-open']);
  });

  it(`keeps at most ${RECENT_LIMIT}, the newest`, () => {
    const many = Array.from({ length: 70 }, (_, index) => incident(`i${index}`, { startedAt: daysBefore(NOW, index), resolvedAt: daysBefore(NOW, index, 10) }));
    const picked = selectRecentIncidents([...many].reverse(), NOW);
    expect(picked).toHaveLength(RECENT_LIMIT);
    expect(picked[0]!.id).toBe('i0');
    expect(picked.at(-1)!.id).toBe(`i${RECENT_LIMIT - 1}`);
  });

  it('lists an id once (the first), leaves out planned work of days ahead, and puts undated open incidents last', () => {
    const picked = selectRecentIncidents(
      [
        incident('undated', { startedAt: null, resolvedAt: null }),
        incident('twice', { title: 'first copy' }),
        incident('twice', { title: 'second copy' }),
        incident('next-week', { startedAt: daysBefore(NOW, -7), resolvedAt: null, maintenance: true, impact: 'maintenance' }),
        incident('dated-by-its-update', { startedAt: null, latestUpdate: { body: 'x', at: daysBefore(NOW, 3), status: 'resolved' } }),
      ],
      NOW,
    );
    expect(picked.map((item) => [item.id, item.title])).toEqual([
      ['twice', 'first copy'],
      ['dated-by-its-update', 'Incident dated-by-its-update'],
      ['undated', 'Incident undated'],
    ]);
  });

  it('fuzz: whatever the times, the result is ordered, unique, bounded and inside the window', () => {
    const time = fc.option(fc.integer({ min: -200, max: 10 }).map((days) => daysBefore(NOW, days)), { nil: null });
    const arbitraryIncident = fc
      .record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), startedAt: time, resolvedAt: time, at: time })
      .map(({ id, startedAt, resolvedAt, at }) =>
        incident(id, { startedAt, resolvedAt, latestUpdate: at === null ? null : { body: '', at, status: '' } }),
      );
    fc.assert(
      fc.property(fc.array(arbitraryIncident, { maxLength: 80 }), (incidents) => {
        const picked = selectRecentIncidents(incidents, NOW);
        const since = NOW.getTime() - RECENT_WINDOW_DAYS * 86_400_000;
        const inWindow = picked.every((item) => {
          if (item.resolvedAt === null) return true;
          const times = [item.resolvedAt, item.latestUpdate?.at, item.startedAt].filter((value): value is string => typeof value === 'string');
          return times.some((value) => Date.parse(value) >= since);
        });
        return wellFormedRecent({ ok: true, incidents: picked }) && inWindow;
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('recent incidents: which platforms list history', () => {
  it('is offered where the public endpoints carry resolved incidents, and only there', () => {
    const withHistory = Object.values(ADAPTERS)
      .filter((adapter) => adapter.recent !== undefined)
      .map((adapter) => adapter.platform)
      .sort();
    expect(withHistory).toEqual([
      'atlassian-statuspage',
      'aws-health',
      'azure-status',
      'better-stack',
      'cloudflare-status',
      'datadog',
      'google-cloud',
      'google-workspace',
      'incident-io',
      'rootly',
      'rss',
    ]);
  });
});
