import { selectRecentIncidents, type Fetcher, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { type StatusPageRef } from '../../catalog/types.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident, RecentIncident, ReadError, RecentResult } from '../../model/health.ts';
import { htmlToText, levelFromTitleWords, newestItemTime, paramList, paramString, readFeed, type Feed, type FeedItem } from './feed.ts';

/**
 * Azure status RSS. Microsoft lists only published, broad-impact incidents there and drops an item once it is
 * resolved; the channel (titled "Azure Status") is empty on a normal day. Items carry no severity or lifecycle: a free-text title,
 * an entity-escaped HTML description, a `pubDate` (with a bare "Z" zone), and zero or more `<category>`
 * elements mixing affected services and regions. The `guid` is a slug of the title, reused by separate
 * incidents, and the `link` is the generic status page (once an internal host), so neither identifies much.
 */

export const AZURE_STATUS_PAGE = 'https://azure.status.microsoft/en-us/status';

/**
 * The feed host the status page links to first; the second serves the same feed. `status.azure.com` is avoided
 * on purpose: it redirects to a geo-routed instance that has served an empty channel during a regional outage.
 */
export const AZURE_FEED_URLS = [
  'https://rssfeed.azure.status.microsoft/en-us/status/feed/',
  'https://azure.status.microsoft/en-us/status/feed/',
] as const;

/** Titles that announce the end of an incident ("[RESOLVED] …", "Mitigated - …"); such items are not listed. */
const CLOSED_TITLE = /^\s*(?:[[(]\s*(?:resolved|mitigated)\s*[\])]|(?:resolved|mitigated)\s*[-–—:])/i;

function serviceId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'service';
}

/** Whether an item names the service, in its title, its categories or its text (case-insensitive). */
function mentions(item: FeedItem, service: string): boolean {
  const needle = service.toLowerCase();
  return [item.title, ...item.categories, htmlToText(item.html)].some((text) => text.toLowerCase().includes(needle));
}

function itemIncident(item: FeedItem, componentIds: string[], pageUrl: string): Incident {
  const title = item.title.replace(/\s+/g, ' ').trim();
  return {
    // The guid alone has been reused for separate incidents; with the publication time it is distinct.
    id: `${item.id || serviceId(title)}@${item.publishedAt ?? 'undated'}`,
    title: title,
    // The feed states no severity. Being listed at all means broad impact, so at least degraded; an untitled
    // item is unreadable.
    impact: title === '' ? 'unknown' : (levelFromTitleWords(title) ?? 'degraded'),
    status: 'active',
    startedAt: item.publishedAt,
    latestUpdate: item.publishedAt === null ? null : { body: htmlToText(item.html), at: item.publishedAt, status: 'active' },
    // The item link points at the generic page (once an internal host): the status page is the honest link.
    url: pageUrl,
    componentIds,
    maintenance: false,
  };
}

/** The configured services and the feed, or why the body cannot be read for them. */
function readAzureFeed(body: unknown, params: StatusPageRef['params']): { services: string[]; feed: Feed } | { error: ReadError } {
  const services = [...new Set(paramList(params, 'services'))];
  if (services.length === 0) return { error: { kind: 'config' } };
  const feed = readFeed(body);
  // The channel is titled "Azure Status"; any other RSS (a portal's, a CDN's) says nothing about Azure.
  if (!feed || feed.format !== 'rss' || !/\bazure\b/i.test(feed.title)) return { error: { kind: 'format' } };
  return { services, feed };
}

/** Ids of the configured services an item names. */
function namedServices(item: FeedItem, services: string[]): string[] {
  return [...new Set(services.filter((service) => mentions(item, service)).map(serviceId))];
}

/**
 * Reads the Azure status feed for the services in `params.services`, one component each. A service no open
 * item mentions is operational, but only when the body is a real RSS channel: an HTML page, Atom, a
 * truncated body or garbage is `{ok: false}`.
 */
