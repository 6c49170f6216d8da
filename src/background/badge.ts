import browser from 'webextension-polyfill';
import { CatalogIndex, CATALOG } from '../catalog/index.ts';
import { assessProduct, badgeFor, type ProductStatus } from '../health/assess.ts';
import type { HealthRecord } from '../health/record.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import type { TabProduct } from '../protocol/messages.ts';
import { readHealthRecords } from './db.ts';
import { actionable } from './detection.ts';
import { scheduleSettings } from './settings.ts';
import { t } from '../platform/i18n.ts';
import { readAllTabs, readTab, type TabRecord } from './tab-store.ts';

export const catalogIndex = new CatalogIndex(CATALOG);

/** The tab's products (confident detections) with their live status and the evidence for each. */
export function tabProducts(
  tab: TabRecord | undefined,
  records: ReadonlyMap<string, HealthRecord>,
  schedule: ScheduleSettings,
  now = new Date(),
): Pick<TabProduct, 'status' | 'detection'>[] {
  return actionable(tab?.detections ?? []).flatMap((detection) => {
    const product = catalogIndex.product(detection.productId);
    return product ? [{ status: assessProduct(catalogIndex, product, records, now, schedule), detection }] : [];
  });
}

/** Providers that some open tab's products depend on: these are polled about every minute. */
export function watchedProviders(tabs: Iterable<TabRecord>): Set<string> {
  const watched = new Set<string>();
  for (const tab of tabs) {
    for (const detection of actionable(tab.detections)) {
      const product = catalogIndex.product(detection.productId);
      if (product) for (const provider of catalogIndex.providersOf(product)) watched.add(provider.id);
    }
  }
  return watched;
}

async function paint(tabId: number, statuses: ProductStatus[]): Promise<void> {
  const badge = badgeFor(statuses, t);
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
  await paint(tabId, tabProducts(tab, records, schedule).map((product) => product.status));
}

export async function refreshAllBadges(): Promise<void> {
  const [tabs, records, schedule] = await Promise.all([readAllTabs(), readHealthRecords(), scheduleSettings()]);
  await Promise.all([...tabs].map(([tabId, tab]) => paint(tabId, tabProducts(tab, records, schedule).map((product) => product.status))));
}
