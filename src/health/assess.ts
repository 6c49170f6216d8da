import type { CatalogIndex, Product } from '../catalog/index.ts';
import { isSpecialProvider, type Confidence, type Dependency, type Provider, type ProviderComponent, type Source } from '../catalog/types.ts';
import { levelKey, type Translate } from '../model/i18n.ts';
import { levelRank, mostUrgentLevel } from '../model/levels.ts';
import { joinNames } from '../model/text.ts';
import type { EarlyWarningView } from './early-warning.ts';
import { admissionLine, warningLine } from './early-warning-words.ts';
import { possibleWhere } from './possible-where.ts';

export { possibleWhere } from './possible-where.ts';
import { freshness, type Freshness, type HealthRecord } from './record.ts';
import type { ScheduleSettings } from './schedule.ts';
import type { Incident, ProviderHealth, ReadError } from '../model/health.ts';
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
  /** The component's own level, possible incidents left out (what notifications follow). */
  confirmedLevel: HealthLevel;
  /** True when the trouble in `level` comes only from incidents the page attributes to nothing mapped. */
  possible: boolean;
  /** The level last read, even when it is no longer trusted; null if never read or not on the page. */
  lastKnownLevel: HealthLevel | null;
  freshness: Freshness | 'component-missing' | 'not-monitored';
  incidents: Incident[];
  possibleIncidents: PossibleIncident[];
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
      confirmedLevel: 'unknown',
      possible: false,
      lastKnownLevel: null,
      freshness: 'not-monitored',
      incidents: [],
      possibleIncidents: [],
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
  return { ...base, ...componentStatus(provider, component, record, now, schedule) };
}

/** An incident the status page does not attribute to anything the catalog maps: it may touch any product. */
export interface PossibleIncident {
  incident: Incident;
  /** The names of the page's components it names (empty when it names none). */
  componentNames: string[];
}

/** One catalog component of a provider as read from its status page. */
export interface ComponentStatus {
  componentId: string;
  componentName: string;
  /** What the user should read: unknown unless fresh; trouble from possible incidents included. */
  level: HealthLevel;
  /** The component's own level as the page states it (fresh), possible incidents left out. */
  confirmedLevel: HealthLevel;
  /** True when `level` is worse than the component's own only because of possible incidents. */
  possible: boolean;
  lastKnownLevel: HealthLevel | null;
  freshness: Freshness | 'component-missing';
  /** Unresolved incidents naming this component, and maintenance naming nothing the catalog maps. */
  incidents: Incident[];
  /**
   * Unresolved incidents (not maintenance) that name none of the components the catalog maps for this
   * provider: on a renamed, new or regional component, or on none at all. Never dropped: shown as possible.
   */
  possibleIncidents: PossibleIncident[];
}

/** Page component ids that some catalog component of the provider maps. */
function mappedIds(provider: Provider, health: ProviderHealth): Set<string> {
  const ids = new Set(provider.components.flatMap((component) => component.match.ids));
  const names = new Set(provider.components.flatMap((component) => component.match.names.map((name) => name.toLowerCase())));
  return new Set([...ids, ...health.components.filter((c) => ids.has(c.id) || names.has(c.name.toLowerCase())).map((c) => c.id)]);
}

/** An incident that states no impact is still trouble: a possible incident counts at least as degraded. */
const possibleImpact = (incident: Incident): HealthLevel => (incident.impact === 'unknown' || incident.impact === 'operational' ? 'degraded' : incident.impact);

