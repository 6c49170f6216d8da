import { worstLevel, type HealthLevel } from '../model/levels.ts';
import type { ComponentHealth, Incident } from '../model/health.ts';

/** How status platforms' own words map onto Upstream's levels, for the adapters. */

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
