import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { Product } from '../../src/catalog/types.ts';
import { parseStatuspageSummary } from '../../src/status/adapters/atlassian-statuspage.ts';
import type { HealthRecord } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { stackSituations } from '../../src/stack/situations.ts';
import { EMPTY_STACK } from '../../src/stack/stack.ts';
import { claudeSummary, type Scenario } from '../fixtures/status/scenarios.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const notion = CATALOG.products.find((product) => product.id === 'notion-ai')!;
const claudeApiOnly = (id: string, name: string, component: string, confidence: 'high' | 'low'): Product => ({
  ...notion,
  id,
  name,
  features: [{ name: 'AI', dependencies: [{ provider: 'anthropic', component, route: 'Anthropic API', confidence, sources: notion.features[0]!.dependencies[0]!.sources }] }],
});
const index = new CatalogIndex({
  providers: CATALOG.providers,
  products: [claudeApiOnly('writer', 'Writer', 'api', 'high'), claudeApiOnly('chat', 'Chat', 'claude-ai', 'high'), claudeApiOnly('guess', 'Guess', 'api', 'low')],
});

function anthropic(scenario: Scenario, failures = 0): Map<string, HealthRecord> {
  const read = parseStatuspageSummary(claudeSummary(scenario, NOW), 'https://status.claude.com', NOW);
  if (!read.ok) throw new Error('fixture must parse');
  return new Map([['anthropic', { providerId: 'anthropic', health: read.health, lastAttemptAt: NOW.toISOString(), lastError: null, consecutiveFailures: failures }]]);
}

const stackOf = (...ids: string[]) => ({ ...EMPTY_STACK, pinned: ids });

describe('stackSituations: how each provider affects the user’s tools', () => {
  it('names the tools and the incident when a provider they use is down', () => {
    const [situation, ...rest] = stackSituations(index, stackOf('writer', 'chat'), anthropic('outage'), DEFAULT_SCHEDULE, NOW);
    expect(rest).toEqual([]);
    expect(situation).toMatchObject({ providerId: 'anthropic', providerName: 'Anthropic', level: 'major_outage', productNames: ['Chat', 'Writer'] });
    expect(situation!.incidents.map((incident) => incident.title)).toEqual(['Claude API unavailable']);
  });

  it('leaves out tools not in the stack and low-confidence links', () => {
    expect(stackSituations(index, stackOf('guess'), anthropic('outage'), DEFAULT_SCHEDULE, NOW)).toEqual([]);
    expect(stackSituations(index, EMPTY_STACK, anthropic('outage'), DEFAULT_SCHEDULE, NOW)).toEqual([]);
  });

  it('says unknown (no news) rather than operational when a reading is failing or a used component is missing', () => {
    expect(stackSituations(index, stackOf('writer'), anthropic('outage', 3), DEFAULT_SCHEDULE, NOW)[0]!.level).toBe('unknown');
    const renamed = anthropic('allclear');
    const health = renamed.get('anthropic')!.health!;
    health.components = health.components.filter((component) => component.id !== 'k8w3r06qmzrp');
    // claude.ai reads operational, the Claude API is gone from the page: that must not read as a recovery.
    expect(stackSituations(index, stackOf('writer', 'chat'), renamed, DEFAULT_SCHEDULE, NOW)[0]!.level).toBe('unknown');
    // Trouble seen fresh on one component stays news even if another is unreadable.
    const partly = anthropic('outage');
    partly.get('anthropic')!.health!.components = partly.get('anthropic')!.health!.components.filter((component) => component.name !== 'claude.ai');
    expect(stackSituations(index, stackOf('writer', 'chat'), partly, DEFAULT_SCHEDULE, NOW)[0]!.level).toBe('major_outage');
  });
});
