import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Evidence } from '../../detect/engine.ts';
import { levelKey, type DependencyStatus, type ProductStatus } from '../../health/assess.ts';
import type { HealthLevel, Incident } from '../../health/types.ts';
import type { MessageKey } from '../../shared/i18n.ts';
import type { TabProduct, TabView } from '../../shared/messages.ts';
import { joinNames, timeAgo } from '../shared/format.ts';
import { t } from '../../shared/browser-i18n.ts';
import { send } from '../shared/send.ts';

const FRESHNESS_NOTES: Record<DependencyStatus['freshness'], MessageKey | null> = {
  fresh: null,
  'never-read': 'freshness_never_read',
  failing: 'freshness_failing',
  stale: 'freshness_stale',
  frozen: 'freshness_frozen',
  'component-missing': 'freshness_component_missing',
  'not-monitored': null,
};

const SPECIAL_PROVIDERS: Record<string, { name: MessageKey; component: MessageKey }> = {
  'in-house': { name: 'inHouseModels', component: 'inHouseComponent' },
  undisclosed: { name: 'undisclosedProvider', component: 'undisclosedComponent' },
};

const level = (value: HealthLevel) => t(levelKey(value));
const ago = (iso: string) => timeAgo(t, iso);

function LevelPill({ value }: { value: HealthLevel }) {
  return <span class={`pill pill-${value}`}>{level(value)}</span>;
}

function IncidentItem({ incident }: { incident: Incident }) {
  return (
    <li class="incident">
      <a class="incident-title" href={incident.url} target="_blank" rel="noreferrer">
        {incident.title}
      </a>
      <div class="muted">
        {level(incident.impact)}
        {incident.status ? ` · ${incident.status}` : ''}
        {incident.startedAt ? ` · ${t('startedAgo', ago(incident.startedAt))}` : ''}
      </div>
      {incident.latestUpdate && (
        <p class="update">
          <span class="muted">{t('latestUpdate', ago(incident.latestUpdate.at))} </span>
          {incident.latestUpdate.body}
        </p>
      )}
    </li>
  );
}

function DependencyCard({ dep }: { dep: DependencyStatus }) {
  const special = SPECIAL_PROVIDERS[dep.providerId];
  const providerName = special ? t(special.name) : dep.providerName;
  const noteKey = FRESHNESS_NOTES[dep.freshness];
  // A single failed read keeps the last reading on screen, but says so.
  const note = noteKey ? t(noteKey) : dep.lastError ? t('latestReadFailed') : '';
  return (
    <li class="dependency" data-provider={dep.providerId} data-level={dep.monitored ? dep.level : 'not-monitored'}>
      <div class="dependency-head">
        <strong>{providerName}</strong>
        {dep.monitored ? <LevelPill value={dep.level} /> : <span class="pill pill-unknown">{t('noPublicStatus')}</span>}
      </div>
      <div class="muted">
        {dep.feature}: {special ? t(special.component) : t('viaRoute', dep.componentName, dep.route)}
      </div>
      {note && (
        <p class="note">
          {note}
          {dep.lastError ? ` (${dep.lastError})` : ''}
          {dep.lastKnownLevel && dep.level === 'unknown' ? ` ${t('lastKnown', level(dep.lastKnownLevel))}` : ''}
        </p>
      )}
      {dep.incidents.length > 0 && (
        <ul class="incidents">
          {dep.incidents.map((incident) => (
            <IncidentItem key={incident.id} incident={incident} />
          ))}
        </ul>
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
      <details class="sources">
        <summary>{t('sourcesFor', providerName, dep.confidence)}</summary>
        <ul>
          {dep.sources.map((source) => (
            <li key={source.url + source.date}>
              <a href={source.url} target="_blank" rel="noreferrer">
                {source.summary}
              </a>{' '}
              <span class="muted">{t('sourceMeta', source.kind, source.dateKind, source.date)}</span>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

/** "Notion AI runs on Anthropic and OpenAI." plus one line per provider that is not operational. */
function Summary({ product }: { product: ProductStatus }) {
  const providers = [...new Set(product.dependencies.filter((dep) => dep.monitored).map((dep) => dep.providerName))];
  if (product.dependencies.some((dep) => dep.providerId === 'in-house')) providers.push(t('itsOwnModels'));
  if (product.dependencies.some((dep) => dep.providerId === 'undisclosed')) providers.push(t('anUndisclosedProvider'));
  const troubled = product.dependencies.filter((dep) => dep.monitored && dep.level !== 'operational');
  return (
    <div class="summary">
      <p>{t('runsOn', product.productName, joinNames(t, providers))}</p>
      {troubled.map((dep) => (
        <p key={dep.providerId} class={`headline level-${dep.level}`} role="status">
          {t('troubleOn', dep.providerName, level(dep.level), dep.componentName)}
        </p>
      ))}
    </div>
  );
}

/** In an outage the troubled providers come first, then the healthy ones, then models with no public status. */
function byUrgency(dependencies: DependencyStatus[]): DependencyStatus[] {
  const rank = (dep: DependencyStatus) => (!dep.monitored ? 2 : dep.level === 'operational' ? 1 : 0);
  return [...dependencies].sort((a, b) => rank(a) - rank(b));
}

/** "Why we think so": each signal that recognised the product on this page. */
function DetectionEvidence({ product }: { product: TabProduct }) {
  const { detection } = product;
  return (
    <details class="evidence">
      <summary>{t('whyWeThink', product.status.productName, detection.confidence)}</summary>
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

export function Popup({ tabId }: { tabId: number | null }) {
  const [view, setView] = useState<TabView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  const load = useCallback(async () => {
    if (tabId === null) return;
    try {
      setView(await send('get-tab-view', { tabId }));
      setError(null);
    } catch {
      setError(t('workerUnreachable'));
    }
  }, [tabId]);

  useEffect(() => {
    void load();
  }, [load]);

  const refresh = async () => {
    setRefreshing(true);
    try {
      await send('refresh-now', {});
    } finally {
      setRefreshing(false);
      await load();
    }
  };

  return (
    <main>
      <header>
        <h1>{t('extensionName')}</h1>
        <button type="button" onClick={() => void refresh()} disabled={refreshing}>
          {refreshing ? t('checking') : t('checkNow')}
        </button>
      </header>
      {error && <p class="note">{error}</p>}
      {view && view.products.length === 0 && <p class="empty">{view.hostname ? t('noProductOn', view.hostname) : t('pageNotSeen')}</p>}
      {view?.products.map((product) => (
        <section key={product.status.productId} class="product" data-product={product.status.productId}>
          <Summary product={product.status} />
          <DetectionEvidence product={product} />
          <ul class="dependencies">
            {byUrgency(product.status.dependencies).map((dep) => (
              <DependencyCard key={`${dep.providerId}:${dep.componentName}`} dep={dep} />
            ))}
          </ul>
        </section>
      ))}
      {view && <footer class="muted">{view.lastPollAt ? t('lastCheckedAgo', ago(view.lastPollAt)) : t('notCheckedYet')}</footer>}
    </main>
  );
}
