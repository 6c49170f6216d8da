import type { CatalogIndex, Product } from '../catalog/index.ts';
import { isSpecialProvider, type Confidence, type Dependency, type ProviderComponent, type Source } from '../catalog/types.ts';
import { english, levelKey, type Translate } from '../model/i18n.ts';
import { mostUrgentLevel } from '../model/levels.ts';
import { freshness, type Freshness, type HealthRecord } from './record.ts';
import type { ScheduleSettings } from './schedule.ts';
import type { Incident, ReadError } from '../model/health.ts';
import type { HealthLevel } from '../model/levels.ts';

/** The status of one product → provider component edge, as the user sees it. */
export interface DependencyStatus {
  /** A registry provider id, or `in-house` / `undisclosed`. */
  providerId: string;
  providerName: string;
  /** The catalog component id (the provider id for in-house / undisclosed). */
  componentId: string;
  componentName: string;
  route: string;
  /** The AI feature that uses it. */
  feature: string;
  confidence: Confidence;
  /** Public sources behind the claim that the product depends on this provider. */
  sources: Source[];
  /** False for in-house or undisclosed models: there is no public status to watch. */
  monitored: boolean;
  /** `unknown` whenever the reading is missing, failing or stale (and for unmonitored dependencies). */
  level: HealthLevel;
  /** The level last read, even when it is no longer trusted; null if never read or not on the page. */
  lastKnownLevel: HealthLevel | null;
  freshness: Freshness | 'component-missing' | 'not-monitored';
  incidents: Incident[];
  incidentsUnavailable: boolean;
  checkedAt: string | null;
  lastError: ReadError | null;
  statusPageUrl: string | null;
}

export interface ProductStatus {
  productId: string;
  productName: string;
  /**
   * Worst level among monitored dependencies of medium or high confidence; null when there are none
   * (in-house or undisclosed models only, or only low-confidence claims).
   */
  level: HealthLevel | null;
  dependencies: DependencyStatus[];
}

function assessDependency(
  index: CatalogIndex,
  feature: string,
  dep: Dependency,
  record: HealthRecord | undefined,
  now: Date,
  schedule: ScheduleSettings,
): DependencyStatus | null {
  const common = { feature, route: dep.route, confidence: dep.confidence, sources: dep.sources };
  if (isSpecialProvider(dep.provider)) {
    return {
      ...common,
      providerId: dep.provider,
      // In-house and undisclosed are worded by the pages (catalog/names.ts), never shown from here.
      providerName: '',
      componentId: dep.provider,
      componentName: '',
      monitored: false,
      level: 'unknown',
      lastKnownLevel: null,
      freshness: 'not-monitored',
      incidents: [],
      incidentsUnavailable: false,
      checkedAt: null,
      lastError: null,
      statusPageUrl: null,
    };
  }
  const provider = index.provider(dep.provider);
  const component = provider?.components.find((candidate) => candidate.id === dep.component);
  if (!provider || !component) return null;

  const base = {
    ...common,
    providerId: provider.id,
    providerName: provider.name,
    componentName: component.name,
    monitored: true,
    checkedAt: record?.health?.fetchedAt ?? null,
    lastError: record?.lastError ?? null,
    statusPageUrl: provider.status.pageUrl,
    incidentsUnavailable: record?.health?.incidentsUnavailable === true,
  };
  return { ...base, ...componentStatus(component, record, now, schedule) };
}

/** One catalog component of a provider as read from its status page. */
export interface ComponentStatus {
  componentId: string;
  componentName: string;
  level: HealthLevel;
  lastKnownLevel: HealthLevel | null;
  freshness: Freshness | 'component-missing';
  /** Unresolved incidents naming this component, or naming none (they may touch any). */
  incidents: Incident[];
}

/** The live, honest status of one catalog component: `unknown` unless the reading is fresh and names it. */
export function componentStatus(component: ProviderComponent, record: HealthRecord | undefined, now: Date, schedule: ScheduleSettings): ComponentStatus {
  const common = { componentId: component.id, componentName: component.name };
  const health = record?.health;
  if (!health) return { ...common, level: 'unknown', lastKnownLevel: null, freshness: 'never-read', incidents: [] };

  const ids = new Set(component.match.ids);
  const names = new Set(component.match.names.map((name) => name.toLowerCase()));
  const matched = health.components.filter((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
  const matchedIds = new Set(matched.map((c) => c.id));
  // An incident that names no components may touch any of them, so it is shown rather than hidden.
  const incidents = health.incidents.filter(
    (incident) => incident.componentIds.length === 0 || incident.componentIds.some((id) => matchedIds.has(id)),
  );
  if (matched.length === 0) return { ...common, level: 'unknown', lastKnownLevel: null, freshness: 'component-missing', incidents };
  const lastKnownLevel = mostUrgentLevel(matched.map((c) => c.level));
  const state = freshness(record, now, schedule);
  return { ...common, level: state === 'fresh' ? lastKnownLevel : 'unknown', lastKnownLevel, freshness: state, incidents };
}

/** A provider's overall level as the user should read it: the page's own level while fresh, else unknown. */
export function providerLevel(record: HealthRecord | undefined, now: Date, schedule: ScheduleSettings): { level: HealthLevel; freshness: Freshness; checkedAt: string | null } {
  const state = freshness(record, now, schedule);
  const level = state === 'fresh' && record?.health ? record.health.level : 'unknown';
  return { level, freshness: state, checkedAt: record?.health?.fetchedAt ?? null };
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
      const key = `${dep.provider}/${dep.component ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const status = assessDependency(index, feature.name, dep, records.get(dep.provider), now, schedule);
      if (status) dependencies.push(status);
    }
  }
  // Low-confidence claims are shown, but a guess-grade link should not put a warning on someone's tab.
  const monitored = dependencies.filter((dep) => dep.monitored && dep.confidence !== 'low');
  return {
    productId: product.id,
    productName: product.name,
    level: monitored.length > 0 ? mostUrgentLevel(monitored.map((dep) => dep.level)) : null,
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

/** The toolbar badge for a tab showing these products; products with nothing to monitor leave no badge. */
export function badgeFor(products: ProductStatus[], t: Translate = english): Badge {
  const appName = t('extensionName');
  const watched = products.filter((product) => product.level !== null);
  if (watched.length === 0) {
    const names = products.map((product) => product.productName);
    return { text: '', color: BADGES.operational.color, title: names.length ? `${appName}\n${t('badgeProviderNotMonitored', names.join(', '))}` : appName };
  }
  const level = mostUrgentLevel(watched.map((product) => product.level as HealthLevel));
  const affected = watched.flatMap((product) =>
    product.dependencies
      .filter((dep) => dep.monitored && dep.confidence !== 'low' && dep.level !== 'operational')
      .map((dep) => t('badgeAffected', product.productName, dep.providerName, t(levelKey(dep.level)))),
  );
  const title =
    affected.length > 0
      ? [...new Set(affected)].join('\n')
      : watched
          .map((product) => t('badgeOperational', product.productName, [...new Set(product.dependencies.filter((d) => d.monitored && d.confidence !== 'low').map((dep) => dep.providerName))].join(', ')))
          .join('\n');
  return { ...BADGES[level], title: `${appName}\n${title}` };
}
