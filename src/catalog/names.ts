import type { Translate } from '../model/i18n.ts';
import type { CatalogIndex } from './index.ts';
import { isSpecialProvider, type Product, type SpecialProvider } from './types.ts';

/** The words for the two answers that are not registry providers: the vendor's own models, or none named. */
const SPECIAL_WORDS = {
  'in-house': { name: 'inHouseModels', component: 'inHouseComponent', inSentence: 'itsOwnModels' },
  undisclosed: { name: 'undisclosedProvider', component: 'undisclosedComponent', inSentence: 'anUndisclosedProvider' },
} as const;

/** "In-house models" / "Undisclosed provider". */
export const specialProviderName = (id: SpecialProvider, t: Translate) => t(SPECIAL_WORDS[id].name);
/** "the vendor's own models" / "not disclosed by the vendor": what stands where a component would. */
export const specialComponentName = (id: SpecialProvider, t: Translate) => t(SPECIAL_WORDS[id].component);
/** "its own models" / "an undisclosed provider", inside "Notion AI runs on …". */
export const specialProviderInSentence = (id: SpecialProvider, t: Translate) => t(SPECIAL_WORDS[id].inSentence);

/** A provider's name for people: the registry's, or the translated words for in-house and undisclosed models. */
export function providerName(index: CatalogIndex, id: string, t: Translate): string {
  if (isSpecialProvider(id)) return specialProviderName(id, t);
  return index.provider(id)?.name ?? id;
}

/** The names of everything a product runs on, each once, in catalog order. */
export function providerNames(index: CatalogIndex, product: Product, t: Translate): string[] {
  const ids = new Set(product.features.flatMap((feature) => feature.dependencies.map((dep) => dep.provider)));
  return [...ids].map((id) => providerName(index, id, t));
}
