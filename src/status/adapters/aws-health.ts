import { CATALOG_ID } from '../../model/patterns.ts';
import { selectRecentIncidents, type Fetcher, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { type StatusPageRef } from '../../catalog/types.ts';
import { parseJson } from '../../model/json.ts';
import { asObject, asString, objects, type JsonObject } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate, Liveness, ProviderHealth, RecentIncident, RecentResult } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';
import { htmlToText, latestTime, levelFromTitleWords, newestItemTime, paramList, paramString, readFeed, type FeedItem } from './feed.ts';

/**
 * AWS Health Dashboard, per service × region.
 *
 * Primary source: the RSS feed AWS keeps per service and region (`/rss/bedrock-us-east-1.rss`). Each post is one
 * item whose title carries the state as a prefix ("Informational message: …", "Service disruption: …") and
 * whose resolution is a later post ("Service is operating normally: [RESOLVED] …", or "Resolved: …"). Item
 * guids are per post (`#bedrock-us-east-1_<unix time>`), so posts are grouped into events by their title with
 * the prefixes stripped; an event is open until a resolution post follows it.
 *
 * Secondary source: `/public/currentevents` (the JSON the dashboard page loads; UTF-16 with a BOM, which
 * `Fetcher.text` decodes). It lists current events only, including multi-service events whose
 * `impacted_services` name the service in a region, which the service's own feed may not carry.
 */

export const AWS_HEALTH_PAGE = 'https://health.aws.amazon.com/health/status';
export const AWS_CURRENT_EVENTS_URL = 'https://health.aws.amazon.com/public/currentevents';

const DEFAULT_SERVICE = 'bedrock';
const DEFAULT_SERVICE_NAME = 'Amazon Bedrock';
const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function awsRssUrl(service: string, region: string): string {
  return `https://status.aws.amazon.com/rss/${service}-${region}.rss`;
}

interface AwsSettings {
  service: string;
  serviceName: string;
  /** Valid region codes only: they go into URLs. */
  regions: string[];
}

function awsSettings(params: StatusPageRef['params']): AwsSettings | null {
  const service = paramString(params, 'service') ?? DEFAULT_SERVICE;
  const regions = paramList(params, 'regions');
  if (!CATALOG_ID.test(service) || regions.length === 0) return null;
  return {
    service,
    serviceName: paramString(params, 'serviceName') ?? DEFAULT_SERVICE_NAME,
    regions: [...new Set(regions)],
  };
}

function regionComponent(settings: AwsSettings, region: string, level: HealthLevel): ComponentHealth {
  return { id: region, name: `${settings.serviceName} (${region})`, level };
}

// ---------------------------------------------------------------------------------------------------------
// RSS

/** Title prefixes AWS has used, by the level they declare (a Map: a title such as "__proto__" is no prefix). */
const AWS_PREFIX_LEVELS = new Map<string, HealthLevel>([
  ['service is operating normally', 'operational'],
  ['informational message', 'degraded'],
  ['performance issues', 'degraded'],
  ['service degradation', 'degraded'],
  ['service impact', 'partial_outage'],
  ['service disruption', 'major_outage'],
]);

interface AwsPost {
  /** The event the post belongs to: its title without prefixes or resolution markers, lowercased. */
  eventKey: string;
  eventTitle: string;
  /** The declared state, e.g. "Service disruption"; '' when the title has no known prefix. */
  label: string;
  resolved: boolean;
  level: HealthLevel;
  item: FeedItem;
}

const RESOLVED_TAG = /\[\s*(?:resolved|completed)\s*\]/gi;
const RESOLVED_PREFIX = /^\s*resolved\s*:\s*/i;

