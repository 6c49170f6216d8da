import { useEffect, useState } from 'preact/hooks';
import type { Dependency } from '../../catalog/types.ts';
import { t } from '../../platform/i18n.ts';
import { alternativesFor } from '../../stack/alternatives.ts';
import type { HealthLevel } from '../../model/levels.ts';
import { DependencyRow } from '../shared/dependency.tsx';
import { joinNames } from '../../model/text.ts';
import { errorText, send } from '../shared/send.ts';
import type { ProtocolError } from '../../protocol/messages.ts';
import { usePageTitle } from './page-title.ts';
import { providerNames } from '../../catalog/names.ts';
import { categoryName, kindName } from '../shared/labels.ts';
import { SourceList } from '../shared/components.tsx';
import { INDEX } from './catalog-index.ts';
import { productHref, providerHref } from './route.ts';
import { useLevels } from './use-levels.ts';


/** A claim of the catalog, with the provider's live level and a link to its page. */
function CatalogDependency({ dep, level }: { dep: Dependency; level: HealthLevel | null }) {
  const provider = INDEX.provider(dep.provider);
  const component = provider?.components.find((candidate) => candidate.id === dep.component);
  return (
    <DependencyRow
      providerId={dep.provider}
      providerName={provider?.name ?? dep.provider}
      providerHref={provider ? providerHref(provider.id) : undefined}
      claim={{ componentName: component?.name ?? '', route: dep.route, confidence: dep.confidence, sources: dep.sources }}
      level={level}
    />
  );
}

/** Pinned state from the worker (the stack lives in the extension's storage), and why it is unknown if it is. */
function usePinned(productId: string): [boolean | null, ProtocolError | null, (pinned: boolean) => Promise<void>] {
  const [pinned, setPinnedState] = useState<boolean | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const load = async () => {
    const reply = await send('get-stack', {});
    if (reply.ok) setPinnedState(reply.value.entries.some((entry) => entry.member.productId === productId && entry.member.pinned));
    setError(reply.ok ? null : reply.error);
  };
  useEffect(() => {
    void load();
  }, [productId]);
  return [
    pinned,
    error,
    async (value: boolean) => {
      const reply = await send('set-pinned', { productId, pinned: value });
      if (!reply.ok) setError(reply.error);
      else await load();
    },
  ];
}

export function ProductView({ productId }: { productId: string }) {
  const product = INDEX.product(productId);
  const { levels, error: levelsError } = useLevels(product ? INDEX.providersOf(product).map((provider) => provider.id) : []);
  const [pinned, pinError, setPinned] = usePinned(productId);
  usePageTitle(product?.name ?? t('notFound'));
  if (!product) return <h1 tabIndex={-1}>{t('notFound')}</h1>;
  const alternatives = alternativesFor(INDEX, product);
  return (
    <article class="product-page" data-product={product.id}>
      <div class="page-head">
        <h1 tabIndex={-1}>{product.name}</h1>
        {pinned !== null && (
          <button type="button" aria-pressed={pinned} onClick={() => void setPinned(!pinned)}>
            {pinned ? t('pinned') : t('pinToStack')}
          </button>
        )}
      </div>
      <p class="muted">
        {product.vendor} · {categoryName(product.category)} · {kindName(product.kind)}
      </p>
      {pinError && <p class="note">{errorText(pinError)}</p>}
      {levelsError && <p class="note">{t('levelsNotRead', errorText(levelsError))}</p>}
      {product.features.map((feature) => (
        <section key={feature.name} aria-label={feature.name}>
          <h2>{feature.name}</h2>
          <ul class="cards">
            {feature.dependencies.map((dep) => (
              <CatalogDependency key={`${dep.provider}/${dep.component ?? ''}`} dep={dep} level={levels[dep.provider]?.level ?? null} />
            ))}
          </ul>
        </section>
      ))}
      {product.aiRequests && product.aiRequests.length > 0 && (
        <section aria-labelledby="ai-requests-heading">
          <h2 id="ai-requests-heading">{t('aiRequestsHeading')}</h2>
          <p class="muted">{t('aiRequestsIntro', product.name)}</p>
          <ul class="cards">
            {product.aiRequests.map((request) => (
              <li key={`${request.method} ${request.host}${request.path}`} class="card ai-request">
                <code>
                  {request.method} {request.host}
                  {request.path}
                </code>
                <SourceList sources={request.sources} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {product.notes && (
        <section>
          <h2>{t('notesHeading')}</h2>
          <p>{product.notes}</p>
        </section>
      )}
      {product.changes && product.changes.length > 0 && (
        <section>
          <h2>{t('changesHeading')}</h2>
          <ul>
            {product.changes.map((change) => (
              <li key={change.date + change.summary}>
                <span class="muted">{change.date}</span> {change.summary}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>{t('alternativesHeading')}</h2>
        {alternatives.length === 0 ? (
          <p>{t('noAlternatives')}</p>
        ) : (
          <ul class="plain-list">
            {alternatives.map((alternative) => (
              <li key={alternative.id}>
                <a href={productHref(alternative.id)}>{alternative.name}</a>{' '}
                <span class="muted">{t('onProviders', joinNames(t, providerNames(INDEX, alternative, t)))}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
