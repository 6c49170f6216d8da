import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { statusHostPermissions, validateCatalog } from '../../src/catalog/validate.ts';
import manifest from '../../manifest.json' with { type: 'json' };

describe('the bundled catalog', () => {
  it('passes the schema', () => {
    expect(validateCatalog(CATALOG)).toEqual([]);
  });

  it('has host permission for every status page and every alias, and nothing else', () => {
    expect([...manifest.host_permissions].sort()).toEqual(statusHostPermissions(CATALOG));
  });

  it('registers at least 20 providers, each on a platform with an adapter, the issue-3 list included', () => {
    expect(CATALOG.providers.length).toBeGreaterThanOrEqual(20);
    const ids = CATALOG.providers.map((provider) => provider.id);
    for (const required of ['openai', 'anthropic', 'google', 'google-gemini-app', 'azure-openai', 'aws-bedrock', 'mistral', 'cohere', 'perplexity', 'groq', 'together', 'fireworks', 'huggingface', 'replicate', 'deepseek', 'xai', 'elevenlabs', 'stability', 'openrouter', 'cerebras']) {
      expect(ids).toContain(required);
    }
  });

  it('maps notion.so and www.notion.so to Notion AI, which depends on the Anthropic and OpenAI APIs', () => {
    const index = new CatalogIndex(CATALOG);
    for (const site of ['notion.so', 'www.notion.so', 'WWW.NOTION.SO']) {
      expect(index.productsOnSite(site).map((product) => product.id)).toEqual(['notion-ai']);
    }
    const notion = index.product('notion-ai')!;
    expect(index.providersOf(notion).map((provider) => provider.id)).toEqual(['anthropic', 'openai']);
    const deps = notion.features.flatMap((feature) => feature.dependencies);
    expect(deps.map((dep) => [dep.provider, dep.component])).toEqual([
      ['anthropic', 'api'],
      ['openai', 'api'],
    ]);
    expect(index.productsOnSite('example.com')).toEqual([]);
    expect(index.productsOnSite('notion.so.evil.example')).toEqual([]);
  });
});

describe('validateCatalog', () => {
  const broken = (mutate: (catalog: Catalog) => void): string[] => {
    const catalog = structuredClone(CATALOG);
    mutate(catalog);
    return validateCatalog(catalog);
  };

  it('rejects a claim without sources', () => {
    expect(broken((c) => (c.products[0]!.features[0]!.dependencies[0]!.sources = []))).toContainEqual(
      expect.stringMatching(/needs at least one source/),
    );
  });

  it('rejects a provider that is not in the registry', () => {
    expect(broken((c) => (c.products[0]!.features[0]!.dependencies[0]!.provider = 'nobody'))).toContainEqual(
      expect.stringMatching(/not in the provider registry/),
    );
  });

  it('rejects an unknown component, platform, source kind, bad and future dates', () => {
    const problems = broken((c) => {
      const dep = c.products[0]!.features[0]!.dependencies[0]!;
      dep.component = 'nope';
      (c.providers[0]!.status as { platform: string }).platform = 'carrier-pigeon';
      (dep.sources[0] as { kind: string }).kind = 'rumour';
      dep.sources[0]!.date = '24/11/2026';
      dep.sources[1]!.date = '2999-01-01';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/no component nope/),
        expect.stringMatching(/no adapter for platform carrier-pigeon/),
        expect.stringMatching(/unknown source kind rumour/),
        expect.stringMatching(/date must be YYYY-MM-DD/),
        expect.stringMatching(/in the future/),
      ]),
    );
  });

  it('rejects http sources, duplicate ids and a site claimed by two products', () => {
    const problems = broken((c) => {
      c.products[0]!.features[0]!.dependencies[0]!.sources[0]!.url = 'http://example.com';
      c.products.push(structuredClone(c.products[0]!));
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/must be https/), expect.stringMatching(/duplicate id/)]),
    );
  });
});
