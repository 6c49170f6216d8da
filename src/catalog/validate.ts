import {
  CATEGORIES,
  COMPONENT_KINDS,
  CONFIDENCES,
  PRODUCT_KINDS,
  PROVIDER_SOURCE_KINDS,
  REQUEST_METHODS,
  REQUEST_SOURCE_KINDS,
  SOURCE_KINDS,
  SOURCE_SCOPES,
  STATUS_PLATFORMS,
  isSpecialProvider,
  type Catalog,
  type Dependency,
  type Detection,
  type Product,
  type Provider,
  type Source,
} from './types.ts';
import { CATALOG_ID, HOST_PATTERN, HOSTNAME, ISO_DAY, isIsoDay, URL_PATTERN } from '../model/patterns.ts';

const ID = CATALOG_ID;
const DATE = ISO_DAY;

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** A provider's fields; anything else is a leftover no page shows, which the schema refuses rather than ships. */
const PROVIDER_FIELDS: ReadonlySet<string> = new Set<keyof Provider>(['id', 'name', 'homepage', 'status', 'components', 'sources', 'notes']);
/** A provider source's fields: scope and statesRoute belong to claims about products. */
const PROVIDER_SOURCE_FIELDS: ReadonlySet<string> = new Set<keyof Source>(['url', 'kind', 'date', 'dateKind', 'read', 'summary', 'language']);
/** Enough unknown fields of one object to say what is wrong, however many it has. */
const MAX_UNKNOWN_FIELDS_REPORTED = 5;

function unknownFields(at: string, value: unknown, known: ReadonlySet<string>): string[] {
  if (!value || typeof value !== 'object') return [];
  const unknown: string[] = [];
  for (const field in value) {
    if (!Object.hasOwn(value, field) || known.has(field)) continue;
    unknown.push(`${at}: unknown field ${JSON.stringify(field.slice(0, 40))}`);
    if (unknown.length === MAX_UNKNOWN_FIELDS_REPORTED) break;
  }
  return unknown;
}

/** Parameters that widen what an adapter reads beyond the mapped components, to keep unknown names' incidents. */
const SCOPE_PARAMS = ['groupIds', 'relatedProducts', 'relatedServices'] as const;

/**
 * Scope parameters are lists of names or ids; a name pattern shorter than 3 characters would match
 * nearly every product of a shared page and turn its every incident into a possible impact.
 */
function validateScopeParams(where: string, params: Record<string, string | string[]> | undefined): string[] {
  const problems: string[] = [];
  for (const key of SCOPE_PARAMS) {
    const value = params?.[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.length === 0) problems.push(`${where}: status.params.${key} must be a non-empty list`);
    else if (value.some((item) => typeof item !== 'string' || item.trim().length < 3)) problems.push(`${where}: status.params.${key} entries must be at least 3 characters`);
  }
  return problems;
}

/**
 * Every problem in a catalog, as readable sentences; an empty list means it is valid.
 * This is the catalog's schema: data that passes it can ship without code changes.
 */
