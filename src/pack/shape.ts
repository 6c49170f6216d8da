/**
 * Reads a catalog and a changelog out of untrusted JSON: every field the extension uses is checked for its type
 * and size and copied into a fresh object; fields this version does not know are left behind. What comes out
 * has the catalog's types, so the catalog's own validator (`validateCatalog`) and everything after it can read
 * it without meeting a number where a list should be. The validator then judges what the data says.
 */
import type { AiRequest, Catalog, Dependency, Detection, Feature, Product, Provider, ProviderComponent, RequestSource, Source } from '../catalog/types.ts';
import { isRecord, type JsonObject } from '../model/json.ts';
import { isCatalogId } from '../model/patterns.ts';
import { CHANGE_KINDS, PACK_LIMITS, type ChangelogEntry } from './format.ts';

class ShapeError extends Error {}

const L = PACK_LIMITS;

function fail(at: string, what: string): never {
  throw new ShapeError(`${at}: ${what}`);
}

function object(value: unknown, at: string): JsonObject {
  return isRecord(value) ? value : fail(at, 'must be an object');
}

function text(value: unknown, at: string, max: number): string {
  if (typeof value !== 'string') fail(at, 'must be a string');
  if (value.length > max) fail(at, `is longer than ${max} characters`);
  return value;
}

function optionalText(value: unknown, at: string, max: number): string | undefined {
  return value === undefined ? undefined : text(value, at, max);
}

function list<T>(value: unknown, at: string, max: number, read: (item: unknown, at: string) => T): T[] {
  if (!Array.isArray(value)) fail(at, 'must be a list');
  if (value.length > max) fail(at, `holds more than ${max} items`);
  return value.map((item, i) => read(item, `${at}[${i}]`));
}

const texts = (max: number, maxLength: number) => (value: unknown, at: string) => list(value, at, max, (item, where) => text(item, where, maxLength));

/** Copies the optional fields that are present, so an absent field stays absent (not `undefined`). */
function withOptional<T extends object>(base: T, optional: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (base as Record<string, unknown>)[key] = value;
  return base;
}

function source(value: unknown, at: string): Source {
  const raw = object(value, at);
  const statesRoute = raw.statesRoute;
  if (statesRoute !== undefined && typeof statesRoute !== 'boolean') fail(`${at}.statesRoute`, 'must be true or absent');
  return withOptional(
    {
      url: text(raw.url, `${at}.url`, L.url),
      kind: text(raw.kind, `${at}.kind`, L.code) as Source['kind'],
      date: text(raw.date, `${at}.date`, L.code),
      dateKind: text(raw.dateKind, `${at}.dateKind`, L.code) as Source['dateKind'],
      read: text(raw.read, `${at}.read`, L.code),
      summary: text(raw.summary, `${at}.summary`, L.text),
    },
    {
      scope: optionalText(raw.scope, `${at}.scope`, L.code),
      statesRoute,
      language: optionalText(raw.language, `${at}.language`, L.code),
    },
  );
}

const sources = (value: unknown, at: string) => list(value, at, L.sourcesPerClaim, source);

function params(value: unknown, at: string): Record<string, string | string[]> | undefined {
  if (value === undefined) return undefined;
  const raw = object(value, at);
  const entries = Object.entries(raw);
  if (entries.length > L.paramsPerProvider) fail(at, `holds more than ${L.paramsPerProvider} parameters`);
  // A null-prototype record: a parameter named `__proto__` is a key like any other.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, item] of entries) {
    text(key, `${at} key`, L.code);
    out[key] = Array.isArray(item) ? texts(L.valuesPerParam, L.pattern)(item, `${at}.${key}`) : text(item, `${at}.${key}`, L.pattern);
  }
  return { ...out };
}

function component(value: unknown, at: string): ProviderComponent {
  const raw = object(value, at);
  const match = object(raw.match, `${at}.match`);
  return {
    id: text(raw.id, `${at}.id`, L.id),
    name: text(raw.name, `${at}.name`, L.name),
    kind: text(raw.kind, `${at}.kind`, L.code) as ProviderComponent['kind'],
    match: { ids: texts(L.matchesPerComponent, L.name)(match.ids, `${at}.match.ids`), names: texts(L.matchesPerComponent, L.name)(match.names, `${at}.match.names`) },
  };
}

function provider(value: unknown, at: string): Provider {
  const raw = object(value, at);
  const status = object(raw.status, `${at}.status`);
  const minPoll = status.minPollMinutes;
  if (minPoll !== undefined && typeof minPoll !== 'number') fail(`${at}.status.minPollMinutes`, 'must be a number');
  return withOptional(
    {
      id: text(raw.id, `${at}.id`, L.id),
      name: text(raw.name, `${at}.name`, L.name),
      homepage: text(raw.homepage, `${at}.homepage`, L.url),
      status: withOptional(
        {
          pageUrl: text(status.pageUrl, `${at}.status.pageUrl`, L.url),
          platform: text(status.platform, `${at}.status.platform`, L.code) as Provider['status']['platform'],
          aliases: texts(L.aliasesPerProvider, L.pattern)(status.aliases, `${at}.status.aliases`),
        },
        {
          params: params(status.params, `${at}.status.params`),
          minPollMinutes: minPoll,
          permission: optionalText(status.permission, `${at}.status.permission`, L.pattern),
        },
      ),
      components: list(raw.components, `${at}.components`, L.componentsPerProvider, component),
      sources: sources(raw.sources, `${at}.sources`),
    },
    { notes: optionalText(raw.notes, `${at}.notes`, L.text) },
  );
}

