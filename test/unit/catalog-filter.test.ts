import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { filterFromQuery, filterProducts, NO_FILTER, queryFromFilter } from '../../src/ui/app/filter.ts';

const ids = (filter: Parameters<typeof filterProducts>[1]) => filterProducts(CATALOG, filter).map((product) => product.id);

describe('catalog search and filters', () => {
  it('lists every product by name when nothing is filtered', () => {
    const all = filterProducts(CATALOG, NO_FILTER);
    expect(all).toHaveLength(CATALOG.products.length);
    expect(all.map((product) => product.name)).toEqual([...all.map((product) => product.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('finds products by name, vendor or provider name; every word must match', () => {
    expect(ids({ ...NO_FILTER, text: 'notion' })).toEqual(['notion-ai']);
    expect(ids({ ...NO_FILTER, text: 'NOTION anthropic' })).toEqual(['notion-ai']);
    expect(ids({ ...NO_FILTER, text: 'notion cohere' })).toEqual([]);
    const byProviderName = ids({ ...NO_FILTER, text: 'anthropic' });
    expect(byProviderName).toContain('cursor');
  });

  it('filters by provider, category and a confidence floor on the same claim', () => {
    const coding = ids({ ...NO_FILTER, provider: 'anthropic', category: 'coding' });
    expect(coding).toContain('cursor');
    for (const id of coding) {
      const product = CATALOG.products.find((candidate) => candidate.id === id)!;
      expect(product.category).toBe('coding');
    }
    const high = filterProducts(CATALOG, { ...NO_FILTER, provider: 'anthropic', confidence: 'high' });
    for (const product of high) {
      expect(product.features.some((feature) => feature.dependencies.some((dep) => dep.provider === 'anthropic' && dep.confidence === 'high'))).toBe(true);
    }
    const medium = ids({ ...NO_FILTER, provider: 'anthropic', confidence: 'medium' });
    expect(high.length).toBeLessThan(medium.length);
    expect(medium.length).toBeLessThanOrEqual(ids({ ...NO_FILTER, provider: 'anthropic' }).length);
    expect(ids({ ...NO_FILTER, provider: 'in-house' }).length).toBeGreaterThan(0);
  });

  it('round-trips through the URL and ignores unknown confidence values', () => {
    const filter = { text: 'support bot', provider: 'openai', category: 'customer-support' as const, confidence: 'high' as const };
    expect(filterFromQuery(new URLSearchParams(queryFromFilter(filter).slice(1)))).toEqual(filter);
    expect(queryFromFilter(NO_FILTER)).toBe('');
    expect(filterFromQuery(new URLSearchParams('confidence=certain')).confidence).toBe('');
  });
});