/** Splits "Prefix: rest" when the prefix is one AWS uses; titles with other colons are left whole. */
function knownPrefix(title: string): { label: string; rest: string } | null {
  const colon = title.indexOf(':');
  if (colon < 0) return AWS_PREFIX_LEVELS.has(title.trim().toLowerCase()) ? { label: title.trim(), rest: '' } : null;
  const label = title.slice(0, colon).trim();
  return AWS_PREFIX_LEVELS.has(label.toLowerCase()) ? { label, rest: title.slice(colon + 1).trim() } : null;
}

export function classifyAwsTitle(title: string): Omit<AwsPost, 'item'> {
  let rest = title.trim();
  let resolved = false;
  if (RESOLVED_PREFIX.test(rest)) {
    resolved = true;
    rest = rest.replace(RESOLVED_PREFIX, '');
  }
  const prefix = knownPrefix(rest);
  if (prefix) rest = prefix.rest;
  if (rest.search(RESOLVED_TAG) >= 0) {
    resolved = true;
    rest = rest.replace(RESOLVED_TAG, ' ');
  }
  const eventTitle = rest.replace(/\s+/g, ' ').trim();
  const declared = prefix ? AWS_PREFIX_LEVELS.get(prefix.label.toLowerCase()) : undefined;
  if (declared === 'operational') resolved = true;
  // Without a known prefix, the title's words are the only hint ("Increased Error Rates"); no hint is unknown.
  const level = resolved ? 'operational' : (declared ?? levelFromTitleWords(eventTitle) ?? 'unknown');
  return { eventKey: eventTitle.toLowerCase(), eventTitle, label: prefix?.label ?? '', resolved, level };
}

/** Oldest first; undated posts count as oldest, and a resolution never wins a tie against an open post. */
function byPostTime(a: AwsPost, b: AwsPost): number {
  const at = a.item.publishedAt ?? '';
  const bt = b.item.publishedAt ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  return Number(b.resolved) - Number(a.resolved);
}

function latestUpdateOf(post: AwsPost): IncidentUpdate | null {
  if (post.item.publishedAt === null) return null;
  return { body: htmlToText(post.item.html), at: post.item.publishedAt, status: post.label || 'open' };
}

/** One event of a region's feed: its posts oldest first, and the post that closed it (null while open). */
interface AwsEvent {
  posts: AwsPost[];
  resolution: AwsPost | null;
}

/**
 * The events of one region's feed, oldest first. Posts are replayed oldest first and grouped by event title;
 * a resolution post ("Service is operating normally: [RESOLVED] …") closes every event open before it, not
 * only its namesake: it speaks for the service in the region, and an event's title can change between posts,
 * which would otherwise leave its first posts open for as long as the feed keeps them (years). A resolution
 * with nothing open before it (its event's first posts have left the feed) is an event of its own.
 */
function replayEvents(items: FeedItem[]): AwsEvent[] {
  const posts = items.map((item) => ({ ...classifyAwsTitle(item.title), item })).sort(byPostTime);
  const events: AwsEvent[] = [];
  let open = new Map<string, AwsEvent>();
  for (const post of posts) {
    if (post.resolved) {
      if (open.size === 0) events.push({ posts: [], resolution: post });
      for (const event of open.values()) event.resolution = post;
      open = new Map();
      continue;
    }
    const event = open.get(post.eventKey);
    if (event) event.posts.push(post);
    else {
      const started: AwsEvent = { posts: [post], resolution: null };
      open.set(post.eventKey, started);
      events.push(started);
    }
  }
  return events;
}

