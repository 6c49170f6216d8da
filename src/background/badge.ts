import browser from 'webextension-polyfill';
import { CatalogIndex, CATALOG } from '../catalog/index.ts';
import { assessProduct, badgeFor, type ProductStatus } from '../health/assess.ts';
import type { HealthRecord } from '../health/record.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import { readHealthRecords } from './db.ts';
import { scheduleSettings } from './settings.ts';
import { readAllTabs, readTab, type TabRecord } from './tab-store.ts';

export const catalogIndex = new CatalogIndex(CATALOG);

export function productStatuses(
  tab: TabRecord | undefined,
  records: ReadonlyMap<string, HealthRecord>,
  schedule: ScheduleSettings,
  now = new Date(),
): ProductStatus[] {
  return (tab?.productIds ?? []).flatMap((id) => {
    const product = catalogIndex.product(id);
    return product ? [assessProduct(catalogIndex, product, records, now, schedule)] : [];
  });
}

/** Providers that some open tab's products depend on: these are polled every minute. */
export function watchedProviders(tabs: Iterable<TabRecord>): Set<string> {
  const watched = new Set<string>();
  for (const tab of tabs) {
    for (const id of tab.productIds) {
      const product = catalogIndex.product(id);
      if (product) for (const provider of catalogIndex.providersOf(product)) watched.add(provider.id);
    }
  }
  return watched;
}

async function paint(tabId: number, statuses: ProductStatus[]): Promise<void> {
  const badge = badgeFor(statuses);
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
  } catch {
    // The tab closed while we were working; nothing to paint.
  }
}

export async function refreshBadge(tabId: number): Promise<void> {
  const [tab, records, schedule] = await Promise.all([readTab(tabId), readHealthRecords(), scheduleSettings()]);
  await paint(tabId, productStatuses(tab, records, schedule));
}

export async function refreshAllBadges(): Promise<void> {
  const [tabs, records, schedule] = await Promise.all([readAllTabs(), readHealthRecords(), scheduleSettings()]);
  await Promise.all([...tabs].map(([tabId, tab]) => paint(tabId, productStatuses(tab, records, schedule))));
}
