import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { Evidence } from '../../detect/engine.ts';
import type { DependencyStatus, ProductStatus } from '../../health/assess.ts';
import { isTrouble, moreUrgentFirst, needsAttention } from '../../model/levels.ts';
import { possibleWhere } from '../../health/possible-where.ts';
import { EARLY_WARNING } from '../../health/early-warning-policy.ts';
import { admissionLine, failuresText, warningLine } from '../../health/early-warning-words.ts';
import type { MessageKey } from '../../model/i18n.ts';
import type { AlternativeView, TabProduct, TabView } from '../../protocol/views.ts';
import { SPECIAL_PROVIDERS } from '../../catalog/types.ts';
import { specialProviderInSentence } from '../../catalog/names.ts';
import { ago, appUrl, IncidentItem, levelText, optionsUrl } from '../shared/components.tsx';
import { DependencyRow } from '../shared/dependency.tsx';
import { joinNames } from '../../model/text.ts';
import { confidenceName, readErrorText } from '../shared/labels.ts';
import { t } from '../../platform/i18n.ts';
import { markShown } from '../shared/timing.ts';
import { errorText, send } from '../shared/send.ts';
import { provenanceText } from '../shared/data.ts';

const FRESHNESS_NOTES: Record<DependencyStatus['freshness'], MessageKey | null> = {
  fresh: null,
  'never-read': 'freshness_never_read',
  failing: 'freshness_failing',
  stale: 'freshness_stale',
  frozen: 'freshness_frozen',
  'component-missing': 'freshness_component_missing',
  'not-monitored': null,
};

/** One provider of the product, with what Upstream read of it: the notes, incidents and when it was checked. */
function DependencyCard({ dep, productName }: { dep: DependencyStatus; productName: string }) {
  const noteKey = FRESHNESS_NOTES[dep.freshness];
  const reason = dep.lastError ? readErrorText(dep.lastError) : null;
  // Failing reads say why; a single failed read keeps the last reading on screen, and says so too.
  const note = dep.freshness === 'failing' && reason ? t('failingBecause', reason) : noteKey ? t(noteKey) : reason ? t('latestReadFailedBecause', reason) : '';
  return (
    <DependencyRow
      providerId={dep.providerId}
      providerName={dep.providerName}
      claim={{ componentName: dep.componentName, route: dep.route, feature: dep.feature, confidence: dep.confidence, sources: dep.sources }}
      level={dep.monitored ? dep.level : null}
    >
      {note && (
        <p class="note">
          {note}
          {dep.lastKnownLevel && dep.level === 'unknown' ? ` ${t('lastKnown', levelText(dep.lastKnownLevel))}` : ''}
        </p>
      )}
      {dep.incidents.length > 0 && (
        <ul class="incidents">
          {dep.incidents.map((incident) => (
            <IncidentItem key={incident.id} incident={incident} />
          ))}
        </ul>
      )}
      {dep.possibleIncidents.length > 0 && (
        <div class="possible">
          <p class="note">{t('possibleImpact', dep.providerName, possibleWhere(dep.possibleIncidents, t), productName)}</p>
          <ul class="incidents">
            {dep.possibleIncidents.map(({ incident }) => (
              <IncidentItem key={incident.id} incident={incident} />
            ))}
          </ul>
        </div>
      )}
      {dep.incidentsUnavailable && <p class="note">{t('incidentsUnavailable')}</p>}
      {dep.statusPageUrl && (
        <div class="dependency-foot muted">
          {dep.checkedAt ? t('checkedAgo', ago(dep.checkedAt)) : t('neverChecked')} ·{' '}
          <a href={dep.statusPageUrl} target="_blank" rel="noreferrer">
            {t('statusPage')}
          </a>
        </div>
      )}
    </DependencyRow>
  );
}

/** "Notion AI runs on Anthropic and OpenAI." plus one line per provider that is not operational. */
function Summary({ product }: { product: ProductStatus }) {
  const providers = [...new Set(product.dependencies.filter((dep) => dep.monitored).map((dep) => dep.providerName))];
  for (const special of SPECIAL_PROVIDERS) {
    if (product.dependencies.some((dep) => dep.providerId === special)) providers.push(specialProviderInSentence(special, t));
  }
  const attention = product.dependencies.filter(demandsAttention);
  return (
    <div class="summary">
      <p>{t('runsOn', product.productName, joinNames(t, providers))}</p>
      {attention.map((dep) => (
        <p key={dep.providerId} class={`headline level-${dep.level}`} role="status">
          {dep.possible ? t('troubleOnPossible', dep.providerName, possibleWhere(dep.possibleIncidents, t)) : t('troubleOn', dep.providerName, levelText(dep.level), dep.componentName)}
        </p>
      ))}
    </div>
  );
}

