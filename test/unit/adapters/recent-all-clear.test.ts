import { describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/health/adapter.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { ADAPTERS } from '../../../src/health/registry.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { allClearBody, allClearHistory } from '../../fixtures/status/all-clear.ts';
import { incidentsOf } from './recent-support.ts';

const NOW = new Date('2026-11-24T12:00:00Z');

/** Answers like the end-to-end world: the provider's all-clear page or history by path, else 404. */
function allClearFetcher(provider: (typeof CATALOG.providers)[number]): Fetcher {
  return fakeFetcher((url) => {
    const path = new URL(url).pathname;
    return (allClearBody(provider, path) ?? allClearHistory(provider, path))?.body;
  });
}

/** Platforms whose history `allClearHistory` serves. */
const SERVED_PLATFORMS = ['atlassian-statuspage', 'incident-io', 'google-cloud', 'google-workspace', 'better-stack', 'datadog'];

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

describe('all-clear fixtures: every provider of the end-to-end world reads operational', () => {
  it.each(CATALOG.providers.map((provider) => [provider.id, provider] as const))('%s', async (_, provider) => {
    const result = await ADAPTERS[provider.status.platform].read(provider.status, allClearFetcher(provider), NOW, null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const component of provider.components) {
      const ids = new Set(component.match.ids);
      const names = new Set(component.match.names.map((name) => name.toLowerCase()));
      const found = result.health.components.filter((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
      expect(found.length, `${provider.id}/${component.id}`).toBeGreaterThan(0);
      expect(found.every((c) => c.level === 'operational'), `${provider.id}/${component.id}`).toBe(true);
    }
  });
});