/** An event as an incident; an open one exactly as `read` shows it. */
function rssEventIncident(event: AwsEvent, region: string, pageUrl: string): RecentIncident | null {
  const first = event.posts[0] ?? event.resolution;
  const latest = event.posts.at(-1) ?? event.resolution;
  if (!first || !latest) return null;
  const incident: Incident = {
    id: first.item.id || `${region}:${latest.eventKey}`,
    title: latest.eventTitle,
    impact: latest.level,
    status: latest.label.toLowerCase() || 'open',
    startedAt: event.posts.length > 0 ? first.item.publishedAt : null,
    latestUpdate: latestUpdateOf(latest),
    // Items link the dashboard's old root, never the event: the configured page is as good and current.
    url: pageUrl,
    componentIds: [region],
    maintenance: false,
  };
  const { resolution } = event;
  if (!resolution) return { ...incident, resolvedAt: null };
  const resolvedAt = resolution.item.publishedAt;
  if (resolvedAt === null) return null;
  // The posts before the resolution declared the impact; a lone resolution says it only in its words.
  const declared = event.posts.map((post) => post.level);
  const impact = declared.length > 0 ? worstLevel(declared) : (levelFromTitleWords(resolution.eventTitle) ?? 'unknown');
  const update = latestUpdateOf(resolution);
  return { ...incident, impact, status: 'resolved', latestUpdate: update && { ...update, status: 'resolved' }, resolvedAt };
}

/** Open events of one region's feed, each as an incident. */
function openEvents(items: FeedItem[], region: string, pageUrl: string): Incident[] {
  return replayEvents(items).flatMap((event) => {
    if (event.resolution) return [];
    const incident = rssEventIncident(event, region, pageUrl);
    if (!incident) return [];
    const { resolvedAt: _open, ...open } = incident;
    return [open];
  });
}

interface RegionReading {
  component: ComponentHealth;
  incidents: Incident[];
  /** The feed's newest post, and when AWS generated it (every few minutes, whatever happened). */
  changedAt: string | null;
  builtAt: string | null;
}

function readRegionFeed(settings: AwsSettings, region: string, body: unknown, pageUrl: string): RegionReading {
  const feed = REGION_PATTERN.test(region) ? readFeed(body) : null;
  // A feed that is not RSS (an HTML error page, Atom from elsewhere) says nothing about the region.
  if (!feed || feed.format !== 'rss') {
    return { component: regionComponent(settings, region, 'unknown'), incidents: [], changedAt: null, builtAt: null };
  }
  const incidents = openEvents(feed.items, region, pageUrl);
  // An RSS channel without items (or with resolved events only) is AWS's way of saying "no events".
  const level = incidents.length === 0 ? 'operational' : worstLevel(incidents.map((incident) => incident.impact));
  return { component: regionComponent(settings, region, level), incidents, changedAt: newestItemTime(feed.items), builtAt: feed.updatedAt };
}


const liveness = (builtAt: string | null): Liveness | null => (builtAt === null ? null : { at: builtAt, signal: 'build-time' });

/**
 * Reads the per-region RSS feeds. `feeds` maps each region to its body; a region that is missing (its fetch
 * failed) or whose body is not an RSS feed reads as `unknown`.
 */
export function parseAwsRssFeeds(
  feeds: Record<string, unknown>,
  pageUrl: string,
  now: Date,
  params?: StatusPageRef['params'],
): ParseResult {
  const settings = awsSettings(params);
  if (!settings) return { ok: false, error: { kind: 'config' } };
  const readings = settings.regions.map((region) =>
    readRegionFeed(settings, region, Object.hasOwn(feeds, region) ? feeds[region] : undefined, pageUrl),
  );
  const components = readings.map((reading) => reading.component);
  const incidents = readings.flatMap((reading) => reading.incidents);
  return {
    ok: true,
    health: {
      level: worstLevel(components.map((component) => component.level)),
      description: '',
      components,
      incidents,
      pageUpdatedAt: latestTime(readings.map((reading) => reading.changedAt)),
      liveness: liveness(latestTime(readings.map((reading) => reading.builtAt))),
      fetchedAt: now.toISOString(),
    },
  };
}

/** Copies of one event in several regions' feeds: the regions united; still open if open anywhere. */
function mergeRegionCopy(known: RecentIncident, copy: RecentIncident): RecentIncident {
  const componentIds = [...new Set([...known.componentIds, ...copy.componentIds])];
  const impact = worstLevel([known.impact, copy.impact]);
  const copyIsLater = known.resolvedAt !== null && (copy.resolvedAt === null || copy.resolvedAt > known.resolvedAt);
  return { ...(copyIsLater ? copy : known), componentIds, impact };
}

