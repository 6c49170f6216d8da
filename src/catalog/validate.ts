import { ADAPTERS } from '../health/registry.ts';
import { COMPONENT_KINDS, CONFIDENCES, SOURCE_KINDS, type Catalog } from './types.ts';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
    if (!(provider.status?.platform in ADAPTERS)) problems.push(`${where}: no adapter for platform ${provider.status?.platform}`);
    for (const alias of provider.status?.aliases ?? []) {
      if (!HOSTNAME.test(alias)) problems.push(`${where}: alias ${alias} is not a hostname`);
    }
    const permission = provider.status?.permission;
    if (permission !== undefined && !/^https:\/\/[a-z0-9.-]+\/[a-z0-9/_-]*\*$/.test(permission)) {
      problems.push(`${where}: permission ${permission} is not an https host permission`);
    }
    if (!isNonEmptyString(provider.evidence)) problems.push(`${where}: needs evidence for its status facts`);
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
  const sites = new Map<string, string>();
  for (const product of catalog.products) {
    const where = `product ${product.id}`;
    if (!ID.test(product.id)) problems.push(`${where}: id must be kebab-case`);
    if (productIds.has(product.id)) problems.push(`${where}: duplicate id`);
    productIds.add(product.id);
    for (const field of ['name', 'vendor', 'category'] as const) {
      if (!isNonEmptyString(product[field])) problems.push(`${where}: needs a ${field}`);
    }
    for (const site of product.sites) {
      if (!HOSTNAME.test(site)) problems.push(`${where}: site ${site} is not a lowercase hostname`);
      const owner = sites.get(site);
      if (owner !== undefined && owner !== product.id) problems.push(`${where}: site ${site} already belongs to ${owner}`);
      sites.set(site, product.id);
    }
    if (product.features.length === 0) problems.push(`${where}: needs at least one AI feature`);
    for (const feature of product.features) {
      if (!isNonEmptyString(feature.name)) problems.push(`${where}: a feature needs a name`);
      if (feature.dependencies.length === 0) problems.push(`${where} feature ${feature.name}: needs a dependency`);
      for (const dep of feature.dependencies) {
        const at = `${where} → ${dep.provider}`;
        const provider = catalog.providers.find((candidate) => candidate.id === dep.provider);
        if (!provider) problems.push(`${at}: provider is not in the provider registry`);
        else if (!provider.components.some((component) => component.id === dep.component)) {
          problems.push(`${at}: provider has no component ${dep.component}`);
        }
        if (!isNonEmptyString(dep.route)) problems.push(`${at}: needs a route`);
        if (!CONFIDENCES.includes(dep.confidence)) problems.push(`${at}: unknown confidence ${dep.confidence}`);
        if (dep.sources.length === 0) problems.push(`${at}: every claim needs at least one source`);
        for (const source of dep.sources) {
          if (!isHttpsUrl(source.url)) problems.push(`${at}: source url must be https`);
          if (!SOURCE_KINDS.includes(source.kind)) problems.push(`${at}: unknown source kind ${source.kind}`);
          if (!DATE.test(source.date) || Number.isNaN(Date.parse(source.date))) {
            problems.push(`${at}: source date must be YYYY-MM-DD`);
          } else if (Date.parse(source.date) > today.getTime()) {
            problems.push(`${at}: source date ${source.date} is in the future`);
          }
          if (source.dateKind !== 'published' && source.dateKind !== 'accessed') {
            problems.push(`${at}: dateKind must be published or accessed`);
          }
          if (!isNonEmptyString(source.summary)) problems.push(`${at}: source needs a summary`);
        }
      }
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
