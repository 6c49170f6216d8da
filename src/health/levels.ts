import { HEALTH_LEVELS, type ComponentHealth, type HealthLevel, type Incident } from './types.ts';

const RANK: Record<HealthLevel, number> = Object.fromEntries(
  HEALTH_LEVELS.map((level, index) => [level, index]),
) as Record<HealthLevel, number>;

/** The worst of the given levels; an empty list is `unknown`, because nothing was read. */
export function worstLevel(levels: Iterable<HealthLevel>): HealthLevel {
  let worst: HealthLevel | null = null;
  for (const level of levels) {
    if (worst === null || RANK[level] > RANK[worst]) worst = level;
  }
  return worst ?? 'unknown';
}

/**
 * What deserves the user's attention first among several dependencies: known trouble (worst first), then
 * unknown, then operational. A known outage is not hidden behind another dependency that could not be read,
 * and unknown still outranks operational, so nothing unread ever shows green.
 */
const URGENCY: Record<HealthLevel, number> = {
  operational: 0,
  unknown: 1,
  maintenance: 2,
  degraded: 3,
  partial_outage: 4,
  major_outage: 5,
};

export function mostUrgentLevel(levels: Iterable<HealthLevel>): HealthLevel {
  let urgent: HealthLevel | null = null;
  for (const level of levels) {
    if (urgent === null || URGENCY[level] > URGENCY[urgent]) urgent = level;
  }
  return urgent ?? 'unknown';
}

/** Degraded or an outage: what warns a user, offers alternatives and notifies (maintenance is planned, not trouble). */
export function isTrouble(level: HealthLevel | null): boolean {
  return level === 'degraded' || level === 'partial_outage' || level === 'major_outage';
}

/** Statuspage-style component statuses, shared by Atlassian and incident.io's compatible API. */
export function levelFromComponentStatus(status: unknown): HealthLevel {
  switch (status) {
    case 'operational':
      return 'operational';
    case 'degraded_performance':
      return 'degraded';
    case 'partial_outage':
      return 'partial_outage';
    case 'major_outage':
    case 'full_outage':
      return 'major_outage';
    case 'under_maintenance':
      return 'maintenance';
    default:
      return 'unknown';
  }
}

/** Statuspage `status.indicator` and incident `impact`. */
export function levelFromIndicator(indicator: unknown): HealthLevel {
  switch (indicator) {
    case 'none':
      return 'operational';
    case 'minor':
      return 'degraded';
    case 'major':
      return 'partial_outage';
    case 'critical':
      return 'major_outage';
    case 'maintenance':
      return 'maintenance';
    default:
      return 'unknown';
  }
}

/**
 * A page's level for platforms whose components take their state from incidents: the worst component, and
 * also any incident that names none of the listed components (it still happens to the page). Unknown when
 * part of the payload could not be read, or when the page lists no components at all.
 */
export function pageLevelFromIncidents(components: ComponentHealth[], incidents: Incident[], readable: boolean): HealthLevel {
  if (!readable || components.length === 0) return 'unknown';
  const listed = new Set(components.map((component) => component.id));
  const unattributed = incidents.filter((incident) => !incident.componentIds.some((id) => listed.has(id))).map((incident) => incident.impact);
  return worstLevel([...components.map((component) => component.level), ...unattributed]);
}
