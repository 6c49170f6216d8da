import type { CatalogIndex } from '../catalog/index.ts';
import { assessProduct } from '../health/assess.ts';
import { mostUrgentLevel } from '../model/levels.ts';
import type { ProviderSituation } from '../health/notify.ts';
import type { HealthRecord } from '../health/record.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import type { Incident } from '../model/health.ts';
import type { HealthLevel } from '../model/levels.ts';
import { stackMembers, type StackState } from './stack.ts';

/** Each provider as it affects the user's stack: the most urgent level of the components their tools use. */
export function stackSituations(index: CatalogIndex, stack: StackState, records: ReadonlyMap<string, HealthRecord>, schedule: ScheduleSettings, now: Date): ProviderSituation[] {
  interface Exposure {
    name: string;
    levels: HealthLevel[];
    incidents: Map<string, Incident>;
    products: Set<string>;
  }
  const byProvider = new Map<string, Exposure>();
  for (const member of stackMembers(stack, index, now)) {
    const product = index.product(member.productId);
    if (!product) continue;
    for (const dep of assessProduct(index, product, records, now, schedule).dependencies) {
      // Guess-grade links never put a warning on a tab, nor in a notification.
      if (!dep.monitored || dep.confidence === 'low') continue;
      const entry: Exposure = byProvider.get(dep.providerId) ?? { name: dep.providerName, levels: [], incidents: new Map(), products: new Set() };
      // Possible impacts (incidents on components nothing maps) warn on the badge, but do not notify.
      entry.levels.push(dep.confirmedLevel);
      for (const incident of dep.incidents) entry.incidents.set(incident.id, incident);
      entry.products.add(product.name);
      byProvider.set(dep.providerId, entry);
    }
  }
  return [...byProvider].map(([providerId, entry]) => {
    return {
      providerId,
      providerName: entry.name,
      // Trouble read fresh on one component is news; "operational" while another component is unreadable is not.
      level: mostUrgentLevel(entry.levels),
      incidents: [...entry.incidents.values()],
      productNames: [...entry.products].sort((a, b) => a.localeCompare(b)),
    };
  });
}