/** The live, honest status of one catalog component: `unknown` unless the reading is fresh and names it. */
export function componentStatus(
  provider: Provider,
  component: ProviderComponent,
  record: HealthRecord | undefined,
  now: Date,
  schedule: ScheduleSettings,
): ComponentStatus {
  const common = { componentId: component.id, componentName: component.name };
  const health = record?.health;
  if (!health) {
    return { ...common, level: 'unknown', confirmedLevel: 'unknown', possible: false, lastKnownLevel: null, freshness: 'never-read', incidents: [], possibleIncidents: [] };
  }
  const ids = new Set(component.match.ids);
  const names = new Set(component.match.names.map((name) => name.toLowerCase()));
  const matched = health.components.filter((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
  const matchedIds = new Set(matched.map((c) => c.id));
  const mapped = mappedIds(provider, health);
  const pageNames = new Map(health.components.map((c) => [c.id, c.name]));
  const unattributed = health.incidents.filter((incident) => !incident.componentIds.some((id) => mapped.has(id)));
  const incidents = [
    ...health.incidents.filter((incident) => incident.componentIds.some((id) => matchedIds.has(id))),
    ...unattributed.filter((incident) => incident.maintenance),
  ];
  const possibleIncidents = unattributed
    .filter((incident) => !incident.maintenance)
    .map((incident) => ({ incident, componentNames: incident.componentIds.map((id) => pageNames.get(id) ?? id) }));
  const state = freshness(record, now, schedule);
  if (matched.length === 0) {
    return { ...common, level: 'unknown', confirmedLevel: 'unknown', possible: false, lastKnownLevel: null, freshness: 'component-missing', incidents, possibleIncidents };
  }
  const lastKnownLevel = mostUrgentLevel(matched.map((c) => c.level));
  if (state !== 'fresh') {
    return { ...common, level: 'unknown', confirmedLevel: 'unknown', possible: false, lastKnownLevel, freshness: state, incidents, possibleIncidents };
  }
  const level = mostUrgentLevel([lastKnownLevel, ...possibleIncidents.map(({ incident }) => possibleImpact(incident))]);
  return { ...common, level, confirmedLevel: lastKnownLevel, possible: level !== lastKnownLevel, lastKnownLevel, freshness: state, incidents, possibleIncidents };
}

/** Whether a reading lists something for every component the catalog maps for the provider. */
function listsEveryComponent(provider: Provider, health: ProviderHealth): boolean {
  return provider.components.every((component) => {
    const ids = new Set(component.match.ids);
    const names = new Set(component.match.names.map((name) => name.toLowerCase()));
    return health.components.some((c) => ids.has(c.id) || names.has(c.name.toLowerCase()));
  });
}

/**
 * A provider's overall level as the user should read it: the page's own level while fresh, else unknown. A
 * page that stopped listing a mapped component is unknown too: its level no longer covers what we watch.
 */
export function providerLevel(
  record: HealthRecord | undefined,
  now: Date,
  schedule: ScheduleSettings,
  provider?: Provider,
): { level: HealthLevel; freshness: Freshness | 'component-missing'; checkedAt: string | null } {
  const state = freshness(record, now, schedule);
  const checkedAt = record?.health?.fetchedAt ?? null;
  if (state !== 'fresh' || !record?.health) return { level: 'unknown', freshness: state, checkedAt };
  if (provider && !listsEveryComponent(provider, record.health)) return { level: 'unknown', freshness: 'component-missing', checkedAt };
  return { level: record.health.level, freshness: state, checkedAt };
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

/**
 * Early warning, told apart from what a status page says: its own text and colour. `FAIL`: the product's
 * requests fail in this browser; `NET`: they fail because the connection does, most likely.
 */
const EARLY_BADGES = {
  failing: { text: 'FAIL', color: '#7B1FA2' },
  connection: { text: 'NET', color: '#455A64' },
} as const;

/** A product's early warning on a tab (what its requests did), for the badge. */
export interface ProductWarning {
  productName: string;
  view: EarlyWarningView;
}

/**
 * The toolbar badge for a tab showing these products; products with nothing to monitor leave no badge. An
 * official degradation or outage keeps its badge and the early warning joins its title; otherwise a product's
 * failing requests show their own badge, whatever the page says (all clear, maintenance, or unreadable).
 */
export function badgeFor(products: ProductStatus[], t: Translate, warnings: readonly ProductWarning[] = []): Badge {
  const official = officialBadge(products, t);
  const lines = warnings.flatMap(({ productName, view }) => [warningLine(productName, view, t), admissionLine(productName, view, t)].filter((line): line is string => line !== null));
  const warned = warnings.filter(({ view }) => view.warning !== null);
  const officialTrouble = official.text === BADGES.degraded.text || official.text === BADGES.major_outage.text;
  if (warned.length > 0 && !officialTrouble) {
    const badge = warned.some(({ view }) => view.warning?.kind === 'failing') ? EARLY_BADGES.failing : EARLY_BADGES.connection;
    return { ...badge, title: [t('extensionName'), ...lines].join('\n') };
  }
  return lines.length > 0 ? { ...official, title: [official.title, ...lines].join('\n') } : official;
}

/** The badge from the status pages alone. */
function officialBadge(products: ProductStatus[], t: Translate): Badge {
  const appName = t('extensionName');
  const watched = products.filter((product) => product.level !== null);
  if (watched.length === 0) {
    const names = products.map((product) => product.productName);
    return { text: '', color: BADGES.operational.color, title: names.length ? `${appName}\n${t('badgeProviderNotMonitored', joinNames(t, names))}` : appName };
  }
  const level = mostUrgentLevel(watched.map((product) => product.level as HealthLevel));
  const counted = watched.flatMap((product) => product.dependencies.filter((dep) => dep.monitored && dep.confidence !== 'low'));
  // Trouble the page attributes to nothing we map is a warning ("may be affected"), never a confirmed outage.
  const confirmed = mostUrgentLevel(counted.map((dep) => (dep.possible ? dep.confirmedLevel : dep.level)));
  const onlyPossible = levelRank('urgency', level) > levelRank('urgency', confirmed);
  const affected = watched.flatMap((product) =>
    product.dependencies
      .filter((dep) => dep.monitored && dep.confidence !== 'low' && dep.level !== 'operational')
      .map((dep) =>
        dep.possible
          ? t('badgePossiblyAffected', product.productName, dep.providerName, possibleWhere(dep.possibleIncidents, t))
          : t('badgeAffected', product.productName, dep.providerName, t(levelKey(dep.level))),
      ),
  );
  const title =
    affected.length > 0
      ? [...new Set(affected)].join('\n')
      : watched
          .map((product) => t('badgeOperational', product.productName, joinNames(t, [...new Set(product.dependencies.filter((d) => d.monitored && d.confidence !== 'low').map((dep) => dep.providerName))])))
          .join('\n');
  return { ...(onlyPossible ? BADGES.degraded : BADGES[level]), title: `${appName}\n${title}` };
}

