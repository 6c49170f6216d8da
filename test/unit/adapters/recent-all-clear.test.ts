import { describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/status/adapter.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { emptyRecord, freshness } from '../../../src/health/record.ts';
import { ADAPTERS } from '../../../src/status/registry.ts';
import { DEFAULT_SCHEDULE } from '../../../src/health/schedule.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { allClearBody, allClearHistory } from '../../fixtures/status/all-clear.ts';
import { incidentsOf } from './recent-support.ts';

const NOW = new Date();
const DAY = 86_400_000;
/** The world is built at the test's clock, whatever day that is: today, in a year, in a decade. */
const CLOCKS = [NOW, new Date(NOW.getTime() + 400 * DAY), new Date(NOW.getTime() + 4000 * DAY)];

/** Answers like the end-to-end world at `now`: the provider's all-clear page or history by path, else 404. */
function allClearFetcher(provider: (typeof CATALOG.providers)[number], now = NOW): Fetcher {
  return fakeFetcher((url) => {
    const path = new URL(url).pathname;
    return (allClearBody(provider, path, now) ?? allClearHistory(provider, path, now))?.body;
  });
}

/** Platforms whose history `allClearHistory` serves. */
const SERVED_PLATFORMS = ['atlassian-statuspage', 'incident-io', 'google-cloud', 'google-workspace', 'better-stack', 'datadog', 'rootly', 'cloudflare-status'];

describe('all-clear fixtures: history', () => {
  it('answers an empty list on the Statuspage and incident.io history endpoint, and nothing elsewhere', () => {
    const compatible = CATALOG.providers.filter((provider) => ['atlassian-statuspage', 'incident-io'].includes(provider.status.platform));
    expect(compatible.length).toBeGreaterThan(0);
    for (const provider of compatible) {
      expect(JSON.parse(allClearHistory(provider, '/api/v2/incidents.json')!.body)).toMatchObject({ incidents: [] });
      expect(allClearHistory(provider, '/api/v2/incidents/unresolved.json')).toBeNull();
    }
  });

  it('lets every provider whose page it serves read a quiet history: nothing open', async () => {
    for (const provider of CATALOG.providers) {
      const adapter = ADAPTERS[provider.status.platform];
      if (!adapter.recent || !SERVED_PLATFORMS.includes(adapter.platform)) continue;
      const incidents = incidentsOf(await adapter.recent(provider.status, allClearFetcher(provider), NOW));
      expect(incidents.filter((incident) => incident.resolvedAt === null), provider.id).toEqual([]);
    }
  });
});

describe('all-clear fixtures: every provider of the end-to-end world reads operational and fresh, on any day', () => {
  it.each(CATALOG.providers.flatMap((provider) => CLOCKS.map((clock) => [provider.id, clock.toISOString().slice(0, 10), provider, clock] as const)))('%s on %s', async (_, _day, provider, clock) => {
    const result = await ADAPTERS[provider.status.platform].read(provider.status, allClearFetcher(provider, clock), clock, null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // No date in the world is compared with the clock and found too old: the page is live, the reading fresh.
    const record = { ...emptyRecord(provider.id), health: result.health, lastAttemptAt: clock.toISOString() };
    expect(freshness(record, clock, DEFAULT_SCHEDULE)).toBe('fresh');
    expect(result.health.level).toBe('operational');
    for (const component of provider.components) {
      const ids = new Set(component.match.ids);
      const names = new Set(component.match.names.map((name) => name.toLowerCase()));
      const found = result.health.components.filter((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
      expect(found.length, `${provider.id}/${component.id}`).toBeGreaterThan(0);
      expect(found.every((c) => c.level === 'operational'), `${provider.id}/${component.id}`).toBe(true);
    }
  });
});