/** A monitored provider that is not a fresh all clear: shown first, with the healthy rest folded away. */
const demandsAttention = (dep: DependencyStatus) => dep.monitored && needsAttention(dep.level);

/** In an outage the most urgent providers come first, then the healthy ones, then models with no public status. */
function byUrgency(dependencies: DependencyStatus[]): DependencyStatus[] {
  return [...dependencies].sort((a, b) => Number(!a.monitored) - Number(!b.monitored) || (a.monitored ? moreUrgentFirst(a.level, b.level) : 0));
}

/** "Why we think so": each signal that recognised the product on this page. */
function DetectionEvidence({ product }: { product: TabProduct }) {
  const { detection } = product;
  return (
    <details class="evidence">
      <summary>{t('whyWeThink', product.status.productName, confidenceName(detection.confidence))}</summary>
      <ul>
        {detection.evidence.map((evidence: Evidence) => (
          <li key={`${evidence.signal}:${evidence.matched}`}>
            {t(`signal_${evidence.signal}`)}: <code>{evidence.matched}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

const cards = (dependencies: DependencyStatus[], productName: string) => (
  <ul class="dependencies">
    {dependencies.map((dep) => (
      <DependencyCard key={`${dep.providerId}:${dep.componentName}`} dep={dep} productName={productName} />
    ))}
  </ul>
);

/** In trouble, what is wrong stays in view and the healthy rest folds away (a product may have seven providers). */
function DependencyList({ dependencies, productName }: { dependencies: DependencyStatus[]; productName: string }) {
  const attention = dependencies.filter(demandsAttention);
  if (attention.length === 0) return cards(dependencies, productName);
  const rest = dependencies.filter((dep) => !demandsAttention(dep));
  return (
    <>
      {cards(attention, productName)}
      {rest.length > 0 && (
        <details class="other-providers">
          <summary>{t('otherProviders', String(rest.length))}</summary>
          {cards(rest, productName)}
        </details>
      )}
    </>
  );
}

/** What to do now: the same job on other providers, and where to keep watching. */
function Alternatives({ product, troubled }: { product: TabProduct; troubled: boolean }) {
  const { alternatives } = product;
  const list = (
    <ul class="alternatives">
      {alternatives.map((alternative: AlternativeView) => (
        <li key={alternative.productId}>
          <a href={appUrl(`/product/${alternative.productId}`)} target="_blank" rel="noreferrer">
            {alternative.name}
          </a>{' '}
          <span class="muted">{t('onProviders', joinNames(t, alternative.providers))}</span>
        </li>
      ))}
    </ul>
  );
  if (troubled) {
    return (
      <section class="what-now" aria-label={t('whatToDoNow')}>
        <h2>{t('whatToDoNow')}</h2>
        {alternatives.length > 0 ? (
          <>
            <p>{t('alternativesIntro', product.status.productName)}</p>
            {list}
          </>
        ) : (
          <p>{t('noAlternatives')}</p>
        )}
      </section>
    );
  }
  if (alternatives.length === 0) return null;
  return (
    <details class="alternatives-more">
      <summary>{t('alternativesCount', String(alternatives.length))}</summary>
      {list}
    </details>
  );
}

/**
 * What the product's own requests did in this browser (early warning): labelled as such, apart from what the
 * status pages say, with what failed and how much earlier Upstream knew once a page admitted it.
 */
function EarlyWarningNote({ product }: { product: TabProduct }) {
  const view = product.earlyWarning ?? null;
  if (!view) return null;
  const name = product.status.productName;
  const line = warningLine(name, view, t);
  const admitted = admissionLine(name, view, t);
  return (
    <div class={`early-warning early-warning-${view.warning?.kind ?? 'admitted'}`} role="status">
      <p class="early-warning-label">{t('ewSeenHere')}</p>
      {line && <p class="headline">{line}</p>}
      {view.warning && <p>{t('ewWhatFailed', failuresText(view.warning, t))}</p>}
      {admitted && <p>{admitted}</p>}
      {view.warning && <p class="muted">{t('ewHowItWorks', name, String(EARLY_WARNING.windowMs / 60_000))}</p>}
    </div>
  );
}

/** The product: what it runs on and what is wrong first; with `summaryOnly`, only that (the popup's first frame). */
function ProductSection({ product, summaryOnly, onPin }: { product: TabProduct; summaryOnly: boolean; onPin: (pinned: boolean) => void }) {
  const { status } = product;
  const troubled = isTrouble(status.level) || product.earlyWarning?.warning?.kind === 'failing';
  return (
    <section class="product" data-product={status.productId} aria-label={status.productName}>
      <div class="product-head">
        <Summary product={status} />
        <button type="button" class="pin" aria-pressed={product.pinned} onClick={() => onPin(!product.pinned)}>
          {product.pinned ? t('pinned') : t('pinToStack')}
        </button>
      </div>
      {!summaryOnly && (
        <>
          <EarlyWarningNote product={product} />
          <Alternatives product={product} troubled={troubled} />
          <DetectionEvidence product={product} />
          <DependencyList dependencies={byUrgency(status.dependencies)} productName={status.productName} />
        </>
      )}
    </section>
  );
}

export function Popup({ tabId, initial = null }: { tabId: number | null; initial?: TabView | null }) {
  const [view, setView] = useState<TabView | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  // A cached view opens with each product's summary alone, the few elements that say what runs it and what is
  // wrong; its details follow in the next task, so the first frame does not wait for a hundred more elements.
  const [summaryOnly, setSummaryOnly] = useState(initial !== null);

  const load = useCallback(async () => {
    if (tabId === null) return;
    const reply = await send('get-tab-view', { tabId });
    if (reply.ok) setView(reply.value);
    setError(reply.ok ? null : errorText(reply.error));
  }, [tabId]);

  /** Reads the status pages (everything when the user asks, only what is due on open), then shows the result. */
  const refresh = useCallback(
    async (type: 'refresh-now' | 'refresh-due') => {
      setRefreshing(true);
      // Whatever the reads gave, the view below says how fresh each reading is.
      const reply = await send(type, {});
      setRefreshing(false);
      await load();
      if (!reply.ok) setError(t('checkFailed', errorText(reply.error)));
    },
    [load],
  );

  // The cached view first, at once; then whatever is due is read and the view follows.
  useEffect(() => {
    void load().then(() => refresh('refresh-due'));
  }, [load, refresh]);
  // Marked once the view is in the document, as the other pages mark after their render: the frame follows.
  useLayoutEffect(() => {
    if (view) markShown('popup');
  }, [view]);
  // Set at the commit, not after a frame: the details follow in the very next task.
  useLayoutEffect(() => {
    if (!summaryOnly) return;
    const timer = setTimeout(() => setSummaryOnly(false), 0);
    return () => clearTimeout(timer);
  }, [summaryOnly]);

  const pin = async (productId: string, pinned: boolean) => {
    const reply = await send('set-pinned', { productId, pinned });
    if (!reply.ok) setError(errorText(reply.error));
    else await load();
  };

  return (
    <main>
      <header>
        <h1>{t('extensionName')}</h1>
        <button type="button" onClick={() => void refresh('refresh-now')} disabled={refreshing}>
          {refreshing ? t('checking') : t('checkNow')}
        </button>
      </header>
      <nav class="popup-nav" aria-label={t('extensionName')}>
        <a href={appUrl('/stack')} target="_blank" rel="noreferrer">
          {t('navStack')}
        </a>
        <a href={appUrl('/')} target="_blank" rel="noreferrer">
          {t('navCatalog')}
        </a>
        <a href={optionsUrl()} target="_blank" rel="noreferrer">
          {t('navOptions')}
        </a>
      </nav>
      {error && <p class="note">{error}</p>}
      {view && view.products.length === 0 && <p class="empty">{view.hostname ? t('noProductOn', view.hostname) : t('pageNotSeen')}</p>}
      {view?.products.map((product) => (
        <ProductSection key={product.status.productId} product={product} summaryOnly={summaryOnly} onPin={(pinned) => void pin(product.status.productId, pinned)} />
      ))}
      {view && (
        <footer class="muted" aria-live="polite">
          {refreshing ? t('updating') : view.lastPollAt ? t('lastCheckedAgo', ago(view.lastPollAt)) : t('notCheckedYet')}
        </footer>
      )}
      {view && <p class="muted data-version">{provenanceText(view.data)}</p>}
    </main>
  );
}
