import type { Translate } from '../model/i18n.ts';
import type { CatalogIndex } from './index.ts';
import type { Product } from './types.ts';

/** A provider's name for people: the registry's, or the translated words for in-house and undisclosed models. */
export function providerName(index: CatalogIndex, id: string, t: Translate): string {
  if (id === 'in-house') return t('inHouseModels');
  if (id === 'undisclosed') return t('undisclosedProvider');
  return index.provider(id)?.name ?? id;
}

/** The names of everything a product runs on, each once, in catalog order. */
export function providerNames(index: CatalogIndex, product: Product, t: Translate): string[] {
  const ids = new Set(product.features.flatMap((feature) => feature.dependencies.map((dep) => dep.provider)));
  return [...ids].map((id) => providerName(index, id, t));
}
