import { useEffect, useState } from 'preact/hooks';
import { INDEX } from './catalog-index.ts';
import type { Product, Provider } from '../../catalog/types.ts';
import { incidentTimeline, overallUptime, type TimelineEntry, type UptimeDay } from '../../health/uptime.ts';
import { durationText, honesty, type EarlyWarningRecord } from '../../health/early-warning.ts';
import { t } from '../../platform/i18n.ts';
import type { ProviderView } from '../../protocol/views.ts';
import { ago, IncidentItem, LevelPill, levelText, SourceList } from '../shared/components.tsx';
import { errorText, send } from '../shared/send.ts';
import type { ProtocolError } from '../../protocol/messages.ts';
import { parseReadError, type ProviderHealth, type ReadError } from '../../model/health.ts';
import { useSettings } from '../shared/use-settings.ts';
import { usePageTitle } from './page-title.ts';
import { confidenceName, incidentStatusText, incidentTitle, platformName, readErrorText } from '../shared/labels.ts';
import { joinNames } from '../../model/text.ts';
import { productHref } from './route.ts';

/** The page's own description, or what its reading holds when the platform has none. */
function pageSummary(health: Omit<ProviderHealth, 'components'>): string {
  if (health.description.trim() !== '') return health.description;
  return health.incidents.length === 0 ? t('noOpenIncidents') : t('openIncidents', String(health.incidents.length));
}

/** How often the open page asks again: the worker reads a provider outside the stack only while it is asked. */
const LEVEL_REFRESH_MS = 30_000;

const percent = (share: number) => `${(share * 100).toFixed(share >= 0.9995 || share === 0 ? 0 : 2)} %`;

/** One bar per day; each bar says in words what it shows (a screen reader reads the list, not the colours). */
function UptimeChart({ days }: { days: UptimeDay[] }) {
  const overall = overallUptime(days);
  return (
    <section aria-labelledby="uptime-heading">
      <h2 id="uptime-heading">{t('uptimeHeading', String(days.length))}</h2>
      <p>{overall === null ? t('uptimeNoData') : t('uptimeOverall', percent(overall))}</p>
      <ol class="uptime" aria-label={t('uptimeHeading', String(days.length))}>
        {days.map((day) => {
          const label = day.uptime === null ? t('uptimeDayNoData', day.date) : t('uptimeDay', day.date, percent(day.uptime), levelText(day.worst ?? 'unknown'));
          return (
            <li key={day.date} class={`bar bar-${day.worst ?? 'none'}`} title={label}>
              <span class="visually-hidden">{label}</span>
            </li>
          );
        })}
      </ol>
      <p class="muted">{t('uptimeExplained')}</p>
    </section>
  );
}

function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes < 120 ? t('durationMinutes', String(minutes)) : t('durationHours', (minutes / 60).toFixed(1));
}

