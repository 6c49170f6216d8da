/** What the extension pages show, assembled from the catalog, the readings and the user's stack. */
import { providerNames } from '../catalog/names.ts';
import type { Product } from '../catalog/types.ts';
import { assessProduct, componentStatus, providerLevel } from '../health/assess.ts';
import type { HealthRecord } from '../health/record.ts';
import { ADAPTERS } from '../status/registry.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import { t } from '../platform/i18n.ts';
import type { AlternativeView, ProviderLevel, ProviderView, StackView } from '../protocol/messages.ts';
import { alternativesFor } from '../stack/alternatives.ts';
import { buildStackReport } from '../stack/export.ts';
import { groupByProvider, stackMembers, type StackState } from '../stack/stack.ts';
import { catalogIndex } from './badge.ts';
import { readIncidents, readStatusEvents } from './db.ts';
import { statusFetcher } from './poller.ts';
import { statusPageFor } from './settings.ts';

/**
 * Products for the same job that do not share a provider with this one; during trouble, that do not depend on
 * the providers in trouble (a tool with seven providers rarely has an alternative sharing none of them).
 */
export function alternativeViews(product: Product, troubled: ReadonlySet<string> = new Set()): AlternativeView[] {
  return alternativesFor(catalogIndex, product, troubled.size > 0 ? { avoid: troubled } : {}).map((alternative) => ({
    productId: alternative.id,
    name: alternative.name,
    providers: providerNames(catalogIndex, alternative, t),
  }));
}

export function levelsOf(records: ReadonlyMap<string, HealthRecord>, schedule: ScheduleSettings, now = new Date()): Record<string, ProviderLevel> {
  return Object.fromEntries(catalogIndex.catalog.providers.map((provider) => [provider.id, providerLevel(records.get(provider.id), now, schedule)]));
}

export function stackView(state: StackState, records: ReadonlyMap<string, HealthRecord>, schedule: ScheduleSettings, now = new Date()): StackView {
  const members = stackMembers(state, catalogIndex, now);
  const entries = members.flatMap((member) => {
    const product = catalogIndex.product(member.productId);
    return product ? [{ member, status: assessProduct(catalogIndex, product, records, now, schedule), alternatives: alternativeViews(product) }] : [];
  });
  const levels = levelsOf(records, schedule, now);
  const groups = groupByProvider(
    catalogIndex,
    members.map((member) => member.productId),
  ).map((group) => ({
    ...group,
    ...(levels[group.providerId] ?? { level: 'unknown' as const, freshness: 'never-read' as const, checkedAt: null }),
    statusPageUrl: catalogIndex.provider(group.providerId)?.status.pageUrl ?? '',
  }));
  return { entries, groups, report: buildStackReport(catalogIndex, members, now, t) };
}

export async function providerView(
  providerId: string,
  record: HealthRecord | undefined,
  schedule: ScheduleSettings,
  options: { recent: boolean; retentionDays: number },
  now = new Date(),
): Promise<ProviderView | null> {
  const provider = catalogIndex.provider(providerId);
  if (!provider) return null;
  const adapter = ADAPTERS[provider.status.platform];
  const [events, incidents, recent] = await Promise.all([
    readStatusEvents(providerId),
    readIncidents(providerId),
    options.recent && adapter.recent
      ? adapter.recent(await statusPageFor(provider), statusFetcher, now).catch((error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : 'unreadable' }))
      : null,
  ]);
  return {
    providerId,
    health: record?.health ?? null,
    level: providerLevel(record, now, schedule),
    lastError: record?.lastError ?? null,
    components: provider.components.map((component) => componentStatus(component, record, now, schedule)),
    events,
    incidents,
    recent,
    recentSupported: adapter.recent !== undefined,
    retentionDays: options.retentionDays,
  };
}
