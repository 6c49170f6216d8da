import { CONFIDENCES, type Catalog, type Category, type Confidence, type Product } from '../../catalog/types.ts';

export interface CatalogFilter {
  /** Words to find in the product's name, vendor, category or provider names (all must match). */
  text: string;
  /** A provider id, `in-house`, `undisclosed`, or '' for any. */
  provider: string;
  category: Category | '';
  /** The weakest confidence a matching claim may have, or '' for any. */
  confidence: Confidence | '';
}

export const NO_FILTER: CatalogFilter = { text: '', provider: '', category: '', confidence: '' };

const atLeast = (confidence: Confidence, floor: Confidence | '') => floor === '' || CONFIDENCES.indexOf(confidence) <= CONFIDENCES.indexOf(floor);

function haystack(product: Product, providerNames: ReadonlyMap<string, string>): string {
  const providers = product.features.flatMap((feature) => feature.dependencies.map((dep) => providerNames.get(dep.provider) ?? dep.provider));
  return [product.name, product.vendor, product.category, ...providers].join(' ').toLowerCase();
}

/** The catalog's products that pass the filter, by name. A provider filter with a confidence floor needs one claim that meets both. */
export function filterProducts(catalog: Catalog, filter: CatalogFilter): Product[] {
  const providerNames = new Map(catalog.providers.map((provider) => [provider.id, provider.name]));
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.products
    .filter((product) => {
      if (filter.category && product.category !== filter.category) return false;
      const claims = product.features.flatMap((feature) => feature.dependencies);
      if (!claims.some((dep) => (filter.provider === '' || dep.provider === filter.provider) && atLeast(dep.confidence, filter.confidence))) return false;
      const text = haystack(product, providerNames);
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function filterFromQuery(query: URLSearchParams): CatalogFilter {
  const confidence = query.get('confidence') ?? '';
  return {
    text: query.get('q') ?? '',
    provider: query.get('provider') ?? '',
    category: (query.get('category') ?? '') as Category | '',
    confidence: (CONFIDENCES as readonly string[]).includes(confidence) ? (confidence as Confidence) : '',
  };
}

export function queryFromFilter(filter: CatalogFilter): string {
  const query = new URLSearchParams();
  if (filter.text) query.set('q', filter.text);
  if (filter.provider) query.set('provider', filter.provider);
  if (filter.category) query.set('category', filter.category);
  if (filter.confidence) query.set('confidence', filter.confidence);
  const text = query.toString();
  return text ? `?${text}` : '';
}
