import type { Category, Confidence, ProductKind, Source } from '../../catalog/types.ts';
import { t } from '../../platform/i18n.ts';
import type { MessageKey } from '../../model/i18n.ts';

/** Message names allow only letters, digits and underscores. */
const key = (prefix: 'category_' | 'confidence_' | 'kind_' | 'sourceKind_' | 'dateKind_', id: string) => `${prefix}${id.replace(/-/g, '_')}` as MessageKey;

export const categoryName = (category: Category) => t(key('category_', category));
export const confidenceName = (confidence: Confidence) => t(key('confidence_', confidence));
export const kindName = (kind: ProductKind) => t(key('kind_', kind));
export const sourceKindName = (kind: Source['kind']) => t(key('sourceKind_', kind));
export const dateKindName = (dateKind: Source['dateKind']) => t(key('dateKind_', dateKind));
