import { useMemo } from 'preact/hooks';
import { CATEGORIES, CONFIDENCES, type Product } from '../../catalog/types.ts';
import { t } from '../../platform/i18n.ts';
import type { ProviderLevel } from '../../protocol/views.ts';
import { LevelPill } from '../shared/components.tsx';
import { usePageTitle } from './page-title.ts';
import { filterFromQuery, filterProducts, queryFromFilter, type CatalogFilter } from './filter.ts';
import { providerName } from '../../catalog/names.ts';
import { categoryName, confidenceName, kindName } from '../shared/labels.ts';
import { provenanceText } from '../shared/data.ts';
import { INDEX, PROVENANCE } from './catalog-index.ts';
import { productHref, providerHref } from './route.ts';
import { useLevels } from './use-levels.ts';
import { errorText } from '../shared/send.ts';

function ProductCard({ product, levels }: { product: Product; levels: Record<string, ProviderLevel> }) {
  const providers = [...new Set(product.features.flatMap((feature) => feature.dependencies.map((dep) => dep.provider)))];
  return (
    <li class="card" data-product={product.id}>
      <div class="card-head">
        <a href={productHref(product.id)} class="card-title">
          {product.name}
        </a>
        <span class="muted">
          {product.vendor} · {categoryName(product.category)} · {kindName(product.kind)}
        </span>
      </div>
      <ul class="chips" aria-label={t('providersOf', product.name)}>
        {providers.map((id) => {
          const level = levels[id];
          return (
            <li key={id} class="chip">
              {INDEX.provider(id) ? <a href={providerHref(id)}>{providerName(INDEX, id, t)}</a> : providerName(INDEX, id, t)}
              {level && <LevelPill value={level.level} />}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

/** Search and filters live in the URL, so a filtered view can be linked to and survives a reload. */
export function CatalogView({ query }: { query: URLSearchParams }) {
  const filter = filterFromQuery(query);
  const catalog = INDEX.catalog;
  const providersByName = useMemo(() => [...catalog.providers].sort((a, b) => a.name.localeCompare(b.name)), [catalog]);
  const products = useMemo(() => filterProducts(catalog, filter), [catalog, filter.text, filter.provider, filter.category, filter.confidence]);
  const { levels, error: levelsError } = useLevels(useMemo(() => products.flatMap((product) => INDEX.providersOf(product).map((provider) => provider.id)), [products]));
  usePageTitle(t('navCatalog'));
  const update = (change: Partial<CatalogFilter>) => {
    history.replaceState(null, '', `#/${queryFromFilter({ ...filter, ...change })}`);
    dispatchEvent(new HashChangeEvent('hashchange'));
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('catalogTitle')}</h1>
      <p class="muted">{t('catalogIntro', String(catalog.products.length), String(catalog.providers.length))}</p>
      <p class="muted data-version">{provenanceText(PROVENANCE)}</p>
      {levelsError && <p class="note">{t('levelsNotRead', errorText(levelsError))}</p>}
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('searchLabel')}
          <input type="search" value={filter.text} onInput={(event) => update({ text: event.currentTarget.value })} />
        </label>
        <label>
          {t('filterProvider')}
          <select value={filter.provider} onChange={(event) => update({ provider: event.currentTarget.value })}>
            <option value="">{t('filterAny')}</option>
            {providersByName.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name}
              </option>
            ))}
            <option value="in-house">{t('inHouseModels')}</option>
            <option value="undisclosed">{t('undisclosedProvider')}</option>
          </select>
        </label>
        <label>
          {t('filterCategory')}
          <select value={filter.category} onChange={(event) => update({ category: event.currentTarget.value as CatalogFilter['category'] })}>
            <option value="">{t('filterAny')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {categoryName(category)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterConfidence')}
          <select value={filter.confidence} onChange={(event) => update({ confidence: event.currentTarget.value as CatalogFilter['confidence'] })}>
            <option value="">{t('filterAny')}</option>
            {CONFIDENCES.map((confidence) => (
              <option key={confidence} value={confidence}>
                {t('atLeastConfidence', confidenceName(confidence))}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p class="result-count" role="status">
        {t('resultCount', String(products.length))}
      </p>
      <ul class="cards">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} levels={levels} />
        ))}
      </ul>
    </>
  );
}
