/**
 * Making a pack's payload from a catalog (`npm run data:pack`, and the tests): the markers are derived from the
 * products exactly as the bundled copy's are (scripts/generate-markers.ts), and the release notes are the
 * difference from the catalog of the previous pack.
 */
import type { Catalog, Product, Provider } from '../catalog/types.ts';
import { pageMarkers } from '../detect/engine.ts';
import { PACK_LIMITS, PACK_SCHEMA, type ChangelogEntry, type DataPack } from './format.ts';

export interface PackMeta {
  version: number;
  published: Date;
  changelog: ChangelogEntry[];
}

/** The pack document for a catalog (not yet checked: `openPack` is the judge, here and in the extension). */
export function packDocument(catalog: Catalog, meta: PackMeta): DataPack {
  return {
    schema: PACK_SCHEMA,
    version: meta.version,
    published: meta.published.toISOString(),
    catalog,
    markers: pageMarkers(catalog.products),
    changelog: meta.changelog,
  };
}

/** The payload's bytes: compact JSON in UTF-8, the exact bytes that are signed. */
export function packPayload(catalog: Catalog, meta: PackMeta): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(packDocument(catalog, meta)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed between two catalogs, for people: products added and removed, products whose claims (features,
 * dependencies, sources) or detection changed, providers added and removed, providers whose status page moved,
 * and providers whose tracked components changed. Providers first, then products, each in catalog order.
 */
export function changelogBetween(before: Catalog, after: Catalog): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  const oldProviders = new Map<string, Provider>(before.providers.map((provider) => [provider.id, provider]));
  const newProviderIds = new Set(after.providers.map((provider) => provider.id));
  for (const provider of after.providers) {
    const old = oldProviders.get(provider.id);
    const about = { id: provider.id, name: provider.name };
    if (!old) entries.push({ kind: 'provider-added', ...about });
    else {
      if (old.status.pageUrl !== provider.status.pageUrl || old.status.platform !== provider.status.platform) {
        entries.push({ kind: 'provider-moved', ...about, from: old.status.pageUrl, to: provider.status.pageUrl });
      }
      if (!same(old.components, provider.components)) entries.push({ kind: 'components-changed', ...about });
    }
  }
  for (const provider of before.providers) if (!newProviderIds.has(provider.id)) entries.push({ kind: 'provider-removed', id: provider.id, name: provider.name });

  const oldProducts = new Map<string, Product>(before.products.map((product) => [product.id, product]));
  const newProductIds = new Set(after.products.map((product) => product.id));
  for (const product of after.products) {
    const old = oldProducts.get(product.id);
    const about = { id: product.id, name: product.name };
    if (!old) entries.push({ kind: 'product-added', ...about });
    else {
      if (!same(old.features, product.features)) entries.push({ kind: 'claims-changed', ...about });
      if (!same(old.detect, product.detect)) entries.push({ kind: 'detection-changed', ...about });
    }
  }
  for (const product of before.products) if (!newProductIds.has(product.id)) entries.push({ kind: 'product-removed', id: product.id, name: product.name });
  return entries;
}

/** Whether release notes fit in a pack. */
export function changelogFits(entries: readonly ChangelogEntry[]): boolean {
  return entries.length <= PACK_LIMITS.changelog;
}
