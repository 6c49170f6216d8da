/** What the extension pages are sent, assembled from the catalog, the readings and the user's stack. */
import { providerNames } from '../catalog/names.ts';
import type { CatalogIndex, Product } from '../catalog/index.ts';
import { assessProduct, componentStatus, providerLevel } from '../health/assess.ts';
import { dailyUptime } from '../health/uptime.ts';
import type { HealthRecord } from '../health/record.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import { isTrouble } from '../model/levels.ts';
import { t } from '../platform/i18n.ts';
import { EARLY_WARNINGS_SHOWN, PROVIDER_HISTORY_DAYS, type AlternativeView, type ProviderLevel, type ProviderView, type StackView, type TabView } from '../protocol/views.ts';
import { alternativesFor } from '../stack/alternatives.ts';
import { buildStackReport } from '../stack/export.ts';
import { groupByProvider, stackMembers } from '../stack/stack.ts';
import { readErrorOf } from '../status/adapter.ts';
import { BOUNDS, boundRecent } from '../status/bounds.ts';
import { ADAPTERS } from '../status/registry.ts';
import { tabProducts } from './badge.ts';
import type { WorkerContext } from './context.ts';
import { readEarlyWarnings, readHealthRecord, readProviderLevelEvents, readRecentIncidentRecords } from './db.ts';
import { earlyWarningNow, warningView } from './early-warning.ts';
import { needsCookies } from './poller.ts';
import { readTab } from './tab-store.ts';

/**
 * Products for the same job that do not share a provider with this one; during trouble, that do not depend on
 * the providers in trouble (a tool with seven providers rarely has an alternative sharing none of them).
 */
export function alternativeViews(index: CatalogIndex, product: Product, troubled: ReadonlySet<string> = new Set()): AlternativeView[] {
  return alternativesFor(index, product, troubled.size > 0 ? { avoid: troubled } : {}).map((alternative) => ({
    productId: alternative.id,
    name: alternative.name,
    providers: providerNames(index, alternative, t),
  }));
}

export function levelsOf(
  index: CatalogIndex,
  records: ReadonlyMap<string, HealthRecord>,
  schedule: ScheduleSettings,
  now: Date,
  providerIds: readonly string[] = index.catalog.providers.map((provider) => provider.id),
): Record<string, ProviderLevel> {
  return Object.fromEntries(providerIds.map((id) => [id, providerLevel(records.get(id), now, schedule, index.provider(id))]));
}

/** Everything the popup shows for a tab: its products, their live status, the evidence, pins and alternatives. */
export async function tabView(ctx: WorkerContext, tabId: number): Promise<TabView> {
  const [tab, records, schedule, stack, settled] = await Promise.all([readTab(tabId), ctx.records(), ctx.schedule(), ctx.stack(), earlyWarningNow(ctx)]);
  const lastPollAt = [...records.values()].reduce<string | null>(
    (latest, record) => (record.lastAttemptAt !== null && (latest === null || record.lastAttemptAt > latest) ? record.lastAttemptAt : latest),
    null,
  );
  const pinned = new Set(stack.pinned);
  return {
    tabId,
    hostname: tab?.hostname ?? null,
    products: tabProducts(ctx.index, tab, records, schedule, ctx.now).map((product) => {
      const entry = ctx.index.product(product.detection.productId);
      const troubled = new Set(product.status.dependencies.filter((dep) => dep.monitored && isTrouble(dep.level)).map((dep) => dep.providerId));
      return {
        ...product,
        pinned: pinned.has(product.detection.productId),
        alternatives: entry ? alternativeViews(ctx.index, entry, troubled) : [],
        earlyWarning: warningView(ctx.index, settled, product.status),
      };
    }),
    lastPollAt,
    data: ctx.data.provenance,
  };
}

export async function stackView(ctx: WorkerContext): Promise<StackView> {
  const [state, records, schedule] = await Promise.all([ctx.stack(), ctx.records(), ctx.schedule()]);
  const { index, now } = ctx;
  const members = stackMembers(state, index, now);
  const entries = members.flatMap((member) => {
    const product = index.product(member.productId);
    return product ? [{ member, status: assessProduct(index, product, records, now, schedule), alternatives: alternativeViews(index, product) }] : [];
  });
  const levels = levelsOf(index, records, schedule, now);
  const groups = groupByProvider(
    index,
    members.map((member) => member.productId),
  ).map((group) => ({
    ...group,
    ...(levels[group.providerId] ?? { level: 'unknown' as const, freshness: 'never-read' as const, checkedAt: null }),
    statusPageUrl: index.provider(group.providerId)?.status.pageUrl ?? '',
  }));
  return { entries, groups, report: buildStackReport(index, members, now, t) };
}

/**
 * One provider's page: its live status, its uptime chart (computed here from the window's level changes), the
 * incidents its timeline lists, and (when asked, read now) its page's own recent incidents. Only what the page
 * shows is sent, whatever the store holds.
 */
export async function providerView(ctx: WorkerContext, providerId: string, recent: boolean): Promise<ProviderView | null> {
  const provider = ctx.index.provider(providerId);
  if (!provider) return null;
  const adapter = ADAPTERS[provider.status.platform];
  const since = new Date(ctx.now.getTime() - PROVIDER_HISTORY_DAYS * 86_400_000).toISOString();
  const page = await ctx.pageFor(provider);
  const record = await readHealthRecord(providerId);
  // The same cookie rule as polling: a page behind a browser check the user passed is read with that pass.
  const fetcher = needsCookies(record, ctx.now) ? ctx.cookieFetcher : ctx.fetcher;
  const [schedule, events, incidents, earlyWarnings, recentResult] = await Promise.all([
    ctx.schedule(),
    readProviderLevelEvents(providerId, since),
    readRecentIncidentRecords(providerId, since, BOUNDS.viewIncidents),
    readEarlyWarnings(providerId, since, EARLY_WARNINGS_SHOWN),
    recent && adapter.recent ? adapter.recent(page, fetcher, ctx.now).catch((error: unknown) => ({ ok: false as const, error: readErrorOf(error) })) : null,
  ]);
  const health = record?.health ? (({ components: _components, ...rest }) => rest)(record.health) : null;
  return {
    providerId,
    health,
    level: providerLevel(record, ctx.now, schedule, provider),
    lastError: record?.lastError ?? null,
    diagnostics: record?.diagnostics ?? null,
    components: provider.components.map((component) => componentStatus(provider, component, record, ctx.now, schedule)),
    uptime: dailyUptime(events, PROVIDER_HISTORY_DAYS, ctx.now),
    incidents,
    recent: recentResult?.ok ? { ...recentResult, incidents: boundRecent(recentResult.incidents, provider, page.pageUrl) } : recentResult,
    recentSupported: adapter.recent !== undefined,
    earlyWarnings,
    historyDays: PROVIDER_HISTORY_DAYS,
  };
}
