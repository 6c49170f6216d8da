/**
 * Everything a status page says is untrusted and may be huge: a page can list 60,000 components, open a
 * thousand incidents, or re-stamp a 500 KB update on every read. Readings are bounded here, once, before
 * anything stores or shows them, so storage, work per read and messages stay small whatever a page sends.
 * docs/ARCHITECTURE.md lists every bound.
 */
import type { Provider } from '../catalog/types.ts';
import type { ComponentHealth, Incident, IncidentUpdate, ProviderHealth, RecentIncident } from '../model/health.ts';
import { cut } from '../model/text.ts';

export const BOUNDS = {
  /** Components kept per reading: every one the catalog maps, then others in the page's order. */
  components: 300,
  /** Unresolved incidents and maintenance kept per reading (those naming mapped components first). */
  incidents: 25,
  /** Component ids an incident may name. */
  componentIdsPerIncident: 50,
  /** Updates kept per recorded incident (the newest). */
  updatesPerIncident: 12,
  /** Incidents of a page's own recent history shown on the provider page. */
  recentIncidents: 50,
  /** Recorded incidents the provider page is sent (the newest seen in the window it shows). */
  viewIncidents: 100,
  /**
   * History rows recorded per provider per UTC day. A real page changes a few times on a bad day; one that flips
   * on every read is recorded as unknown for the rest of that day, not as thousands of rows.
   */
  eventsPerProviderPerDay: 300,
  /** Incident records kept per provider (the most recently seen; a page inventing new incidents each read). */
  incidentRecordsPerProvider: 200,
  /** Characters kept per text field. */
  text: { id: 200, name: 200, title: 300, status: 60, body: 1000, description: 300, url: 2048 },
} as const;

function boundUpdate(update: IncidentUpdate): IncidentUpdate {
  return { body: cut(update.body, BOUNDS.text.body), at: update.at, status: cut(update.status, BOUNDS.text.status) };
}

function boundIncident<T extends Incident>(incident: T, linkFor: (url: string) => string): T {
  return {
    ...incident,
    id: cut(incident.id, BOUNDS.text.id),
    title: cut(incident.title, BOUNDS.text.title),
    status: cut(incident.status, BOUNDS.text.status),
    latestUpdate: incident.latestUpdate && boundUpdate(incident.latestUpdate),
    url: linkFor(incident.url),
    componentIds: incident.componentIds.slice(0, BOUNDS.componentIdsPerIncident).map((id) => cut(id, BOUNDS.text.id)),
  };
}

/** Whether a page component is one the catalog maps for the provider (by id or name). */
export function mappedComponent(provider: Provider): (component: Pick<ComponentHealth, 'id' | 'name'>) => boolean {
  const ids = new Set(provider.components.flatMap((component) => component.match.ids));
  const names = new Set(provider.components.flatMap((component) => component.match.names.map((name) => name.toLowerCase())));
  return (component) => ids.has(component.id) || names.has(component.name.toLowerCase());
}

/**
 * Hosts an incident may link to: the provider's status page and its aliases, and the short-link hosts the
 * platforms use. Any other link (a page may put anything there) is replaced by the status page itself.
 */
const SHORT_LINK_HOSTS: Partial<Record<string, readonly string[]>> = {
  'atlassian-statuspage': ['stspg.io'],
};

export function incidentLinks(provider: Provider, pageUrl: string): (url: string) => string {
  const hosts = new Set([new URL(pageUrl).hostname, new URL(provider.status.pageUrl).hostname, ...provider.status.aliases, ...(SHORT_LINK_HOSTS[provider.status.platform] ?? [])]);
  return (url) => {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' && hosts.has(parsed.hostname) && url.length <= BOUNDS.text.url ? parsed.href : pageUrl;
    } catch {
      return pageUrl;
    }
  };
}

/** A reading cut to the bounds, with only links to the provider's own status hosts. */
export function boundHealth(health: ProviderHealth, provider: Provider, pageUrl: string): ProviderHealth {
  const isMapped = mappedComponent(provider);
  const components = [...health.components.filter(isMapped), ...health.components.filter((component) => !isMapped(component))]
    .slice(0, BOUNDS.components)
    .map((component) => ({ ...component, id: cut(component.id, BOUNDS.text.id), name: cut(component.name, BOUNDS.text.name) }));
  const kept = new Set(components.filter(isMapped).map((component) => component.id));
  const namesMapped = (incident: Incident) => incident.componentIds.some((id) => kept.has(id));
  const linkFor = incidentLinks(provider, pageUrl);
  const incidents = [...health.incidents.filter(namesMapped), ...health.incidents.filter((incident) => !namesMapped(incident))]
    .slice(0, BOUNDS.incidents)
    .map((incident) => boundIncident(incident, linkFor));
  return { ...health, description: cut(health.description, BOUNDS.text.description), components, incidents };
}

/** A status page's own history, cut and linked the same way. */
export function boundRecent(incidents: readonly RecentIncident[], provider: Provider, pageUrl: string): RecentIncident[] {
  const linkFor = incidentLinks(provider, pageUrl);
  return incidents.slice(0, BOUNDS.recentIncidents).map((incident) => boundIncident(incident, linkFor));
}

/** The updates a recorded incident keeps: the newest, each cut. */
export function boundUpdates(updates: readonly IncidentUpdate[]): IncidentUpdate[] {
  return updates.slice(-BOUNDS.updatesPerIncident).map(boundUpdate);
}
