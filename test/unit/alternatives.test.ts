import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { Category, Confidence, Product, ProductKind, Provider } from '../../src/catalog/types.ts';
import { alternativesFor } from '../../src/stack/alternatives.ts';

function provider(id: string): Provider {
  return {
    id, name: id.toUpperCase(), homepage: `https://${id}.example`, sources: [],
    status: { pageUrl: `https://status.${id}.example`, platform: 'atlassian-statuspage', aliases: [] },
    components: [{ id: 'api', name: 'API', kind: 'api', match: { ids: [], names: ['API'] } }],
  };
}
function product(
  id: string,
  deps: [string, Confidence][],
  kind: ProductKind = 'widget',
  category: Category = 'customer-support',
  job = 'support-chat-widget',
): Product {
  return {
    id, name: id, vendor: id, kind, category, job, detect: {},
    features: [{ name: 'AI', dependencies: deps.map(([p, confidence]) => ({ provider: p, route: p, confidence, sources: [] })) }],
  };
}

const ids = (products: Product[]) => products.map((p) => p.id);
const providersOf = (p: Product) => p.features.flatMap((feature) => feature.dependencies.map((dep) => dep.provider));

describe('alternativesFor (hand-built catalog)', () => {
  const target = product('target', [['anthropic', 'high'], ['openai', 'low'], ['in-house', 'high']]);
  const index = new CatalogIndex({
    providers: ['anthropic', 'openai', 'google', 'mistral'].map(provider),
    products: [
      target,
      product('b-google', [['google', 'high']]),
      product('a-google', [['google', 'high']]),
      product('two-high', [['google', 'high'], ['mistral', 'high']]),
      product('first-party', [['google', 'high'], ['mistral', 'high'], ['google', 'high']], 'first-party'),
      product('medium-only', [['mistral', 'medium']]),
      product('own-models', [['in-house', 'medium']]),
      product('secret', [['undisclosed', 'high']]),
      product('secret-and-own', [['undisclosed', 'high'], ['in-house', 'low']]),
      product('low-openai', [['google', 'high'], ['openai', 'low']]),
      product('uses-anthropic', [['anthropic', 'medium']]),
      product('other-category', [['google', 'high']], 'widget', 'coding', 'code-assistant-ide'),
    ],
  });

  it('ranks same kind first, then more high-confidence named claims, then name', () => {
    expect(ids(alternativesFor(index, target, { limit: 20 }))).toEqual([
      'two-high', 'a-google', 'b-google', 'medium-only', 'own-models', 'secret-and-own', 'first-party',
    ]);
  });

  it('never offers the product, a provider it uses (any confidence), undisclosed-only, or another job in another category', () => {
    const result = ids(alternativesFor(index, target, { limit: 20 }));
    for (const excluded of ['target', 'low-openai', 'uses-anthropic', 'secret', 'other-category']) expect(result).not.toContain(excluded);
  });

  it('offers tools that do the same job first, even from another category, then the rest of the category', () => {
    const notes = product('notes', [['anthropic', 'high']], 'first-party', 'meeting-notes', 'meeting-notes');
    const jobIndex = new CatalogIndex({
      providers: ['anthropic', 'openai', 'google'].map(provider),
      products: [
        notes,
        // Same category, another job: a fallback, after every tool that takes meeting notes.
        product('a-scheduler', [['google', 'high'], ['openai', 'high']], 'first-party', 'meeting-notes', 'calendar-assistant'),
        // Same job, filed under another category: still a meeting-notes tool.
        product('z-notetaker', [['openai', 'medium']], 'first-party', 'productivity', 'meeting-notes'),
        product('m-notetaker', [['google', 'high']], 'widget', 'meeting-notes', 'meeting-notes'),
        // Neither the job nor the category.
        product('whiteboard', [['google', 'high']], 'first-party', 'design', 'whiteboard'),
      ],
    });
    expect(ids(alternativesFor(jobIndex, notes, { limit: 20 }))).toEqual(['z-notetaker', 'm-notetaker', 'a-scheduler']);
  });

  it('honours limit (default 5) and an explicit avoid set', () => {
    expect(alternativesFor(index, target)).toHaveLength(5);
    expect(ids(alternativesFor(index, target, { limit: 2 }))).toEqual(['two-high', 'a-google']);
    expect(alternativesFor(index, target, { limit: 0 })).toEqual([]);
    // Avoiding only Google: the Anthropic users become candidates, Google users drop out.
    const avoidGoogle = ids(alternativesFor(index, target, { avoid: new Set(['google']), limit: 20 }));
    expect(avoidGoogle).toEqual(['medium-only', 'own-models', 'secret-and-own', 'uses-anthropic']);
    // In-house models of another vendor are not "the same provider", even when asked to avoid `in-house`.
    expect(ids(alternativesFor(index, target, { avoid: new Set(['in-house']), limit: 20 }))).toContain('own-models');
  });
});

describe('alternativesFor (bundled catalog)', () => {
  const index = new CatalogIndex(CATALOG);

  it('holds its promises for every product', () => {
    for (const subject of CATALOG.products) {
      const avoid = new Set(index.providersOf(subject).map((p) => p.id));
      const result = alternativesFor(index, subject);
      expect(result.length).toBeLessThanOrEqual(5);
      for (const alternative of result) {
        expect(alternative.id).not.toBe(subject.id);
        expect(alternative.job === subject.job || alternative.category === subject.category, `${subject.id} → ${alternative.id}`).toBe(true);
        expect(providersOf(alternative).filter((id) => avoid.has(id)), `${subject.id} → ${alternative.id}`).toEqual([]);
        expect(providersOf(alternative).some((id) => id !== 'undisclosed')).toBe(true);
      }
      // Same job first, then same kind within each of those groups.
      const order = result.map((p) => (p.job === subject.job ? 0 : 2) + (p.kind === subject.kind ? 0 : 1));
      expect(order).toEqual([...order].sort());
    }
  });

  it('offers a Zoom AI Companion user meeting-notes tools first', () => {
    const zoom = index.product('zoom-ai-companion')!;
    const result = alternativesFor(index, zoom);
    expect(result.length).toBeGreaterThan(0);
    expect(result[0]!.job).toBe('meeting-notes');
  });

  it('offers a Claude user assistants that do not run on Anthropic', () => {
    const claude = index.product('claude')!;
    const result = alternativesFor(index, claude, { limit: 50 });
    expect(ids(result)).toContain('chatgpt');
    expect(ids(result)).not.toContain('poe'); // Poe offers Claude bots
  });
});
