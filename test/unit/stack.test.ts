import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { Confidence, Product, Provider } from '../../src/catalog/types.ts';
import {
  EMPTY_STACK, STACK_WINDOW_DAYS, VISIT_WRITE_INTERVAL_MS, forgetProduct, groupByProvider, parseStackState, recordVisits,
  setPinned, sharedPointsOfFailure, stackMembers, type StackState,
} from '../../src/stack/stack.ts';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const later = (ms: number) => new Date(NOW.getTime() + ms);

function provider(id: string, name: string): Provider {
  return {
    id, name, homepage: `https://${id}.example`, sources: [],
    status: { pageUrl: `https://status.${id}.example`, platform: 'atlassian-statuspage', aliases: [] },
    components: [{ id: 'api', name: 'API', kind: 'api', match: { ids: [], names: ['API'] } }],
  };
}
function product(id: string, name: string, deps: [string, Confidence][]): Product {
  return {
    id, name, vendor: name, kind: 'first-party', category: 'productivity', job: 'notes-and-docs-workspace', detect: {},
    features: [{ name: 'AI', dependencies: deps.map(([p, confidence]) => ({ provider: p, route: p, confidence, sources: [] })) }],
  };
}

describe('parseStackState: untrusted storage', () => {
  it('maps anything that is not a state object to EMPTY_STACK', () => {
    for (const raw of [undefined, null, 42, 'state', [], [{ visits: {} }]]) expect(parseStackState(raw)).toBe(EMPTY_STACK);
    expect(parseStackState({})).toEqual({ visits: {}, pinned: [] });
  });

  it('keeps valid entries, drops malformed ones and duplicate pins', () => {
    const raw = JSON.parse(`{
      "visits": { "notion-ai": "${ago(DAY)}", "claude": "not a date", "Bad Id": "${ago(DAY)}", "cursor": 7,
                  "__proto__": "${ago(DAY)}", "chatgpt": "2026-11-20T08:00:00+02:00" },
      "pinned": ["claude", 3, null, "claude", "with space", "${'x'.repeat(200)}", "zendesk-ai"],
      "extra": true }`);
    expect(parseStackState(raw)).toEqual({
      visits: { 'notion-ai': ago(DAY), chatgpt: '2026-11-20T06:00:00.000Z' },
      pinned: ['claude', 'zendesk-ai'],
    });
  });

  it('survives wrong field types and round-trips its own output', () => {
    expect(parseStackState({ visits: ['claude'], pinned: 'claude' })).toEqual({ visits: {}, pinned: [] });
    const state: StackState = { visits: { claude: ago(0) }, pinned: ['cursor'] };
    expect(parseStackState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});

describe('recordVisits', () => {
  it('stamps new products with now and leaves the input untouched', () => {
    const state = recordVisits(EMPTY_STACK, ['claude', 'cursor', 'claude'], NOW);
    expect(state).toEqual({ visits: { claude: NOW.toISOString(), cursor: NOW.toISOString() }, pinned: [] });
    expect(EMPTY_STACK).toEqual({ visits: {}, pinned: [] });
  });

  it('returns the same object when every product was written less than an hour ago', () => {
    const state = recordVisits(EMPTY_STACK, ['claude'], NOW);
    expect(recordVisits(state, ['claude'], later(VISIT_WRITE_INTERVAL_MS - 1))).toBe(state);
    expect(recordVisits(state, [], later(DAY))).toBe(state);
    const refreshed = recordVisits(state, ['claude'], later(VISIT_WRITE_INTERVAL_MS));
    expect(refreshed).not.toBe(state);
    expect(refreshed.visits.claude).toBe(later(VISIT_WRITE_INTERVAL_MS).toISOString());
  });

  it('writes a product seen for the first time even within the hour', () => {
    const state = recordVisits(EMPTY_STACK, ['claude'], NOW);
    expect(recordVisits(state, ['claude', 'cursor'], later(60_000)).visits).toEqual({ claude: NOW.toISOString(), cursor: later(60_000).toISOString() });
  });

  it('drops visits older than the window (a change worth writing), keeps one exactly at its edge', () => {
    const window = STACK_WINDOW_DAYS * DAY;
    const state: StackState = { visits: { old: ago(window + 1), edge: ago(window) }, pinned: ['old'] };
    const next = recordVisits(state, [], NOW);
    expect(next).not.toBe(state);
    expect(next).toEqual({ visits: { edge: ago(window) }, pinned: ['old'] });
  });

  it('rewrites a visit stamped in the future (clock moved back), ignores ids storage would reject', () => {
    const state: StackState = { visits: { claude: later(10 * 60_000).toISOString() }, pinned: [] };
    expect(recordVisits(state, ['claude'], NOW).visits.claude).toBe(NOW.toISOString());
    const settled = recordVisits(EMPTY_STACK, ['claude'], NOW);
    expect(recordVisits(settled, ['Not An Id', '', 'constructor'], NOW).visits).toEqual({ claude: NOW.toISOString(), constructor: NOW.toISOString() });
    expect(recordVisits(settled, ['Not An Id', ''], NOW)).toBe(settled);
  });
});

describe('pin, unpin and forget', () => {
  const seen: StackState = { visits: { claude: ago(DAY), cursor: ago(DAY) }, pinned: ['cursor'] };

  it('pins and unpins, returning the same object when nothing changes', () => {
    const pinned = setPinned(seen, 'claude', true);
    expect(pinned.pinned).toEqual(['cursor', 'claude']);
    expect(setPinned(pinned, 'claude', true)).toBe(pinned);
    expect(setPinned(pinned, 'cursor', false)).toEqual({ visits: seen.visits, pinned: ['claude'] });
    expect(setPinned(seen, 'chatgpt', false)).toBe(seen);
    expect(setPinned(EMPTY_STACK, 'claude', true)).toEqual({ visits: {}, pinned: ['claude'] });
    expect(EMPTY_STACK.pinned).toEqual([]);
  });

  it('forgets a tool entirely: visit and pin', () => {
    expect(forgetProduct(seen, 'cursor')).toEqual({ visits: { claude: ago(DAY) }, pinned: [] });
    expect(forgetProduct(seen, 'claude')).toEqual({ visits: { cursor: ago(DAY) }, pinned: ['cursor'] });
    expect(forgetProduct(seen, 'chatgpt')).toBe(seen);
    expect(forgetProduct(seen, 'constructor')).toBe(seen);
    expect(seen).toEqual({ visits: { claude: ago(DAY), cursor: ago(DAY) }, pinned: ['cursor'] });
  });
});

describe('stackMembers (bundled catalog)', () => {
  const index = new CatalogIndex(CATALOG);

  it('pinned products plus recent visits, catalog products only, sorted by name', () => {
    const state: StackState = {
      visits: { 'notion-ai': ago(2 * DAY), claude: ago(0), chatgpt: ago(31 * DAY), 'no-such-product': ago(0), cursor: ago(40 * DAY) },
      pinned: ['cursor', 'retired-product'],
    };
    expect(stackMembers(state, index, NOW)).toEqual([
      { productId: 'claude', pinned: false, lastSeenAt: ago(0) },
      { productId: 'cursor', pinned: true, lastSeenAt: null },
      { productId: 'notion-ai', pinned: false, lastSeenAt: ago(2 * DAY) },
    ]);
  });

  it('an empty state is an empty stack', () => {
    expect(stackMembers(EMPTY_STACK, index, NOW)).toEqual([]);
  });
});

describe('groupByProvider and sharedPointsOfFailure', () => {
  const index = new CatalogIndex({
    providers: [provider('anthropic', 'Anthropic'), provider('openai', 'OpenAI'), provider('google', 'Google')],
    products: [
      product('zeta', 'Zeta', [['anthropic', 'high'], ['openai', 'low'], ['anthropic', 'medium']]),
      product('alpha', 'alpha', [['anthropic', 'medium'], ['in-house', 'high']]),
      product('mid', 'Mid', [['openai', 'high'], ['undisclosed', 'high']]),
      product('solo', 'Solo', [['google', 'high'], ['gone', 'high']]),
      product('guess', 'Guess', [['google', 'low']]),
    ],
  });

  it('groups medium/high registry claims, most shared first, then by name; products by name, each once', () => {
    const groups = groupByProvider(index, ['zeta', 'mid', 'alpha', 'solo', 'guess', 'zeta', 'unknown']);
    expect(groups).toEqual([
      { providerId: 'anthropic', providerName: 'Anthropic', productIds: ['alpha', 'zeta'] },
      { providerId: 'google', providerName: 'Google', productIds: ['solo'] },
      { providerId: 'openai', providerName: 'OpenAI', productIds: ['mid'] },
    ]);
    expect(sharedPointsOfFailure(groups)).toEqual([groups[0]]);
  });

  it('finds real shared points in the bundled catalog', () => {
    const real = new CatalogIndex(CATALOG);
    const ids = ['notion-ai', 'claude', 'cursor', 'chatgpt'];
    const groups = groupByProvider(real, ids);
    const anthropic = groups.find((group) => group.providerId === 'anthropic')!;
    expect(anthropic.productIds).toEqual(['claude', 'cursor', 'notion-ai']);
    for (const group of groups) {
      for (const id of group.productIds) {
        const deps = real.product(id)!.features.flatMap((feature) => feature.dependencies);
        expect(deps.some((dep) => dep.provider === group.providerId && dep.confidence !== 'low')).toBe(true);
      }
    }
    const counts = groups.map((group) => group.productIds.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(sharedPointsOfFailure(groups).every((group) => group.productIds.length >= 2)).toBe(true);
    expect(sharedPointsOfFailure(groups).map((group) => group.providerId)).toEqual(expect.arrayContaining(['anthropic', 'openai']));
  });
});