export function parseAzureStatusFeed(body: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): ParseResult {
  const read = readAzureFeed(body, params);
  if ('error' in read) return { ok: false, error: read.error };
  const { services, feed } = read;

  // Items on a related service (a renamed or neighbouring AI service) are kept under that service's name:
  // they are no component of ours, so the catalog shows them as a possible impact rather than dropping them.
  const related = [...new Set(paramList(params, 'relatedServices'))];
  const incidents = feed.items
    .filter((item) => !CLOSED_TITLE.test(item.title))
    .flatMap((item) => {
      const named = namedServices(item, services);
      const nearby = named.length > 0 ? [] : namedServices(item, related);
      return named.length > 0 ? [itemIncident(item, named, pageUrl)] : nearby.length > 0 ? [itemIncident(item, nearby, pageUrl)] : [];
    });
  const named = new Set(incidents.flatMap((incident) => incident.componentIds));
  // A related service is listed only while an item names it, so the catalog can show it by its name.
  const listed = [...services, ...related.filter((service) => named.has(serviceId(service)) && !services.some((own) => serviceId(own) === serviceId(service)))];
  const components: ComponentHealth[] = listed.map((service) => {
    const id = serviceId(service);
    const own = incidents.filter((incident) => incident.componentIds.includes(id));
    return { id, name: service, level: own.length === 0 ? 'operational' : worstLevel(own.map((incident) => incident.impact)) };
  });

  return {
    ok: true,
    health: {
      level: worstLevel(components.map((component) => component.level)),
      description: '',
      components,
      incidents,
      pageUpdatedAt: newestItemTime(feed.items),
      // Azure stamps the feed with the time it was generated, even when no item changes.
      liveness: feed.updatedAt === null ? null : { at: feed.updatedAt, signal: 'build-time' },
      fetchedAt: now.toISOString(),
    },
  };
}

/**
 * Recent incidents of the configured services: the feed's items, open ones and those titled as resolved
 * ("[RESOLVED] …", "Mitigated - …", closed at their publication). Microsoft removes an item once it is
 * resolved, so this history is short (usually empty); it is what the page itself lists.
 */
export function parseAzureStatusRecent(body: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): RecentResult {
  const read = readAzureFeed(body, params);
  if ('error' in read) return { ok: false, error: read.error };
  const related = [...new Set(paramList(params, 'relatedServices'))];
  const incidents = read.feed.items.flatMap((item): RecentIncident[] => {
    const own = namedServices(item, read.services);
    // As in the reading: an item on a related service is listed under that service, not dropped.
    const named = own.length > 0 ? own : namedServices(item, related);
    if (named.length === 0) return [];
    const incident = itemIncident(item, named, pageUrl);
    if (!CLOSED_TITLE.test(item.title)) return [{ ...incident, resolvedAt: null }];
    // A resolution notice without a date cannot be placed in the history.
    if (item.publishedAt === null) return [];
    const latestUpdate = incident.latestUpdate && { ...incident.latestUpdate, status: 'resolved' };
    return [{ ...incident, status: 'resolved', latestUpdate, resolvedAt: item.publishedAt }];
  });
  return { ok: true, incidents: selectRecentIncidents(incidents, now) };
}

/** The feed from its first host, or from the second when the first fails; the first failure if both do. */
async function fetchFeed(urls: readonly string[], fetcher: Fetcher): Promise<string> {
  let firstError: unknown = null;
  for (const url of urls) {
    try {
      return await fetcher.text(url);
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

function feedUrls(page: StatusPageRef): readonly string[] {
  const feedUrl = paramString(page.params, 'feedUrl');
  return feedUrl ? [feedUrl] : AZURE_FEED_URLS;
}

/**
 * Azure status, for some Azure services.
 *
 * `page.pageUrl`: `https://azure.status.microsoft/en-us/status` (every incident links there).
 * `page.params`:
 * - `services` (string[], required): service names as Azure writes them, matched case-insensitively against
 *   item titles, categories and text, one component each, e.g. `['Azure OpenAI', 'Azure AI Foundry']`;
 * - `relatedServices` (string[], optional): neighbouring services whose incidents are kept as incidents of
 *   their own (not components), for items that name none of `services`;
 * - `feedUrl` (string, optional): read this feed instead of the two official hosts.
 */
export const azureStatus: StatusAdapter = {
  platform: 'azure-status',
  async read(page, fetcher, now) {
    return parseAzureStatusFeed(await fetchFeed(feedUrls(page), fetcher), page.pageUrl, now, page.params);
  },
  async recent(page, fetcher, now) {
    return parseAzureStatusRecent(await fetchFeed(feedUrls(page), fetcher), page.pageUrl, now, page.params);
  },
};