/**
 * Recent events of the per-region feeds, resolved ones included (AWS keeps years of posts; the last 90 days
 * are listed). An event posted alike to several regions' feeds (same title, same start) is listed once with
 * those regions as its components. A region whose feed is missing or not RSS adds nothing; when no region's
 * feed can be read the result is `{ok: false}`.
 */
export function parseAwsRecent(feeds: Record<string, unknown>, pageUrl: string, now: Date, params?: StatusPageRef['params']): RecentResult {
  const settings = awsSettings(params);
  if (!settings) return { ok: false, error: { kind: 'config' } };
  const events = new Map<string, RecentIncident>();
  let readable = 0;
  for (const region of settings.regions) {
    const feed = REGION_PATTERN.test(region) && Object.hasOwn(feeds, region) ? readFeed(feeds[region]) : null;
    if (!feed || feed.format !== 'rss') continue;
    readable++;
    for (const event of replayEvents(feed.items)) {
      const incident = rssEventIncident(event, region, pageUrl);
      if (!incident) continue;
      const key = `${incident.title.toLowerCase()}@${incident.startedAt ?? incident.resolvedAt ?? ''}`;
      const known = events.get(key);
      events.set(key, known ? mergeRegionCopy(known, incident) : incident);
    }
  }
  if (readable === 0) return { ok: false, error: { kind: 'format' } };
  return { ok: true, incidents: selectRecentIncidents(events.values(), now) };
}

// ---------------------------------------------------------------------------------------------------------
// currentevents

/** Event and impacted-service status codes, from the dashboard's own script: 0 resolved … 3 disrupted. */
function levelFromAwsStatusCode(code: unknown): HealthLevel | null {
  switch (typeof code === 'number' ? String(code) : code) {
    case '0':
      return 'operational';
    case '1':
      return 'degraded'; // informational: something is impacted, but AWS does not call it an outage
    case '2':
      return 'degraded';
    case '3':
      return 'major_outage';
    default:
      return null;
  }
}

const STATUS_LABELS = new Map([['0', 'resolved'], ['1', 'informational'], ['2', 'degraded'], ['3', 'disrupted']]);

function unixSecondsToIso(value: unknown): string | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
}

function latestLogEntry(event: JsonObject): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const entry of objects(event.event_log)) {
    const at = unixSecondsToIso(entry.timestamp);
    if (at === null || (latest !== null && at <= latest.at)) continue;
    const status = String(entry.status ?? '');
    latest = { body: asString(entry.message), at, status: STATUS_LABELS.get(status) ?? status };
  }
  return latest;
}

/** The level an event gives `serviceKey` (e.g. "bedrock-us-east-1"), or null when it does not concern it. */
function eventLevelFor(event: JsonObject, serviceKey: string): HealthLevel | null {
  const impacted = asObject(asObject(event.impacted_services)?.[serviceKey]);
  if (impacted) return levelFromAwsStatusCode(impacted.current) ?? 'unknown';
  if (event.service === serviceKey) return levelFromAwsStatusCode(event.status) ?? 'unknown';
  return null;
}

function isClosed(event: JsonObject): boolean {
  const endTime = event.end_time;
  return levelFromAwsStatusCode(event.status) === 'operational' || (endTime !== undefined && endTime !== null && endTime !== '');
}

/** Well-formed events prove the body is the real list; an empty array could be anything. */
function isWellFormedEvent(event: JsonObject): boolean {
  return typeof event.service === 'string' && levelFromAwsStatusCode(event.status) !== null;
}

interface AwsCurrentEvents {
  /** Per region: the worst level of open events naming the service there, and those events. */
  byRegion: Map<string, { level: HealthLevel; incidents: Incident[] }>;
  /** True when the list holds at least one well-formed event, so regions it does not name are known clear. */
  trustworthy: boolean;
  /**
   * Open events of the service in regions not configured: kept (component id = their region) so a user in
   * that region is told of a possible impact rather than nothing.
   */
  elsewhere: Incident[];
}

