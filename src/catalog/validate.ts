import {
  CATEGORIES,
  COMPONENT_KINDS,
  CONFIDENCES,
  PRODUCT_KINDS,
  SOURCE_KINDS,
  STATUS_PLATFORMS,
  isSpecialProvider,
  type Catalog,
  type Dependency,
  type Detection,
  type Product,
  type Source,
} from './types.ts';
import { CATALOG_ID, HOSTNAME, ISO_DAY } from '../model/patterns.ts';

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
    problems.push(...validateSources(where, provider.sources, today));
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
    problems.push(...validateDetection(product, hostOwners));
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
const HOST_PATTERN = /^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
const URL_PATTERN = /^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s?#*]*)?$/;
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
  problems.push(...validateSources(at, dep.sources, today));
  return problems;
}

function statusHost(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

/** A claim's or a provider's sources: at least one, each a dated https page with a summary in our words. */
function validateSources(at: string, value: unknown, today: Date): string[] {
  const problems: string[] = [];
  const sources = Array.isArray(value) ? (value as Source[]) : [];
  if (sources.length === 0) problems.push(`${at}: needs at least one source`);
  for (const source of sources) {
    if (!isHttpsUrl(source.url)) problems.push(`${at}: source url must be https`);
    if (!SOURCE_KINDS.includes(source.kind)) problems.push(`${at}: unknown source kind ${source.kind}`);
    if (!DATE.test(source.date) || Number.isNaN(Date.parse(source.date))) {
      problems.push(`${at}: source date must be YYYY-MM-DD`);
    } else if (Date.parse(source.date) > today.getTime()) {
      problems.push(`${at}: source date ${source.date} is in the future`);
    }
    if (source.dateKind !== 'published' && source.dateKind !== 'accessed' && source.dateKind !== 'checked') {
      problems.push(`${at}: dateKind must be published, accessed or checked`);
    }
    if (!isNonEmptyString(source.summary)) problems.push(`${at}: source needs a summary`);
  }
  return problems;
}