export function validateCatalog(catalog: Catalog, today = new Date()): string[] {
  const problems: string[] = [];
  const providerIds = new Set<string>();

  for (const provider of catalog.providers) {
    const where = `provider ${provider.id}`;
    if (!ID.test(provider.id)) problems.push(`${where}: id must be kebab-case`);
    if (providerIds.has(provider.id)) problems.push(`${where}: duplicate id`);
    providerIds.add(provider.id);
    if (!isNonEmptyString(provider.name)) problems.push(`${where}: needs a name`);
    if (!isHttpsUrl(provider.homepage)) problems.push(`${where}: homepage must be an https URL`);
    if (!isHttpsUrl(provider.status?.pageUrl)) problems.push(`${where}: status.pageUrl must be an https URL`);
    if (!(STATUS_PLATFORMS as readonly string[]).includes(provider.status?.platform)) problems.push(`${where}: no adapter for platform ${provider.status?.platform}`);
    for (const alias of provider.status?.aliases ?? []) {
      if (!HOSTNAME.test(alias)) problems.push(`${where}: alias ${alias} is not a hostname`);
    }
    const permission = provider.status?.permission;
    if (permission !== undefined && !/^https:\/\/[a-z0-9.-]+\/[a-z0-9/_-]*\*$/.test(permission)) {
      problems.push(`${where}: permission ${permission} is not an https host permission`);
    }
    const minPoll = provider.status?.minPollMinutes;
    if (minPoll !== undefined && !(Number.isFinite(minPoll) && minPoll >= 1 && minPoll <= 60)) {
      problems.push(`${where}: minPollMinutes must be between 1 and 60`);
    }
    problems.push(...unknownFields(where, provider, PROVIDER_FIELDS));
    problems.push(...validateScopeParams(where, provider.status?.params));
    problems.push(...validateSources(where, provider.sources, today, false, PROVIDER_SOURCE_KINDS));
    for (const source of Array.isArray(provider.sources) ? provider.sources : []) {
      problems.push(...unknownFields(`${where} source ${String(source?.url).slice(0, 200)}`, source, PROVIDER_SOURCE_FIELDS));
    }
    const statusHosts = new Set([statusHost(provider.status.pageUrl), ...(provider.status?.aliases ?? [])]);
    if (!provider.sources?.some((source) => source.kind === 'status-page' && statusHosts.has(statusHost(source.url)))) {
      problems.push(`${where}: needs a status-page source on its own status host`);
    }
    if (provider.notes !== undefined && !isNonEmptyString(provider.notes)) problems.push(`${where}: notes must not be empty`);
    if (provider.components.length === 0) problems.push(`${where}: needs at least one component`);
    const componentIds = new Set<string>();
    for (const component of provider.components) {
      const at = `${where} component ${component.id}`;
      if (!ID.test(component.id) || componentIds.has(component.id)) problems.push(`${at}: id must be unique kebab-case`);
      componentIds.add(component.id);
      if (!COMPONENT_KINDS.includes(component.kind)) problems.push(`${at}: unknown kind ${component.kind}`);
      if (component.match.ids.length + component.match.names.length === 0) {
        problems.push(`${at}: must match at least one status-page component id or name`);
      }
    }
  }

  const productIds = new Set<string>();
  const hostOwners = new Map<string, string>();
  const requestOwners = new Map<string, string>();
  for (const product of catalog.products) {
    const where = `product ${product.id}`;
    if (!ID.test(product.id)) problems.push(`${where}: id must be kebab-case`);
    if (productIds.has(product.id)) problems.push(`${where}: duplicate id`);
    productIds.add(product.id);
    for (const field of ['name', 'vendor'] as const) {
      if (!isNonEmptyString(product[field])) problems.push(`${where}: needs a ${field}`);
    }
    if (!PRODUCT_KINDS.includes(product.kind)) problems.push(`${where}: kind must be first-party or widget`);
    if (!CATEGORIES.includes(product.category)) problems.push(`${where}: unknown category ${product.category}`);
    if (typeof product.job !== 'string' || !ID.test(product.job)) problems.push(`${where}: needs a job, in kebab-case`);
    problems.push(...validateDetection(product, hostOwners));
    problems.push(...validateAiRequests(product, requestOwners, today));
    if (product.features.length === 0) problems.push(`${where}: needs at least one AI feature`);
    for (const feature of product.features) {
      if (!isNonEmptyString(feature.name)) problems.push(`${where}: a feature needs a name`);
      if (feature.dependencies.length === 0) problems.push(`${where} feature ${feature.name}: needs a dependency`);
      for (const dep of feature.dependencies) problems.push(...validateDependency(catalog, `${where} → ${dep.provider}`, dep, today));
    }
    for (const change of product.changes ?? []) {
      if (!DATE.test(change.date) || !isNonEmptyString(change.summary)) problems.push(`${where}: a change needs a YYYY-MM-DD date and a summary`);
    }
  }
  return problems;
}

/** The host permissions the providers' status pages need: the manifest must list exactly these. */
export function statusHostPermissions(catalog: Catalog): string[] {
  const permissions = catalog.providers.flatMap((provider) => [
    provider.status.permission ?? `https://${new URL(provider.status.pageUrl).hostname}/*`,
    ...provider.status.aliases.map((alias) => `https://${alias}/*`),
  ]);
  return [...new Set(permissions)].sort();
}

/*
 * Detection patterns are plain strings looked up in hash tables; none becomes a regular expression, so no
 * catalog entry can make detection slower than linear. These shapes enforce that they stay plain.
 */