function Timeline({
  entries,
  recentError,
  askError,
  recentSupported,
}: {
  entries: TimelineEntry[];
  recentError: ReadError | null;
  askError: ProtocolError | null;
  recentSupported: boolean;
}) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timelineHeading')}</h2>
      {recentError && <p class="note">{t('recentUnavailable', readErrorText(recentError))}</p>}
      {askError && <p class="note">{t('recentNotLoaded', errorText(askError))}</p>}
      {!recentSupported && <p class="note">{t('recentNotPublished')}</p>}
      {entries.length === 0 ? (
        <p>{t('timelineEmpty')}</p>
      ) : (
        <ol class="timeline">
          {entries.map((entry) => (
            <li key={entry.incidentId} class={`incident level-border-${entry.impact}`}>
              <a class="incident-title" href={entry.url} target="_blank" rel="noreferrer">
                {incidentTitle(entry)}
              </a>
              <div class="muted">
                {entry.maintenance ? t('maintenanceWindow') : levelText(entry.impact)} · {t('startedAgo', ago(entry.startedAt))} ·{' '}
                {entry.resolvedAt === null ? t('stillOpen') : t('resolvedAfter', duration(entry.durationMs ?? 0))}
              </div>
              {entry.updates.length > 0 && (
                <details>
                  <summary>{t('updatesCount', String(entry.updates.length))}</summary>
                  <ol class="updates">
                    {entry.updates.map((update) => (
                      <li key={update.at + update.body}>
                        <span class="muted">
                          {new Date(update.at).toLocaleString()} · {incidentStatusText(update.status)}
                        </span>
                        <p class="update">{update.body}</p>
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function earlyWarningText(record: EarlyWarningRecord): string {
  const product = INDEX.product(record.productId)?.name ?? record.productId;
  const when = ago(record.warnedAt);
  if (record.leadMs === null) return t('ewRecordNever', product, when);
  return record.leadMs > 0 ? t('ewRecordLater', product, when, durationText(record.leadMs, t)) : t('ewRecordFirst', product, when);
}

/**
 * The status page's honesty as this browser saw it: each time the AI requests of a product on this provider
 * failed, whether and how much later the page admitted it.
 */
function EarlyWarningHistory({ provider, view }: { provider: Provider; view: ProviderView }) {
  const records = view.earlyWarnings ?? [];
  const summary = honesty(records);
  const total = String(summary.episodes);
  return (
    <section aria-labelledby="early-warning-heading" class="early-warnings">
      <h2 id="early-warning-heading">{t('ewHistoryHeading')}</h2>
      <p class="muted">{t('ewHistoryIntro', provider.name)}</p>
      {records.length === 0 ? (
        <p>{t('ewHistoryNone', String(view.historyDays))}</p>
      ) : (
        <>
          <ul class="plain-list">
            {summary.admittedLater > 0 && <li>{t('ewHistoryLater', String(summary.admittedLater), total, durationText(summary.medianLeadMs ?? 0, t))}</li>}
            {summary.admittedFirst > 0 && <li>{t('ewHistoryFirst', String(summary.admittedFirst), total)}</li>}
            {summary.notAdmitted > 0 && <li>{t('ewHistoryNever', String(summary.notAdmitted), total)}</li>}
          </ul>
          <ol class="timeline">
            {records.map((record) => (
              <li key={`${record.warnedAt}:${record.productId}`} class="early-warning-record" data-product={record.productId}>
                {earlyWarningText(record)}
                {record.incidentTitle && <span class="muted"> · {record.incidentTitle}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** When the page last read as expected, and in which platform's shape it answered then. */
function lastGoodText(diagnostics: ProviderView['diagnostics']): string {
  if (!diagnostics?.lastGoodAt) return t('readsNeverGood');
  const shape = diagnostics.lastGoodPlatform;
  return shape ? t('readsLastGoodAs', ago(diagnostics.lastGoodAt), platformName(shape)) : t('readsLastGood', ago(diagnostics.lastGoodAt));
}

/** How Upstream reads the page: its platform, the last good and failed reads, what the page stopped listing. */
function ReadDiagnosticsSection({ provider, view }: { provider: Provider; view: ProviderView }) {
  const diagnostics = view.diagnostics;
  const missing = (diagnostics?.missingComponents ?? []).map((id) => provider.components.find((component) => component.id === id)?.name ?? id);
  // The reason is kept in the diagnostics past a later good read; records of earlier versions have only the current one.
  const lastFailure = parseReadError(diagnostics?.lastError) ?? view.lastError;
  return (
    <section aria-labelledby="reads-heading" class="diagnostics">
      <h2 id="reads-heading">{t('readsHeading')}</h2>
      <ul class="plain-list">
        <li>{t('readsPlatform', platformName(provider.status.platform))}</li>
        <li>{lastGoodText(diagnostics)}</li>
        {lastFailure && diagnostics?.lastErrorAt && <li>{t('readsLastFailed', ago(diagnostics.lastErrorAt), readErrorText(lastFailure))}</li>}
        {missing.length > 0 && <li>{t('readsMissing', joinNames(t, missing))}</li>}
        {diagnostics?.challengedAt && (
          <li>
            {t('readsChallenged', ago(diagnostics.challengedAt))}{' '}
            <a href={provider.status.pageUrl} target="_blank" rel="noreferrer">
              {t('openStatusPage')}
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}

/** The reverse view: every catalog product that depends on this provider, strongest claims first. */
function Dependents({ providerId, products }: { providerId: string; products: Product[] }) {
  return (
    <section aria-labelledby="dependents-heading">
      <h2 id="dependents-heading">{t('dependentsHeading', String(products.length))}</h2>
      <ul class="plain-list dependents">
        {products.map((product) => {
          const claims = product.features.flatMap((feature) => feature.dependencies.filter((dep) => dep.provider === providerId));
          const best = claims.some((dep) => dep.confidence === 'high') ? 'high' : claims.some((dep) => dep.confidence === 'medium') ? 'medium' : 'low';
          return (
            <li key={product.id} data-product={product.id}>
              <a href={productHref(product.id)}>{product.name}</a> <span class="muted">{t('confidenceIs', confidenceName(best))}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Per-provider notifications, where a user in the middle of an outage is looking (the same setting as in Options). */
function NotifyToggle({ providerId, name }: { providerId: string; name: string }) {
  const [settings, save] = useSettings();
  if (!settings) return null;
  const muted = settings.notifications.mutedProviders.includes(providerId);
  const toggle = (on: boolean) => {
    const others = settings.notifications.mutedProviders.filter((id) => id !== providerId);
    void save({ ...settings, notifications: { ...settings.notifications, mutedProviders: on ? others : [...others, providerId] } });
  };
  return (
    <label class="check">
      <input type="checkbox" checked={!muted} disabled={!settings.notifications.enabled} onChange={(event) => toggle(event.currentTarget.checked)} />
      {settings.notifications.enabled ? t('notifyAboutProvider', name) : t('notificationsOff')}
    </label>
  );
}

export function ProviderPage({ providerId }: { providerId: string }) {
  const provider = INDEX.provider(providerId);
  const [view, setView] = useState<ProviderView | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  // The page's own recent incidents, asked for separately: when that ask fails, the page says so.
  const [recentError, setRecentError] = useState<ProtocolError | null>(null);
  usePageTitle(provider?.name ?? t('notFound'));
  useEffect(() => {
    if (!provider) return;
    // Stored history first, at once; then the same with the status page's own recent incidents. Asking again
    // every 30 s keeps the provider read while the page is open, even when no tool of the user's depends on it.
    let open = true;
    let complete = false;
    const stored = () =>
      send('get-provider-view', { providerId, recent: false }).then((reply) => {
        if (!open) return;
        if (!reply.ok) setError(reply.error);
        else setView((shown) => (complete && shown ? { ...reply.value, recent: shown.recent } : reply.value));
      });
    void stored()
      .then(() => send('refresh-due', {}))
      .then(stored);
    void send('get-provider-view', { providerId, recent: true }).then((full) => {
      if (!open) return;
      setRecentError(full.ok ? null : full.error);
      if (!full.ok) return;
      complete = true;
      setView(full.value);
      setError(null);
    });
    const timer = setInterval(() => void stored(), LEVEL_REFRESH_MS);
    return () => {
      open = false;
      clearInterval(timer);
    };
  }, [providerId]);
  if (!provider) return <h1 tabIndex={-1}>{t('notFound')}</h1>;
  const dependents = INDEX.catalog.products
    .filter((product) => product.features.some((feature) => feature.dependencies.some((dep) => dep.provider === providerId)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const recentIncidents = view?.recent?.ok ? view.recent.incidents : [];
  const timeline = view ? incidentTimeline(view.incidents, recentIncidents) : [];
  const days = view?.uptime ?? [];
  return (
    <article class="provider-page" data-provider={providerId}>
      <div class="page-head">
        <h1 tabIndex={-1}>{provider.name}</h1>
        {view && <LevelPill value={view.level.level} />}
      </div>
      {error && <p class="note">{errorText(error)}</p>}
      {view && (
        <p>
          {view.health ? `${pageSummary(view.health)} · ` : ''}
          {view.level.checkedAt ? t('checkedAgo', ago(view.level.checkedAt)) : t('neverChecked')} ·{' '}
          {view.health?.pageUpdatedAt ? `${t('pageChangedAgo', ago(view.health.pageUpdatedAt))} · ` : ''}
          <a href={provider.status.pageUrl} target="_blank" rel="noreferrer">
            {t('statusPage')}
          </a>
          {view.lastError && <span class="note"> {t('latestReadFailedBecause', readErrorText(view.lastError))}</span>}
          {view.level.freshness === 'component-missing' && <span class="note"> {t('freshness_component_missing')}</span>}
        </p>
      )}
      <NotifyToggle providerId={providerId} name={provider.name} />
      {view && view.health && view.health.incidents.length > 0 && (
        <section aria-labelledby="current-heading">
          <h2 id="current-heading">{t('currentIncidents')}</h2>
          <ul>
            {view.health.incidents.map((incident) => (
              <IncidentItem key={incident.id} incident={incident} />
            ))}
          </ul>
        </section>
      )}
      {view && (
        <section aria-labelledby="components-heading">
          <h2 id="components-heading">{t('componentsHeading')}</h2>
          <ul class="cards">
            {view.components.map((component) => (
              <li key={component.componentId} class="card component" data-component={component.componentId} data-level={component.level}>
                <div class="card-head">
                  <strong>{component.componentName}</strong>
                  <LevelPill value={component.level} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view && <UptimeChart days={days} />}
      {view && <Timeline entries={timeline} recentError={view.recent && !view.recent.ok ? view.recent.error : null} askError={recentError} recentSupported={view.recentSupported} />}
      {view && <EarlyWarningHistory provider={provider} view={view} />}
      {view && <ReadDiagnosticsSection provider={provider} view={view} />}
      <Dependents providerId={providerId} products={dependents} />
      <details class="about">
        <summary>{t('aboutThisData')}</summary>
        <p>{t('aboutThisDataIntro', provider.name)}</p>
        <SourceList sources={provider.sources} />
        {provider.notes && <p class="note">{provider.notes}</p>}
      </details>
    </article>
  );
}
