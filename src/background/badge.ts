import browser from 'webextension-polyfill';
import { CatalogIndex, CATALOG } from '../catalog/index.ts';
import { assessProduct, badgeFor, type ProductStatus } from '../health/assess.ts';
import type { HealthRecord } from '../health/record.ts';
import { readHealthRecords } from './health-store.ts';
import { pollIntervalMs } from './settings.ts';
import { readAllTabs, readTab, type TabRecord } from './tab-store.ts';

export const catalogIndex = new CatalogIndex(CATALOG);

export function productStatuses(
  tab: TabRecord | undefined,
  records: ReadonlyMap<string, HealthRecord>,
  intervalMs: number,
  now = new Date(),
): ProductStatus[] {
  return (tab?.productIds ?? []).flatMap((id) => {
    const product = catalogIndex.product(id);
    return product ? [assessProduct(catalogIndex, product, records, now, intervalMs)] : [];
  });
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
  const [tab, records, interval] = await Promise.all([readTab(tabId), readHealthRecords(), pollIntervalMs()]);
  await paint(tabId, productStatuses(tab, records, interval));
}

export async function refreshAllBadges(): Promise<void> {
  const [tabs, records, interval] = await Promise.all([readAllTabs(), readHealthRecords(), pollIntervalMs()]);
  await Promise.all([...tabs].map(([tabId, tab]) => paint(tabId, productStatuses(tab, records, interval))));
}
