import type { CatalogIndex, Product } from '../catalog/index.ts';
import type { Confidence, Dependency, Source } from '../catalog/types.ts';
import { LEVEL_LABELS, worstLevel } from './levels.ts';
import { freshness, type Freshness, type HealthRecord } from './record.ts';
import type { ScheduleSettings } from './schedule.ts';
import type { HealthLevel, Incident } from './types.ts';

/** The status of one product → provider component edge, as the user sees it. */
export interface DependencyStatus {
  providerId: string;
  providerName: string;
  componentName: string;
  route: string;
  confidence: Confidence;
  /** Public sources behind the claim that the product depends on this provider. */
  sources: Source[];
  /** `unknown` whenever the reading is missing, failing or stale. */
  level: HealthLevel;
  /** The level last read, even when it is no longer trusted; null if never read or not on the page. */
  lastKnownLevel: HealthLevel | null;
  freshness: Freshness | 'component-missing';
  incidents: Incident[];
  incidentsUnavailable: boolean;
  checkedAt: string | null;
  lastError: string | null;
  statusPageUrl: string;
}

export interface ProductStatus {
  productId: string;
  productName: string;
  level: HealthLevel;
  dependencies: DependencyStatus[];
}

function assessDependency(
  index: CatalogIndex,
  dep: Dependency,
  record: HealthRecord | undefined,
  now: Date,
  schedule: ScheduleSettings,
): DependencyStatus | null {
  const provider = index.provider(dep.provider);
  const component = provider?.components.find((candidate) => candidate.id === dep.component);
  if (!provider || !component) return null;

  const base = {
    providerId: provider.id,
    providerName: provider.name,
    componentName: component.name,
    route: dep.route,
    confidence: dep.confidence,
    sources: dep.sources,
    checkedAt: record?.health?.fetchedAt ?? null,
    lastError: record?.lastError ?? null,
    statusPageUrl: provider.status.pageUrl,
    incidentsUnavailable: record?.health?.incidentsUnavailable === true,
  };
  const health = record?.health;
  if (!health) {
    return { ...base, level: 'unknown', lastKnownLevel: null, freshness: 'never-read', incidents: [] };
  }

  const ids = new Set(component.match.ids);
  const names = new Set(component.match.names.map((name) => name.toLowerCase()));
  const matched = health.components.filter((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
  const matchedIds = new Set(matched.map((c) => c.id));
  // An incident that names no components may touch any of them, so it is shown rather than hidden.
  const incidents = health.incidents.filter(
    (incident) => incident.componentIds.length === 0 || incident.componentIds.some((id) => matchedIds.has(id)),
  );
  if (matched.length === 0) {
    return { ...base, level: 'unknown', lastKnownLevel: null, freshness: 'component-missing', incidents };
  }
  const lastKnownLevel = worstLevel(matched.map((c) => c.level));
  const state = freshness(record, now, schedule);
  return { ...base, level: state === 'fresh' ? lastKnownLevel : 'unknown', lastKnownLevel, freshness: state, incidents };
}

/** Every dependency of a product with its current, honest status. */
export function assessProduct(
  index: CatalogIndex,
  product: Product,
  records: ReadonlyMap<string, HealthRecord>,
  now: Date,
  schedule: ScheduleSettings,
): ProductStatus {
  const seen = new Set<string>();
  const dependencies: DependencyStatus[] = [];
  for (const feature of product.features) {
    for (const dep of feature.dependencies) {
      const key = `${dep.provider}/${dep.component}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const status = assessDependency(index, dep, records.get(dep.provider), now, schedule);
      if (status) dependencies.push(status);
    }
  }
  return {
    productId: product.id,
    productName: product.name,
    level: worstLevel(dependencies.map((dep) => dep.level)),
    dependencies,
  };
}

export interface Badge {
  text: string;
  /** 6-digit hex. */
  color: string;
  title: string;
}

/** Text and colour differ per state so the badge never relies on colour alone. */
const BADGES: Record<HealthLevel, { text: string; color: string }> = {
  operational: { text: '', color: '#188038' },
  maintenance: { text: 'MNT', color: '#1A73E8' },
  degraded: { text: '!', color: '#B06000' },
  partial_outage: { text: 'OUT', color: '#C5221F' },
  major_outage: { text: 'OUT', color: '#C5221F' },
  unknown: { text: '?', color: '#5F6368' },
};

export const DEFAULT_TITLE = 'Upstream';

/** The toolbar badge for a tab showing these products; no products means no badge. */
export function badgeFor(products: ProductStatus[]): Badge {
  if (products.length === 0) return { text: '', color: BADGES.operational.color, title: DEFAULT_TITLE };
  const level = worstLevel(products.map((product) => product.level));
  const affected = products.flatMap((product) =>
    product.dependencies
      .filter((dep) => dep.level !== 'operational')
      .map((dep) => `${product.productName} → ${dep.providerName}: ${LEVEL_LABELS[dep.level]}`),
  );
  const title =
    affected.length > 0
      ? affected.join('\n')
      : products
          .map((product) => `${product.productName}: ${product.dependencies.map((dep) => dep.providerName).join(', ')} operational`)
          .join('\n');
  return { ...BADGES[level], title: `${DEFAULT_TITLE}\n${title}` };
}
