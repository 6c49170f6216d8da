import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { dueProviders } from '../../src/background/poller.ts';
import { emptyRecord, type HealthRecord } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { activeShown, interestOf, NO_INTEREST, parseShownLeases, renewShown, SHOWN_LEASE_MS } from '../../src/stack/interest.ts';

const index = new CatalogIndex(CATALOG);
const NOW = Date.UTC(2030, 0, 1, 12);
const ids = (providers: { id: string }[]) => providers.map((provider) => provider.id).sort();

describe('which providers are read', () => {
  it('reads nothing for a fresh install: no tab, no stack, no page open', () => {
    const interest = interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: [] });
    expect(interest.read.size).toBe(0);
    expect(dueProviders(CATALOG.providers, new Map(), new Map(), interest, DEFAULT_SCHEDULE, NOW, true)).toEqual([]);
  });

  it('watches the providers of open tabs, reads the stack’s and what a page shows, and nothing else', () => {
    const interest = interestOf(index, { tabProducts: ['notion-ai'], stackProducts: ['notion-ai', 'cursor'], shownProviders: ['cerebras', 'not-a-provider'] });
    const notion = ids(index.providersOf(index.product('notion-ai')!));
    expect(notion).toContain('anthropic');
    expect([...interest.watched].sort()).toEqual(notion);
    const expected = new Set([...notion, ...ids(index.providersOf(index.product('cursor')!)), 'cerebras']);
    expect([...interest.read].sort()).toEqual([...expected].sort());
    // Never read, so every one is due; only the needed ones are read, even when the user forces a check.
    expect(ids(dueProviders(CATALOG.providers, new Map(), new Map(), interest, DEFAULT_SCHEDULE, NOW))).toEqual([...expected].sort());
    expect(ids(dueProviders(CATALOG.providers, new Map(), new Map(), interest, DEFAULT_SCHEDULE, NOW, true))).toEqual([...expected].sort());
  });

  it('does not read an overdue provider nobody needs, and reads a needed one only when due', () => {
    const interest = interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: ['cerebras'] });
    const overdue = new Map(CATALOG.providers.map((provider) => [provider.id, { nextPollAt: NOW - 3600_000 }]));
    expect(ids(dueProviders(CATALOG.providers, overdue, new Map(), interest, DEFAULT_SCHEDULE, NOW))).toEqual(['cerebras']);
    const later = new Map([['cerebras', { nextPollAt: NOW + 60_000 }]]);
    expect(dueProviders(CATALOG.providers, later, new Map(), interest, DEFAULT_SCHEDULE, NOW)).toEqual([]);
    expect(dueProviders(CATALOG.providers, overdue, new Map(), NO_INTEREST, DEFAULT_SCHEDULE, NOW, true)).toEqual([]);
  });

  it('reads a provider at once when a tab starts depending on it, unless it is backing off', () => {
    const interest = interestOf(index, { tabProducts: ['notion-ai'], stackProducts: [], shownProviders: [] });
    const read = (failures: number): HealthRecord => ({ ...emptyRecord('anthropic'), lastAttemptAt: new Date(NOW - 120_000).toISOString(), consecutiveFailures: failures });
    const states = new Map([['anthropic', { nextPollAt: NOW + 180_000 }]]);
    expect(ids(dueProviders(CATALOG.providers.filter((p) => p.id === 'anthropic'), states, new Map([['anthropic', read(0)]]), interest, DEFAULT_SCHEDULE, NOW))).toEqual(['anthropic']);
    expect(dueProviders(CATALOG.providers.filter((p) => p.id === 'anthropic'), states, new Map([['anthropic', read(2)]]), interest, DEFAULT_SCHEDULE, NOW)).toEqual([]);
  });

  it('keeps a shown provider for two minutes after the page last asked, and drops expired or malformed leases', () => {
    const leases = renewShown({ old: NOW - 1 }, ['cerebras'], NOW);
    expect(leases).toEqual({ cerebras: NOW + SHOWN_LEASE_MS });
    expect(activeShown(leases, NOW + SHOWN_LEASE_MS - 1)).toEqual(['cerebras']);
    expect(activeShown(leases, NOW + SHOWN_LEASE_MS)).toEqual([]);
    expect(parseShownLeases({ a: 'soon', b: NaN, c: 5 })).toEqual({ c: 5 });
    expect(parseShownLeases(['a'])).toEqual({});
  });
});
