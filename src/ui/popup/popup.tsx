import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DependencyStatus, ProductStatus } from '../../health/assess.ts';
import { LEVEL_LABELS } from '../../health/levels.ts';
import type { Incident } from '../../health/types.ts';
import type { Evidence } from '../../detect/engine.ts';
import type { TabProduct, TabView } from '../../shared/messages.ts';
import { joinNames, timeAgo } from '../shared/format.ts';
import { send } from '../shared/send.ts';

const FRESHNESS_NOTES: Record<DependencyStatus['freshness'], string> = {
  fresh: '',
  'never-read': 'Not checked yet.',
  failing: 'The status page could not be read.',
  stale: 'The last reading is too old to trust.',
  frozen: 'The status page has not changed for months while claiming all clear; it may no longer be maintained.',
  'component-missing': 'The status page no longer lists this service.',
  'not-monitored': '',
};

const SIGNAL_NAMES: Record<Evidence['signal'], string> = {
  host: 'this site is the product',
  script: 'the page loads its script',
  iframe: 'the page embeds its frame',
  request: 'the page talks to its servers',
  dom: 'the page has its element',
  meta: 'the page has its meta tag',
  global: 'the page defines its global',
};

function LevelPill({ level }: { level: DependencyStatus['level'] }) {
  return <span class={`pill pill-${level}`}>{LEVEL_LABELS[level]}</span>;
}

function IncidentItem({ incident }: { incident: Incident }) {
  return (
    <li class="incident">
      <a class="incident-title" href={incident.url} target="_blank" rel="noreferrer">
        {incident.title}
      </a>
      <div class="muted">
        {LEVEL_LABELS[incident.impact]}
        {incident.status ? ` · ${incident.status}` : ''}
        {incident.startedAt ? ` · started ${timeAgo(incident.startedAt)}` : ''}
      </div>
      {incident.latestUpdate && (
        <p class="update">
          <span class="muted">Latest update, {timeAgo(incident.latestUpdate.at)}: </span>
          {incident.latestUpdate.body}
        </p>
      )}
    </li>
  );
}

function DependencyCard({ dep }: { dep: DependencyStatus }) {
  // A single failed read keeps the last reading on screen, but says so.
  const note = FRESHNESS_NOTES[dep.freshness] || (dep.lastError ? 'The latest read of the status page failed; showing the previous reading.' : '');
  return (
    <li class="dependency" data-provider={dep.providerId} data-level={dep.monitored ? dep.level : 'not-monitored'}>
      <div class="dependency-head">
        <strong>{dep.providerName}</strong>
        {dep.monitored ? <LevelPill level={dep.level} /> : <span class="pill pill-unknown">no public status</span>}
      </div>
      <div class="muted">
        {dep.feature}: {dep.monitored ? `${dep.componentName} · via ${dep.route}` : dep.componentName}
      </div>
      {note && (
        <p class="note">
          {note}
          {dep.lastError ? ` (${dep.lastError})` : ''}
          {dep.lastKnownLevel && dep.level === 'unknown' ? ` Last known: ${LEVEL_LABELS[dep.lastKnownLevel]}.` : ''}
        </p>
      )}
      {dep.incidents.length > 0 && (
        <ul class="incidents">
          {dep.incidents.map((incident) => (
            <IncidentItem key={incident.id} incident={incident} />
          ))}
        </ul>
      )}
      {dep.incidentsUnavailable && <p class="note">Incident details are not published in a readable form.</p>}
      {dep.statusPageUrl && (
        <div class="dependency-foot muted">
          {dep.checkedAt ? `Checked ${timeAgo(dep.checkedAt)}` : 'Never checked'} ·{' '}
          <a href={dep.statusPageUrl} target="_blank" rel="noreferrer">
            Status page
          </a>
        </div>
      )}
      <details class="sources">
        <summary>
          Sources for {dep.providerName} ({dep.confidence} confidence)
        </summary>
        <ul>
          {dep.sources.map((source) => (
            <li key={source.url + source.date}>
              <a href={source.url} target="_blank" rel="noreferrer">
                {source.summary}
              </a>{' '}
              <span class="muted">
                ({source.kind}, {source.dateKind} {source.date})
              </span>
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
  if (product.dependencies.some((dep) => dep.providerId === 'in-house')) providers.push('its own models');
  if (product.dependencies.some((dep) => dep.providerId === 'undisclosed')) providers.push('a provider it does not name');
  const troubled = product.dependencies.filter((dep) => dep.monitored && dep.level !== 'operational');
  return (
    <div class="summary">
      <p>
        <strong>{product.productName}</strong> runs on {joinNames(providers)}.
      </p>
      {troubled.map((dep) => (
        <p key={dep.providerId} class={`headline level-${dep.level}`} role="status">
          {dep.providerName}: {LEVEL_LABELS[dep.level]} on the {dep.componentName}
        </p>
      ))}
    </div>
  );
}

/** "Why we think so": each signal that recognised the product on this page. */
function DetectionEvidence({ product }: { product: TabProduct }) {
  const { detection } = product;
  return (
    <details class="evidence">
      <summary>Why we think this page uses {product.status.productName} ({detection.confidence} confidence)</summary>
      <ul>
        {detection.evidence.map((evidence) => (
          <li key={`${evidence.signal}:${evidence.matched}`}>
            {SIGNAL_NAMES[evidence.signal]}: <code>{evidence.matched}</code>
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
      setError('Upstream could not reach its background worker. Try again in a moment.');
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
        <h1>Upstream</h1>
        <button type="button" onClick={() => void refresh()} disabled={refreshing}>
          {refreshing ? 'Checking…' : 'Check now'}
        </button>
      </header>
      {error && <p class="note">{error}</p>}
      {view && view.products.length === 0 && (
        <p class="empty">
          {view.hostname
            ? `No AI product Upstream knows of runs on ${view.hostname}.`
            : 'Upstream has not seen this page. It looks at web pages only; reload the page if it was open before Upstream was installed.'}
        </p>
      )}
      {view?.products.map((product) => (
        <section key={product.status.productId} class="product" data-product={product.status.productId}>
          <Summary product={product.status} />
          <DetectionEvidence product={product} />
          <ul class="dependencies">
            {product.status.dependencies.map((dep) => (
              <DependencyCard key={`${dep.providerId}:${dep.componentName}`} dep={dep} />
            ))}
          </ul>
        </section>
      ))}
      {view && (
        <footer class="muted">{view.lastPollAt ? `Status last checked ${timeAgo(view.lastPollAt)}.` : 'Status not checked yet.'}</footer>
      )}
    </main>
  );
}
