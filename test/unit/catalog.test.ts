import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { statusHostPermissions, validateCatalog } from '../../src/catalog/validate.ts';
import manifest from '../../manifest.json' with { type: 'json' };
import markers from '../../src/content/page-markers.json' with { type: 'json' };
import { DetectionIndex, pageMarkers } from '../../src/detect/engine.ts';
import { emptySignals } from '../../src/detect/signals.ts';

describe('the bundled catalog', () => {
  it('passes the schema', () => {
    expect(validateCatalog(CATALOG)).toEqual([]);
  });

  it('can read every status page: all are https, which the http(s) host permissions cover', () => {
    expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*']);
    for (const permission of statusHostPermissions(CATALOG)) expect(permission).toMatch(/^https:\/\//);
  });

  it('ships the page markers the content scripts need, in step with the catalog (npm run build regenerates them)', () => {
    expect(markers).toEqual(pageMarkers(CATALOG.products));
  });

  it('registers at least 20 providers, each on a platform with an adapter, the most used AI providers included', () => {
    expect(CATALOG.providers.length).toBeGreaterThanOrEqual(20);
    const ids = CATALOG.providers.map((provider) => provider.id);
    for (const required of ['openai', 'anthropic', 'google', 'google-gemini-app', 'azure-openai', 'aws-bedrock', 'mistral', 'cohere', 'perplexity', 'groq', 'together', 'fireworks', 'huggingface', 'replicate', 'deepseek', 'xai', 'elevenlabs', 'stability', 'openrouter', 'cerebras']) {
      expect(ids).toContain(required);
    }
  });

  it('maps notion.so and www.notion.so to Notion AI, which depends on the Anthropic and OpenAI APIs', () => {
    const index = new CatalogIndex(CATALOG);
    const detection = new DetectionIndex(CATALOG.products);
    for (const site of ['notion.so', 'www.notion.so']) {
      expect(detection.detect(emptySignals(site)).map((found) => found.productId)).toContain('notion-ai');
    }
    const notion = index.product('notion-ai')!;
    expect(index.providersOf(notion).map((provider) => provider.id).slice(0, 2)).toEqual(['anthropic', 'openai']);
    const highConfidence = notion.features.flatMap((feature) => feature.dependencies).filter((dep) => dep.confidence === 'high');
    expect(highConfidence.map((dep) => [dep.provider, dep.component])).toEqual([
      ['anthropic', 'api'],
      ['openai', 'api'],
      ['in-house', undefined],
    ]);
    expect(detection.detect(emptySignals('notion.so.evil.example'))).toEqual([]);
  });
});

describe('validateCatalog', () => {
  // Each case breaks Notion AI (moved first) and the first provider of a copy of the real catalog.
  const broken = (mutate: (catalog: Catalog) => void): string[] => {
    const catalog = structuredClone(CATALOG);
    const notion = catalog.products.findIndex((product) => product.id === 'notion-ai');
    catalog.products.unshift(...catalog.products.splice(notion, 1));
    mutate(catalog);
    return validateCatalog(catalog);
  };

  it('rejects a claim without sources', () => {
    expect(broken((c) => (c.products[0]!.features[0]!.dependencies[0]!.sources = []))).toContainEqual(
      expect.stringMatching(/needs at least one source/),
    );
  });

  it('rejects a provider whose status facts cite no source, or not its own status page', () => {
    expect(broken((c) => (c.providers[0]!.sources = []))).toEqual(
      expect.arrayContaining([expect.stringMatching(/provider openai: needs at least one source/), expect.stringMatching(/provider openai: needs a status-page source/)]),
    );
    const elsewhere = broken((c) => {
      for (const source of c.providers[0]!.sources) source.url = 'https://example.com/status';
    });
    expect(elsewhere).toContainEqual(expect.stringMatching(/provider openai: needs a status-page source on its own status host/));
    expect(broken((c) => (c.providers[1]!.sources[0]!.summary = ' '))).toContainEqual(expect.stringMatching(/provider anthropic: source needs a summary/));
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
      c.products.push({ ...structuredClone(c.products[0]!), id: 'notion-copy' });
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/must be https/), expect.stringMatching(/duplicate id/), expect.stringMatching(/already belongs to/)]),
    );
  });

  it('accepts only plain detection patterns: no regular expressions, no query strings, no page text', () => {
    const problems = broken((c) => {
      c.products[0]!.detect = {
        hosts: ['(a+)+$.example.com', '*.notion.so'],
        scripts: ['cdn.example.com/widget.js?key=1', 'https://cdn.example.com/x.js'],
        dom: ['div.chat > span', '#ok-id'],
        // A global is a single name: its existence is checked, a path under it would have to be read.
        globals: ['window["x"]', 'voiceflow.chat', 'Intercom'],
      };
    });
    expect(problems.filter((problem) => problem.includes('not a plain'))).toHaveLength(6);
  });

  it('requires hosts for first-party products, two kinds of signal for widgets, and no component for undisclosed', () => {
    const problems = broken((c) => {
      c.products[0]!.detect = { scripts: ['cdn.example.com/w.js'] };
      c.products[0]!.kind = 'widget';
      c.products[0]!.features[0]!.dependencies[1] = { ...c.products[0]!.features[0]!.dependencies[1]!, provider: 'undisclosed', component: 'api' };
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/two independent kinds of signal/), expect.stringMatching(/undisclosed takes no component/)]),
    );
  });
});
