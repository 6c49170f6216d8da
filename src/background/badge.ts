import browser from 'webextension-polyfill';
import type { CatalogIndex } from '../catalog/index.ts';
import { assessProduct, badgeFor, type ProductStatus, type ProductWarning } from '../health/assess.ts';
import type { HealthRecord } from '../health/record.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import { t } from '../platform/i18n.ts';
import type { TabProduct } from '../protocol/views.ts';
import type { WorkerContext } from './context.ts';
import { recordProblem } from './problems.ts';
import { actionable } from './detection.ts';
import { earlyWarningNow, warningView, type Settled } from './early-warning.ts';
import { readTab, type TabRecord } from './tab-store.ts';

/** The tab's products (confident detections) with their live status and the evidence for each. */
export function tabProducts(
  index: CatalogIndex,
  tab: TabRecord | undefined,
  records: ReadonlyMap<string, HealthRecord>,
  schedule: ScheduleSettings,
  now: Date,
): Pick<TabProduct, 'status' | 'detection'>[] {
  return actionable(tab?.detections ?? []).flatMap((detection) => {
    const product = index.product(detection.productId);
    return product ? [{ status: assessProduct(index, product, records, now, schedule), detection }] : [];
  });
}

/** The early warnings of a tab's products, for its badge. */
function tabWarnings(index: CatalogIndex, settled: Settled, statuses: ProductStatus[]): ProductWarning[] {
  return statuses.flatMap((status) => {
    const view = warningView(index, settled, status);
    return view ? [{ productName: status.productName, view }] : [];
  });
}

async function paint(tabId: number, statuses: ProductStatus[], warnings: ProductWarning[]): Promise<void> {
  const badge = badgeFor(statuses, t, warnings);
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
  } catch (error) {
    // A tab that closed while we were working has nothing to paint; any other failure is recorded.
    const open = await browser.tabs.get(tabId).then(
      (tab) => Boolean(tab),
      () => false,
    );
    if (open) await recordProblem('badge', error);
  }
}

export async function refreshBadge(ctx: WorkerContext, tabId: number): Promise<void> {
  const [tab, records, schedule, settled] = await Promise.all([readTab(tabId), ctx.records(), ctx.schedule(), earlyWarningNow(ctx)]);
  const statuses = tabProducts(ctx.index, tab, records, schedule, ctx.now).map((product) => product.status);
  await paint(tabId, statuses, tabWarnings(ctx.index, settled, statuses));
}

export async function refreshAllBadges(ctx: WorkerContext): Promise<void> {
  const [tabs, records, schedule, settled] = await Promise.all([ctx.tabs(), ctx.records(), ctx.schedule(), earlyWarningNow(ctx)]);
  await Promise.all(
    [...tabs].map(([tabId, tab]) => {
      const statuses = tabProducts(ctx.index, tab, records, schedule, ctx.now).map((product) => product.status);
      return paint(tabId, statuses, tabWarnings(ctx.index, settled, statuses));
    }),
  );
}
