import { useEffect, useState } from 'preact/hooks';
import { t } from '../../platform/i18n.ts';
import { optionsUrl } from '../shared/components.tsx';
import { CatalogView } from './catalog.tsx';
import { ProductView } from './product.tsx';
import { ProviderPage } from './provider.tsx';
import { parseRoute, type Route } from './route.ts';
import { StackPage } from './stack.tsx';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  const current = route.name === 'product' ? 'catalog' : route.name;
  return (
    <>
      <a
        class="skip-link"
        href="#content"
        onClick={(event) => {
          // The hash holds the route, so the skip link moves focus itself.
          event.preventDefault();
          document.getElementById('content')?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <header class="app-header">
        <span class="brand">{t('extensionName')}</span>
        <nav aria-label={t('extensionName')}>
          <a href="#/" aria-current={current === 'catalog' ? 'page' : undefined}>
            {t('navCatalog')}
          </a>
          <a href="#/stack" aria-current={current === 'stack' ? 'page' : undefined}>
            {t('navStack')}
          </a>
          <a href={optionsUrl()}>{t('navOptions')}</a>
        </nav>
      </header>
      <main id="content" tabIndex={-1}>
        {route.name === 'catalog' && <CatalogView query={route.query} />}
        {route.name === 'product' && <ProductView key={route.id} productId={route.id} />}
        {route.name === 'provider' && <ProviderPage key={route.id} providerId={route.id} />}
        {route.name === 'stack' && <StackPage />}
      </main>
    </>
  );
}