/** Regions other than the configured ones in which an event names the service (`<service>-<region>` keys). */
function otherRegions(event: JsonObject, settings: AwsSettings): string[] {
  const prefix = `${settings.service}-`;
  const keys = [asString(event.service), ...Object.keys(asObject(event.impacted_services) ?? {})];
  const regions = keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  return [...new Set(regions)].filter((region) => REGION_PATTERN.test(region) && !settings.regions.includes(region));
}

function eventIncident(event: JsonObject, level: HealthLevel, region: string, pageUrl: string): Incident {
  const status = String(event.status ?? '');
  return {
    id: asString(event.arn) || `${asString(event.service)}:${String(event.date ?? '')}`,
    title: asString(event.summary) || asString(event.service_name),
    impact: level,
    status: STATUS_LABELS.get(status) ?? status,
    startedAt: unixSecondsToIso(event.date),
    latestUpdate: latestLogEntry(event),
    url: pageUrl,
    componentIds: [region],
    maintenance: false,
  };
}

/** Reads a currentevents body (JSON text, BOM tolerated, or the parsed value); null when it is not a list. */
function readAwsCurrentEvents(payload: unknown, settings: AwsSettings, pageUrl: string): AwsCurrentEvents | null {
  let value = payload;
  if (typeof payload === 'string') {
    const parsed = parseJson(payload.replace(/^\uFEFF/, ''));
    if (!parsed.ok) return null;
    value = parsed.value;
  }
  if (!Array.isArray(value)) return null;
  const events = objects(value);
  const byRegion = new Map<string, { level: HealthLevel; incidents: Incident[] }>();
  for (const region of settings.regions) {
    const incidents = events.flatMap((event) => {
      const level = isClosed(event) ? null : eventLevelFor(event, `${settings.service}-${region}`);
      // A service that recovered inside a still-open multi-service event reads "0": no longer impacted.
      return level === null || level === 'operational' ? [] : [eventIncident(event, level, region, pageUrl)];
    });
    const level = incidents.length === 0 ? 'operational' : worstLevel(incidents.map((incident) => incident.impact));
    byRegion.set(region, { level, incidents });
  }
  const elsewhere = events.flatMap((event) =>
    isClosed(event)
      ? []
      : otherRegions(event, settings).flatMap((region) => {
          const level = eventLevelFor(event, `${settings.service}-${region}`);
          if (level === null || level === 'operational') return [];
          const incident = eventIncident(event, level, region, pageUrl);
          return [{ ...incident, id: `${incident.id}@${region}` }];
        }),
  );
  return { byRegion, trustworthy: events.length === value.length && events.some(isWellFormedEvent), elsewhere };
}

/** Reads `/public/currentevents` on its own: one component per configured region. */
export function parseAwsCurrentEvents(
  payload: unknown,
  pageUrl: string,
  now: Date,
  params?: StatusPageRef['params'],
): ParseResult {
  const settings = awsSettings(params);
  if (!settings) return { ok: false, error: { kind: 'config' } };
  const current = readAwsCurrentEvents(payload, settings, pageUrl);
  if (!current) return { ok: false, error: { kind: 'format' } };
  const components = settings.regions.map((region) => {
    const reading = current.byRegion.get(region);
    const level = reading && reading.incidents.length > 0 ? reading.level : current.trustworthy ? 'operational' : 'unknown';
    return regionComponent(settings, region, level);
  });
  const incidents = [...[...current.byRegion.values()].flatMap((reading) => reading.incidents), ...current.elsewhere];
  return {
    ok: true,
    health: {
      level: worstLevel(components.map((component) => component.level)),
      description: '',
      components,
      incidents,
      pageUpdatedAt: null,
      fetchedAt: now.toISOString(),
    },
  };
}

