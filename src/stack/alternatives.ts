import type { CatalogIndex, Product } from '../catalog/index.ts';
import { isSpecialProvider } from '../catalog/types.ts';
import { compareNames } from './stack.ts';

const dependenciesOf = (product: Product) => product.features.flatMap((feature) => feature.dependencies);

/**
 * Catalog products that could stand in for `product` (the same job, or else the same category) without depending
 * on any of `avoid` (default: every registry provider the product depends on, any confidence). Candidates must
 * have at least one dependency that is not `undisclosed` (a product whose providers we cannot name is not a safe
 * alternative); in-house models count as a different provider. Ranked: the same job first (a meeting-notes tool
 * for a meeting-notes tool, not any productivity app), then the same kind (first-party/widget), then more
 * high-confidence claims on registry providers, then by name. At most `limit` (default 5). Never includes the product itself.
 */
export function alternativesFor(
  index: CatalogIndex,
  product: Product,
  options: { avoid?: ReadonlySet<string>; limit?: number } = {},
): Product[] {
  const avoid = options.avoid ?? new Set(index.providersOf(product).map((provider) => provider.id));
  const limit = options.limit ?? 5;
  // Another vendor's in-house models are not this product's: special ids never match what is avoided.
  const avoids = (provider: string) => !isSpecialProvider(provider) && avoid.has(provider);
  // "Provider not disclosed" with high confidence says nothing about where the tool runs, and in-house models have
  // no status page Upstream can watch: neither ranks.
  const highClaims = (candidate: Product) =>
    dependenciesOf(candidate).filter((dep) => dep.confidence === 'high' && !isSpecialProvider(dep.provider)).length;

  return index.catalog.products
    .filter((candidate) => {
      if (candidate.id === product.id) return false;
      if (candidate.job !== product.job && candidate.category !== product.category) return false;
      const deps = dependenciesOf(candidate);
      // Any confidence: even a low-confidence link to the failing provider makes a poor fallback.
      return !deps.some((dep) => avoids(dep.provider)) && deps.some((dep) => dep.provider !== 'undisclosed');
    })
    .map((candidate) => ({
      candidate,
      sameJob: candidate.job === product.job,
      sameKind: candidate.kind === product.kind,
      high: highClaims(candidate),
    }))
    .sort(
      (a, b) =>
        Number(b.sameJob) - Number(a.sameJob) ||
        Number(b.sameKind) - Number(a.sameKind) ||
        b.high - a.high ||
        compareNames(a.candidate, b.candidate),
    )
    .slice(0, Math.max(0, limit))
    .map(({ candidate }) => candidate);
}