const DETECTION_KEYS = ['hosts', 'paths', 'scripts', 'iframes', 'dom', 'meta', 'globals', 'requests'] as const;

function detection(value: unknown, at: string): Detection {
  const raw = object(value, at);
  const out: Detection = {};
  for (const key of DETECTION_KEYS) {
    if (raw[key] !== undefined) out[key] = texts(L.patternsPerKind, L.pattern)(raw[key], `${at}.${key}`);
  }
  return out;
}

function dependency(value: unknown, at: string): Dependency {
  const raw = object(value, at);
  return withOptional(
    {
      provider: text(raw.provider, `${at}.provider`, L.id),
      route: text(raw.route, `${at}.route`, L.name),
      confidence: text(raw.confidence, `${at}.confidence`, L.code) as Dependency['confidence'],
      sources: sources(raw.sources, `${at}.sources`),
    },
    { component: optionalText(raw.component, `${at}.component`, L.id) },
  );
}

function feature(value: unknown, at: string): Feature {
  const raw = object(value, at);
  return {
    name: text(raw.name, `${at}.name`, L.name),
    dependencies: list(raw.dependencies, `${at}.dependencies`, L.dependenciesPerFeature, dependency),
  };
}

function aiRequest(value: unknown, at: string): AiRequest {
  const raw = object(value, at);
  return {
    host: text(raw.host, `${at}.host`, L.pattern),
    path: text(raw.path, `${at}.path`, L.pattern),
    method: text(raw.method, `${at}.method`, L.code) as AiRequest['method'],
    sources: list(raw.sources, `${at}.sources`, L.sourcesPerClaim, (item, where) => source(item, where) as unknown as RequestSource),
  };
}

function product(value: unknown, at: string): Product {
  const raw = object(value, at);
  const changes =
    raw.changes === undefined
      ? undefined
      : list(raw.changes, `${at}.changes`, L.changesPerProduct, (item, where) => {
          const change = object(item, where);
          return { date: text(change.date, `${where}.date`, L.code), summary: text(change.summary, `${where}.summary`, L.text) };
        });
  return withOptional(
    {
      id: text(raw.id, `${at}.id`, L.id),
      name: text(raw.name, `${at}.name`, L.name),
      vendor: text(raw.vendor, `${at}.vendor`, L.name),
      kind: text(raw.kind, `${at}.kind`, L.code) as Product['kind'],
      category: text(raw.category, `${at}.category`, L.code) as Product['category'],
      job: text(raw.job, `${at}.job`, L.id),
      detect: detection(raw.detect, `${at}.detect`),
      features: list(raw.features, `${at}.features`, L.featuresPerProduct, feature),
    },
    {
      changes,
      notes: optionalText(raw.notes, `${at}.notes`, L.text),
      aiRequests: raw.aiRequests === undefined ? undefined : list(raw.aiRequests, `${at}.aiRequests`, L.patternsPerKind, aiRequest),
    },
  );
}

export type Shaped<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A catalog with the catalog's types and within the pack's bounds, or the first thing wrong with it. */
export function readCatalog(value: unknown): Shaped<Catalog> {
  try {
    const raw = object(value, 'catalog');
    return {
      ok: true,
      value: {
        providers: list(raw.providers, 'catalog.providers', L.providers, provider),
        products: list(raw.products, 'catalog.products', L.products, product),
      },
    };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

function httpsUrl(value: unknown, at: string): string {
  const url = text(value, at, L.url);
  try {
    if (new URL(url).protocol === 'https:') return url;
  } catch {
    // Reported below.
  }
  return fail(at, 'must be an https URL');
}

/**
 * A pack's release notes: each entry of a kind this version knows is checked (a catalog id, a name, https
 * addresses for a move); entries of kinds it does not know are left out, so a newer publisher can add kinds.
 */
export function readChangelog(value: unknown): Shaped<ChangelogEntry[]> {
  try {
    const entries = list(value, 'changelog', L.changelog, (item, at) => {
      const raw = object(item, at);
      const kind = raw.kind;
      if (typeof kind !== 'string' || !(CHANGE_KINDS as readonly string[]).includes(kind)) return null;
      const id = text(raw.id, `${at}.id`, L.id);
      if (!isCatalogId(id)) fail(`${at}.id`, 'must be a catalog id');
      const name = text(raw.name, `${at}.name`, L.name);
      if (name.trim() === '') fail(`${at}.name`, 'must not be empty');
      if (kind === 'provider-moved') return { kind, id, name, from: httpsUrl(raw.from, `${at}.from`), to: httpsUrl(raw.to, `${at}.to`) };
      return { kind: kind as Exclude<ChangelogEntry['kind'], 'provider-moved'>, id, name };
    });
    return { ok: true, value: entries.filter((entry): entry is ChangelogEntry => entry !== null) };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}