const PATH_PATTERN = /^\/[^\s?#*]*$/;
const DOM_MARKER = /^(?:#[A-Za-z_][\w-]*|[a-z][a-z0-9]*-[a-z0-9-]*|\[data-[a-z0-9-]+(?:=[^\]\s"']+)?\])$/;
const META_PATTERN = /^[a-z0-9:._-]+(?:=\S.*)?$/i;
/** A single identifier: a global is checked for existence only, never read, so a property path has no meaning. */
const GLOBAL_PATTERN = /^[A-Za-z_$][\w$]*$/;

const DETECTION_SHAPES: Record<keyof Detection, RegExp> = {
  hosts: HOST_PATTERN,
  paths: PATH_PATTERN,
  scripts: URL_PATTERN,
  iframes: URL_PATTERN,
  dom: DOM_MARKER,
  meta: META_PATTERN,
  globals: GLOBAL_PATTERN,
  requests: HOST_PATTERN,
};

function validateDetection(product: Product, hostOwners: Map<string, string>): string[] {
  const where = `product ${product.id}`;
  const problems: string[] = [];
  const detect = product.detect ?? {};
  for (const [key, values] of Object.entries(detect) as [keyof Detection, string[]][]) {
    const shape = DETECTION_SHAPES[key];
    if (!shape) {
      problems.push(`${where}: unknown detection signal ${key}`);
      continue;
    }
    for (const value of values) if (!shape.test(value)) problems.push(`${where}: ${key} pattern ${JSON.stringify(value)} is not a plain pattern of its kind`);
  }
  if (detect.paths && !detect.hosts) problems.push(`${where}: paths need hosts`);
  if (product.kind === 'first-party' && !detect.hosts?.length) problems.push(`${where}: a first-party product needs the hosts it runs on`);
  if (product.kind === 'widget') {
    const kinds = (['scripts', 'iframes', 'dom', 'meta', 'globals', 'requests'] as const).filter((key) => (detect[key]?.length ?? 0) > 0);
    if (kinds.length < 2) problems.push(`${where}: a widget needs at least two independent kinds of signal`);
  }
  for (const host of detect.hosts ?? []) {
    const key = `${host}${(detect.paths ?? []).join(',')}`;
    const owner = hostOwners.get(key);
    if (owner !== undefined && owner !== product.id) problems.push(`${where}: host ${host} already belongs to ${owner}`);
    hostOwners.set(key, product.id);
  }
  return problems;
}

/** AI request patterns a product may name: each costs the worker a listener match, so a product names few. */
export const MAX_AI_REQUESTS_PER_PRODUCT = 10;
/** A path segment: literal (no wildcard, query or fragment), or `*` for one segment of any value. */
const PATH_SEGMENT = /^(?:[A-Za-z0-9._~!$&'()+,;=:@%-]+|\*)$/;
const MAX_REQUEST_PATH = 300;

/** The hostnames a product's own pages and requests go to, against which its AI requests' hosts are checked. */
function ownHost(detect: Detection, host: string): boolean {
  return [...(detect.hosts ?? []), ...(detect.requests ?? [])].some((pattern) => pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1))));
}

/**
 * A product's AI request patterns: an exact host the product is known to use, a method, a whole path of plain
 * segments (literal first), each pattern with a public source, and no pattern claimed by two products.
 */
function validateAiRequests(product: Product, owners: Map<string, string>, today: Date): string[] {
  const where = `product ${product.id}`;
  const problems: string[] = [];
  const requests = product.aiRequests;
  if (requests === undefined) return problems;
  if (!Array.isArray(requests) || requests.length === 0) return [`${where}: aiRequests, when present, lists at least one request`];
  if (requests.length > MAX_AI_REQUESTS_PER_PRODUCT) problems.push(`${where}: at most ${MAX_AI_REQUESTS_PER_PRODUCT} AI requests`);
  for (const request of requests) {
    const at = `${where} AI request ${request.method} ${request.host}${request.path}`;
    if (typeof request.host !== 'string' || !HOSTNAME.test(request.host)) problems.push(`${at}: host must be a plain hostname`);
    else if (!ownHost(product.detect ?? {}, request.host)) problems.push(`${at}: host is not one of the product's hosts or request hosts`);
    const segments = typeof request.path === 'string' && request.path.startsWith('/') && request.path.length <= MAX_REQUEST_PATH ? request.path.slice(1).split('/') : null;
    if (segments === null || !segments.every((segment) => PATH_SEGMENT.test(segment)) || segments[0] === '*') {
      problems.push(`${at}: path must be /-separated plain segments or *, the first one literal`);
    }
    if (!(REQUEST_METHODS as readonly string[]).includes(request.method)) problems.push(`${at}: unknown method ${String(request.method)}`);
    problems.push(...validateSources(at, request.sources, today, true, REQUEST_SOURCE_KINDS));
    const key = `${request.method} ${request.host}${request.path}`;
    const owner = owners.get(key);
    if (owner !== undefined) problems.push(`${at}: already belongs to ${owner}`);
    owners.set(key, product.id);
  }
  return problems;
}

/** Providers that are themselves a route to other companies' models: naming one states the route. */
const ROUTE_PROVIDERS = new Set(['aws-bedrock', 'azure-openai']);
/** Words that name a cloud route; a route that says one must rest on a source that states it. */
const CLOUD_ROUTE = /bedrock|vertex|azure/i;
export const ROUTE_NOT_STATED = '(route not stated)';
/** Sources that can make a claim high confidence: first-party and about this product. */
const PRODUCT_SPECIFIC_KINDS = new Set(['official-docs', 'official-blog', 'provider-case-study', 'marketplace-listing', 'status-page', 'status-api']);

function isProductSpecific(source: Source): boolean {
  return PRODUCT_SPECIFIC_KINDS.has(source.kind) || (source.kind === 'subprocessor-list' && source.scope === 'product');
}

function validateDependency(catalog: Catalog, at: string, dep: Dependency, today: Date): string[] {
  const problems: string[] = [];
  if (isSpecialProvider(dep.provider)) {
    if (dep.component !== undefined) problems.push(`${at}: ${dep.provider} takes no component`);
  } else {
    const provider = catalog.providers.find((candidate) => candidate.id === dep.provider);
    if (!provider) problems.push(`${at}: provider is not in the provider registry`);
    else if (!provider.components.some((component) => component.id === dep.component)) {
      problems.push(`${at}: provider has no component ${dep.component}`);
    }
  }
  if (!isNonEmptyString(dep.route)) problems.push(`${at}: needs a route`);
  if (!CONFIDENCES.includes(dep.confidence)) problems.push(`${at}: unknown confidence ${dep.confidence}`);
  problems.push(...validateSources(at, dep.sources, today, true));
  const sources = Array.isArray(dep.sources) ? dep.sources : [];
  if (!isSpecialProvider(dep.provider) && isNonEmptyString(dep.route)) {
    const stated = sources.some((source) => source.statesRoute === true);
    const saysNotStated = dep.route.endsWith(ROUTE_NOT_STATED);
    if (!stated && !saysNotStated) problems.push(`${at}: no source states the route "${dep.route}": say "${ROUTE_NOT_STATED}"`);
    if (stated && saysNotStated) problems.push(`${at}: a source states the route, so the route must say it`);
    if (!stated && (ROUTE_PROVIDERS.has(dep.provider) || CLOUD_ROUTE.test(dep.route))) {
      problems.push(`${at}: a route through ${dep.provider} needs a source that states it`);
    }
    if (!stated && dep.confidence === 'high') problems.push(`${at}: a claim whose route no source states is at most medium confidence`);
  }
  if (dep.confidence === 'high' && sources.length > 0 && !sources.some(isProductSpecific)) {
    problems.push(`${at}: a high-confidence claim needs a first-party source about this product (press and company-wide lists alone are at most medium)`);
  }
  return problems;
}

function statusHost(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

/** Languages whose locale paths mark a page as not English (`/de/`, `/ja-jp/`, `/zh-CN/`, `?hl=fr`, `fr.example.com`). */
const NON_ENGLISH = new Set([
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'he', 'hr', 'hu', 'it', 'ja', 'ko', 'lt', 'lv', 'nb', 'nl', 'no',
  'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'uk', 'vi', 'zh',
]);
const LOCALE_SEGMENT = /^([a-z]{2})(?:[-_][a-z]{2,4})?$/i;
const LOCALE_PARAMS = ['hl', 'lang', 'locale', 'language'];
/** A trust centre's home (its documents sit on pages below it). */
const TRUST_CENTRE_HOMES = new Set(['/trust', '/trust-center', '/trust-centre', '/trustcenter']);
/** Third-party trackers, aggregators and summaries: never the page that says it. */
const NOT_A_SOURCE = ['wikipedia.org', 'zenml.io', 'epium.com', 'conductatlas.com', 'youtubesummary.com', 'aileakage.com', 'trustlists.org', 'vercel.app'];

/** The non-English language a URL's locale marks, if any. */
export function urlLanguage(url: URL): string | null {
  const candidates = [
    ...url.pathname.split('/').filter(Boolean).map((segment) => LOCALE_SEGMENT.exec(segment)?.[1]),
    ...LOCALE_PARAMS.map((param) => /^([a-z]{2})(?:[-_]|$)/i.exec(url.searchParams.get(param) ?? '')?.[1]),
    ...(url.hostname.split('.').length > 2 ? [LOCALE_SEGMENT.exec(url.hostname.split('.')[0] ?? '')?.[1]] : []),
  ];
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase();
    if (language !== undefined && NON_ENGLISH.has(language)) return language;
  }
  return null;
}

/** Why a claim's source URL is not the page that says it, or null: a site root, a trust-centre home, a tracker, a locale. */
export function sourceUrlProblem(source: Source): string | null {
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    return null;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' && url.search === '') return `source ${source.url} is a site root, not the page that says it`;
  if (TRUST_CENTRE_HOMES.has(path.toLowerCase())) return `source ${source.url} is a trust-centre home, not the page that says it`;
  if (NOT_A_SOURCE.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`))) {
    return `source ${source.url} is a third-party summary, not the page that says it`;
  }
  const language = urlLanguage(url);
  if (language !== null && source.language !== language) {
    return `source ${source.url} is a ${language} page: cite the English one, or mark the language when there is none`;
  }
  return null;
}

/**
 * A claim's, a request pattern's or a provider's sources: at least one, each of the kinds allowed there, a dated
 * https page with a summary in our words and the day we read it. A claim's sources (`claim`) must also be the
 * page that says it (see `sourceUrlProblem`), and a subprocessor list says whether it covers the whole company or
 * this product.
 */
function validateSources(at: string, value: unknown, today: Date, claim: boolean, kinds: readonly string[] = SOURCE_KINDS): string[] {
  const problems: string[] = [];
  const sources = Array.isArray(value) ? (value as Source[]) : [];
  if (sources.length === 0) problems.push(`${at}: needs at least one source`);
  for (const source of sources) {
    if (!isHttpsUrl(source.url)) problems.push(`${at}: source url must be https`);
    if (!kinds.includes(source.kind)) problems.push(`${at}: unknown source kind ${source.kind}`);
    if (!DATE.test(source.date) || Number.isNaN(Date.parse(source.date))) {
      problems.push(`${at}: source date must be YYYY-MM-DD`);
    } else if (Date.parse(source.date) > today.getTime()) {
      problems.push(`${at}: source date ${source.date} is in the future`);
    }
    if (source.dateKind !== 'published' && source.dateKind !== 'accessed' && source.dateKind !== 'checked') {
      problems.push(`${at}: dateKind must be published, accessed or checked`);
    }
    if (!isIsoDay(source.read)) {
      problems.push(`${at}: source ${source.url} needs the day it was read, YYYY-MM-DD`);
    } else if (Date.parse(source.read) > today.getTime()) {
      problems.push(`${at}: source read date ${source.read} is in the future`);
    } else if (DATE.test(source.date) && source.read < source.date) {
      problems.push(`${at}: source ${source.url} was read (${source.read}) before its date (${source.date})`);
    }
    if (!isNonEmptyString(source.summary)) problems.push(`${at}: source needs a summary`);
    if (source.language !== undefined && !(/^[a-z]{2}$/.test(source.language) && source.language !== 'en')) {
      problems.push(`${at}: language ${source.language} must be a two-letter code other than en`);
    }
    if (source.statesRoute !== undefined && source.statesRoute !== true) problems.push(`${at}: statesRoute is true or absent`);
    if (source.kind === 'subprocessor-list') {
      if (!(SOURCE_SCOPES as readonly unknown[]).includes(source.scope)) problems.push(`${at}: a subprocessor list needs a scope (company-wide or product)`);
    } else if (source.scope !== undefined) {
      problems.push(`${at}: only a subprocessor list has a scope`);
    }
    if (claim) {
      const urlProblem = sourceUrlProblem(source);
      if (urlProblem !== null) problems.push(`${at}: ${urlProblem}`);
    }
  }
  return problems;
}
