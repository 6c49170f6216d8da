import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import type { Catalog, Dependency, Source } from '../../src/catalog/types.ts';
import { sourceUrlProblem, statusHostPermissions, validateCatalog } from '../../src/catalog/validate.ts';
import manifest from '../../manifest.json' with { type: 'json' };
import markers from '../../src/content/page-markers.json' with { type: 'json' };
import plan from '../../src/content/page-plan.json' with { type: 'json' };
import { planMarkers } from '../../src/content/collect.ts';
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
    expect(plan).toEqual(planMarkers(pageMarkers(CATALOG.products)));
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

  it('rejects a provider source of a kind that says nothing about a status page', () => {
    for (const kind of ['press', 'subprocessor-list', 'provider-case-study', 'marketplace-listing']) {
      expect(broken((c) => ((c.providers[0]!.sources[0] as { kind: string }).kind = kind)), kind).toContainEqual(
        expect.stringMatching(new RegExp(`provider openai: unknown source kind ${kind}`)),
      );
    }
    expect(broken((c) => ((c.providers[0]!.sources.at(-1) as { kind: string }).kind = 'official-blog'))).toEqual([]);
  });

  it('rejects a field a provider or its source does not have, such as leftover evidence', () => {
    const evidence = [{ url: 'https://status.openai.com', note: 'seen' }];
    expect(broken((c) => Object.assign(c.providers[0]!, { evidence }))).toEqual(['provider openai: unknown field "evidence"']);
    expect(broken((c) => Object.assign(c.providers[1]!.sources[0]!, { evidence }))).toEqual([
      `provider anthropic source ${CATALOG.providers[1]!.sources[0]!.url}: unknown field "evidence"`,
    ]);
    // Fields that only claims about products have.
    expect(broken((c) => Object.assign(c.providers[1]!.sources[0]!, { statesRoute: true }))).toContainEqual(expect.stringMatching(/unknown field "statesRoute"/));
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`extra${i}`, i]));
    expect(broken((c) => Object.assign(c.providers[0]!, many))).toHaveLength(5);
  });

  it('rejects related-name patterns so short or empty they would match every product of a shared page', () => {
    const withParams = (value: unknown) =>
      broken((c) => {
        c.providers[0]!.status.params = { relatedProducts: value as string[] };
      });
    expect(withParams(['AI'])).toContainEqual(expect.stringMatching(/provider openai: status.params.relatedProducts entries must be at least 3 characters/));
    expect(withParams([])).toContainEqual(expect.stringMatching(/provider openai: status.params.relatedProducts must be a non-empty list/));
    expect(withParams('Gemini')).toContainEqual(expect.stringMatching(/must be a non-empty list/));
    expect(withParams(['Gemini']).filter((problem) => problem.includes('params'))).toEqual([]);
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

describe('the source rules', () => {
  const page = (url: string, extra: Partial<Source> = {}): Source => ({
    url, kind: 'official-docs', date: '2026-11-24', dateKind: 'accessed', read: '2026-11-24', summary: 'Says it.', statesRoute: true, ...extra,
  });
  // Notion AI's Anthropic claim (high confidence, "Anthropic API"), with its sources replaced by `sources`.
  const problemsOf = (sources: Source[], change: Partial<Dependency> = {}): string[] => {
    const catalog = structuredClone(CATALOG);
    const dep = catalog.products.find((product) => product.id === 'notion-ai')!.features[0]!.dependencies[0]!;
    Object.assign(dep, { sources, ...change });
    return validateCatalog(catalog).filter((problem) => problem.startsWith('product notion-ai'));
  };

  it('accepts the page that says it', () => {
    expect(problemsOf([page('https://www.notion.com/help/notion-ai-security-practices')])).toEqual([]);
  });

  it('rejects a site root and a trust-centre home, wherever they are', () => {
    for (const url of ['https://trust.notion.example', 'https://trust.notion.example/', 'https://www.notion.example/trust', 'https://www.notion.example/trust-center/']) {
      expect(problemsOf([page(url)]), url).toContainEqual(expect.stringMatching(/is a (site root|trust-centre home), not the page that says it/));
    }
    // A page identified by its query is a page, not a root.
    expect(sourceUrlProblem(page('https://news.example.com/?p=24013'))).toBeNull();
  });

  it('rejects third-party trackers and summaries', () => {
    for (const url of ['https://en.wikipedia.org/wiki/Notion', 'https://www.zenml.io/llmops-database/notion', 'https://preview-notion.vercel.app/subprocessors']) {
      expect(sourceUrlProblem(page(url)), url).toMatch(/third-party summary/);
    }
  });

  it('rejects a non-English locale of a page unless the source says it has no English version', () => {
    for (const url of ['https://help.example.com/de-de/article/1', 'https://docs.example.com/ja/intro', 'https://docs.example.com/docs/zh-CN/intro', 'https://help.example.com/article?hl=fr', 'https://fr.example.com/help/ai']) {
      expect(sourceUrlProblem(page(url)), url).toMatch(/page: cite the English one/);
    }
    expect(sourceUrlProblem(page('https://help.example.com/de-de/article/1', { language: 'de' }))).toBeNull();
    expect(sourceUrlProblem(page('https://help.example.com/de-de/article/1', { language: 'fr' }))).toMatch(/de page/);
    for (const url of ['https://help.example.com/hc/en-us/articles/1', 'https://learn.example.com/en-gb/docs/x', 'https://helpx.example.com/in/legal/x.html']) {
      expect(sourceUrlProblem(page(url)), url).toBeNull();
    }
    expect(problemsOf([page('https://www.notion.com/help/ai', { language: 'english' })])).toContainEqual(expect.stringMatching(/two-letter code/));
  });

  it('states a route only when a source does, and keeps a claim whose route no source states at medium', () => {
    const unstated = page('https://www.notion.com/help/ai', { statesRoute: undefined });
    expect(problemsOf([unstated])).toContainEqual(expect.stringMatching(/no source states the route "Anthropic API"/));
    expect(problemsOf([unstated], { route: 'Claude models (route not stated)' })).toContainEqual(expect.stringMatching(/at most medium confidence/));
    expect(problemsOf([unstated], { route: 'Claude models (route not stated)', confidence: 'medium' })).toEqual([]);
    expect(problemsOf([page('https://www.notion.com/help/ai')], { route: 'Claude models (route not stated)' })).toContainEqual(
      expect.stringMatching(/a source states the route, so the route must say it/),
    );
    // A cloud route is never a guess: Bedrock, Vertex AI or Azure need a source that states it.
    expect(problemsOf([unstated], { provider: 'aws-bedrock', component: 'api', route: 'Claude on AWS Bedrock (route not stated)', confidence: 'low' })).toContainEqual(
      expect.stringMatching(/a route through aws-bedrock needs a source that states it/),
    );
    expect(problemsOf([unstated], { route: 'Claude on Vertex AI (route not stated)', confidence: 'low' })).toContainEqual(
      expect.stringMatching(/needs a source that states it/),
    );
  });

  it('keeps claims from press and company-wide subprocessor lists at medium, and makes every list say its scope', () => {
    const list = page('https://notion.example/subprocessors', { kind: 'subprocessor-list', scope: 'company-wide' });
    expect(problemsOf([list])).toContainEqual(expect.stringMatching(/high-confidence claim needs a first-party source about this product/));
    expect(problemsOf([page('https://press.example.com/notion-ai', { kind: 'press' })])).toContainEqual(expect.stringMatching(/needs a first-party source/));
    expect(problemsOf([list], { confidence: 'medium' })).toEqual([]);
    expect(problemsOf([{ ...list, scope: 'product' }])).toEqual([]);
    expect(problemsOf([{ ...list, scope: undefined }], { confidence: 'medium' })).toContainEqual(expect.stringMatching(/needs a scope/));
    expect(problemsOf([page('https://www.notion.com/help/ai', { scope: 'product' })])).toContainEqual(expect.stringMatching(/only a subprocessor list has a scope/));
    // A model provider's customer story and an app-store listing are first-party statements about the product.
    expect(problemsOf([page('https://claude.example/customers/notion', { kind: 'provider-case-study' })])).toEqual([]);
    expect(problemsOf([page('https://slack.com/marketplace/A0-notion', { kind: 'marketplace-listing' })])).toEqual([]);
  });

  it('records the day each source was read: a real day, not before the page was published', () => {
    const read = (value: string | undefined, date = '2026-11-24') => problemsOf([{ ...page('https://www.notion.com/help/ai'), date, dateKind: 'published', read: value as string }]);
    expect(read(undefined)).toContainEqual(expect.stringMatching(/needs the day it was read/));
    expect(read('2026-02-30')).toContainEqual(expect.stringMatching(/needs the day it was read/));
    expect(read('2026-11-01')).toContainEqual(expect.stringMatching(/was read \(2026-11-01\) before its date \(2026-11-24\)/));
    expect(read('2999-01-01', '2026-11-24')).toContainEqual(expect.stringMatching(/read date 2999-01-01 is in the future/));
    expect(read('2026-12-01')).toEqual([]);
  });

  it('gives every product a job', () => {
    const catalog = structuredClone(CATALOG);
    (catalog.products[0] as { job?: string }).job = undefined;
    catalog.products[1]!.job = 'Meeting Notes';
    expect(validateCatalog(catalog).filter((problem) => problem.includes('needs a job'))).toHaveLength(2);
  });

  it('holds for every claim in the bundled catalog: no claim source is a root, a tracker or a stray locale', () => {
    const sources = CATALOG.products.flatMap((product) => product.features.flatMap((feature) => feature.dependencies.flatMap((dep) => dep.sources)));
    expect(sources.length).toBeGreaterThan(700);
    expect(sources.map(sourceUrlProblem).filter((problem) => problem !== null)).toEqual([]);
  });
});

describe('AI request patterns (early warning)', () => {
  const withClaude = (mutate: (requests: NonNullable<Catalog['products'][number]['aiRequests']>, catalog: Catalog) => void): string[] => {
    const catalog = structuredClone(CATALOG);
    const claude = catalog.products.find((product) => product.id === 'claude')!;
    mutate(claude.aiRequests!, catalog);
    return validateCatalog(catalog).filter((problem) => problem.includes('AI request') || problem.includes('aiRequests'));
  };

  it('name the requests of the most used assistants, each with a public source', () => {
    const named = CATALOG.products.filter((product) => (product.aiRequests?.length ?? 0) > 0).map((product) => product.id);
    expect(named).toEqual(expect.arrayContaining(['chatgpt', 'claude', 'google-gemini-app', 'perplexity', 'grok', 'deepseek-chat', 'notion-ai']));
    for (const product of CATALOG.products) {
      for (const request of product.aiRequests ?? []) {
        expect(request.sources.length, `${product.id} ${request.path}`).toBeGreaterThan(0);
        // A repository's file is cited at a commit, never a branch that moves.
        for (const source of request.sources) if (source.url.startsWith('https://github.com/')) expect(source.url).toMatch(/\/blob\/[0-9a-f]{40}\//);
      }
    }
  });

  it('rejects a host the product does not use, a wildcard host, and paths that are not plain', () => {
    const problems = withClaude((requests) => {
      requests.push(
        { ...requests[0]!, host: 'api.anthropic.com' },
        { ...requests[0]!, host: '*.claude.ai' },
        { ...requests[0]!, path: '/*/chat' },
        { ...requests[0]!, path: '/api/completion?stream=1' },
        { ...requests[0]!, path: '/api//completion' },
        { ...requests[0]!, path: '/api/**/completion' },
        { ...requests[0]!, path: 'api/completion' },
      );
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/api\.anthropic\.com.*not one of the product's hosts/),
        expect.stringMatching(/\*\.claude\.ai.*plain hostname/),
      ]),
    );
    expect(problems.filter((problem) => problem.includes('plain segments'))).toHaveLength(5);
  });

  it('rejects an unknown method, a source of another kind or without a date read, and a request claimed twice', () => {
    const problems = withClaude((requests, catalog) => {
      (requests[0] as { method: string }).method = 'BREW';
      (requests[1]!.sources[0] as { kind: string }).kind = 'press';
      requests[1]!.sources[0]!.read = '';
      const chatgpt = catalog.products.find((product) => product.id === 'chatgpt')!;
      chatgpt.aiRequests!.push({ ...structuredClone(chatgpt.aiRequests![0]!) });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown method BREW/),
        expect.stringMatching(/unknown source kind press/),
        expect.stringMatching(/needs the day it was read/),
        expect.stringMatching(/already belongs to chatgpt/),
      ]),
    );
  });

  it('rejects more than a few patterns per product and an empty list', () => {
    expect(withClaude((requests) => requests.push(...Array.from({ length: 10 }, (_, i) => ({ ...requests[0]!, path: `/api/p${i}` }))))).toContainEqual(expect.stringMatching(/at most 10 AI requests/));
    expect(withClaude((requests) => requests.splice(0))).toContainEqual(expect.stringMatching(/lists at least one request/));
  });
});