/**
 * Adds currentevents' open events to an RSS reading: each region takes the worse of the two, or the events'
 * level when its feed could not be read (an outage says more than "unknown").
 */
function mergeAwsCurrentEvents(health: ProviderHealth, current: AwsCurrentEvents | null): ProviderHealth {
  if (!current) return health;
  const components = health.components.map((component) => {
    const extra = current.byRegion.get(component.id);
    if (!extra || extra.incidents.length === 0) return component;
    return { ...component, level: component.level === 'unknown' ? extra.level : worstLevel([component.level, extra.level]) };
  });
  const known = new Set(health.incidents.map((incident) => incident.id));
  const added = [...[...current.byRegion.values()].flatMap((reading) => reading.incidents), ...current.elsewhere].filter((incident) => !known.has(incident.id));
  return { ...health, level: worstLevel(components.map((component) => component.level)), components, incidents: [...health.incidents, ...added] };
}

// ---------------------------------------------------------------------------------------------------------
// Adapter

async function fetchRegionFeeds(settings: AwsSettings, fetcher: Fetcher): Promise<Record<string, unknown>> {
  const regions = settings.regions.filter((region) => REGION_PATTERN.test(region));
  const results = await Promise.allSettled(regions.map((region) => fetcher.text(awsRssUrl(settings.service, region))));
  const firstFailure = results.find((result) => result.status === 'rejected');
  // Every feed failing is a network problem for the caller to retry; one failing leaves that region unknown.
  if (firstFailure && results.every((result) => result.status === 'rejected')) throw firstFailure.reason;
  const feeds: Record<string, unknown> = {};
  results.forEach((result, index) => {
    const region = regions[index];
    if (region !== undefined && result.status === 'fulfilled') feeds[region] = result.value;
  });
  return feeds;
}

async function fetchCurrentEvents(settings: AwsSettings, fetcher: Fetcher, pageUrl: string): Promise<AwsCurrentEvents | null> {
  try {
    return readAwsCurrentEvents(await fetcher.text(AWS_CURRENT_EVENTS_URL), settings, pageUrl);
  } catch {
    return null; // Undocumented endpoint: the RSS feeds alone still tell the status.
  }
}

/**
 * AWS Health Dashboard for one service in some regions.
 *
 * `page.pageUrl`: `https://health.aws.amazon.com/health/status` (incident links fall back to it).
 * `page.params`:
 * - `regions` (string[], required): region codes, one component each, e.g. `['us-east-1', 'us-west-2']`;
 * - `service` (string, default `bedrock`): the service key in feed names (`/rss/<service>-<region>.rss`);
 * - `serviceName` (string, default `Amazon Bedrock`): used in component names;
 * - `currentEvents` (`'false'` to skip): also read `/public/currentevents` for multi-service events.
 */
export const awsHealth: StatusAdapter = {
  platform: 'aws-health',
  async read(page, fetcher, now) {
    const settings = awsSettings(page.params);
    if (!settings) return parseAwsRssFeeds({}, page.pageUrl, now, page.params);
    const useCurrentEvents = paramString(page.params, 'currentEvents') !== 'false';
    const [feeds, current] = await Promise.all([
      fetchRegionFeeds(settings, fetcher),
      useCurrentEvents ? fetchCurrentEvents(settings, fetcher, page.pageUrl) : Promise.resolve(null),
    ]);
    const parsed = parseAwsRssFeeds(feeds, page.pageUrl, now, page.params);
    return parsed.ok ? { ok: true, health: mergeAwsCurrentEvents(parsed.health, current) } : parsed;
  },
  /** History from the region feeds only: currentevents lists nothing that has ended. */
  async recent(page, fetcher, now) {
    const settings = awsSettings(page.params);
    const feeds = settings ? await fetchRegionFeeds(settings, fetcher) : {};
    return parseAwsRecent(feeds, page.pageUrl, now, page.params);
  },
};
