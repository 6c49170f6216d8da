import productsJson from './products.json' with { type: 'json' };
import providersJson from './providers.json' with { type: 'json' };
import type { Catalog, Product, Provider } from './types.ts';

export type { Catalog, Product, Provider } from './types.ts';

/** The catalog bundled with this build; validated by test/unit/catalog.test.ts. */
export const CATALOG: Catalog = {
  providers: providersJson as Provider[],
  products: productsJson as Product[],
};

/** Lookups over one catalog, built once per worker start. */
export class CatalogIndex {
  readonly #products = new Map<string, Product>();
  readonly #providers = new Map<string, Provider>();

  constructor(readonly catalog: Catalog) {
    for (const provider of catalog.providers) this.#providers.set(provider.id, provider);
    for (const product of catalog.products) this.#products.set(product.id, product);
  }

  product(id: string): Product | undefined {
    return this.#products.get(id);
  }

  provider(id: string): Provider | undefined {
    return this.#providers.get(id);
  }

  /** Registry providers a product depends on, in catalog order, each once (`in-house`/`undisclosed` are not). */
  providersOf(product: Product): Provider[] {
    const ids = new Set(product.features.flatMap((feature) => feature.dependencies.map((dep) => dep.provider)));
    return [...ids].flatMap((id) => this.#providers.get(id) ?? []);
  }
}
