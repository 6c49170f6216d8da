import { pageEndpoint, selectRecentIncidents, type ParseResult, type StatusAdapter } from '../adapter.ts';
import { type StatusPageRef } from '../../catalog/types.ts';
import { asHttpUrl } from '../../model/json.ts';
import { worstLevel } from '../../model/levels.ts';
import type { ComponentHealth, Incident, IncidentUpdate, RecentIncident, RecentResult } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';
import {
  htmlToText,
  levelFromSeverityWord,
  levelFromTitleWords,
  paramList,
  paramString,
  parseFeedDate,
  readFeed,
  type Feed,
  type FeedItem,
} from './feed.ts';

/**
 * A status page's incident feed, RSS 2.0 or Atom. Built around xAI's `https://status.x.ai/feed.xml`:
 * one item per incident per affected component, title `[Component] Incident title`, guid `INC…` shared by
 * the component copies, link `https://status.x.ai/<component-slug>/<guid>`, `pubDate` = creation time, two
 * `<category>` (severity, then lifecycle) and a CDATA description:
 *
 *     <h3>Status: RESOLVED</h3><p>Severity: available</p><p>Resolved: <date></p><hr /><h4>Updates:</h4>
 *     <div><p><strong><date></strong></p><h3>Investigating</h3><p>text</p></div> …   (in no fixed order)
 *
 * Other feeds are read by the same evidence: a `Status:` line, lifecycle categories, or a leading
 * `<strong>Resolved</strong>` label (Statuspage history feeds). An item with no lifecycle evidence at all
 * counts as open only while it is recent (params.openHours).
 */

const CLOSED_STATES = new Set(['resolved', 'completed', 'complete', 'closed', 'postmortem', 'mitigated']);
const OPEN_STATES = new Set([
  'investigating',
  'identified',
  'monitoring',
  'update',
  'updated',
  'active',
  'ongoing',
  'open',
  'in_progress',
  'verifying',
  'scheduled',
]);
/** Lifecycle states of planned work under way. */
const MAINTENANCE_STATES = new Set(['in_progress', 'verifying']);
const DEFAULT_OPEN_HOURS = 24;

function normalizeState(word: string): string {
  return word.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function isState(word: string): boolean {
  const state = normalizeState(word);
  return CLOSED_STATES.has(state) || OPEN_STATES.has(state);
}

/**
 * "Status: ACTIVE" / "Severity: outage" in the item's text, first occurrence; stops at the line's end or at
 * the next "Label:" (some feeds put "Status: X Severity: Y" on one line).
 */
function labelledValue(text: string, label: string): string | null {
  const line = new RegExp(`\\b${label}:[^\\S\\n]*([^\\n]{0,80})`).exec(text)?.[1] ?? '';
  const value = /^[A-Za-z][A-Za-z _-]*/.exec(line.split(/\s+[A-Za-z]+:/)[0] ?? '')?.[0]?.trim();
  return value || null;
}

/** Statuspage history feeds lead each update with `<strong>Resolved</strong> - …`; the first is the newest. */
function leadingStrongState(html: string): string | null {
  const match = /<strong>\s*([A-Za-z][A-Za-z _-]{0,40}?)\s*<\/strong>/i.exec(html);
  return match?.[1] !== undefined && isState(match[1]) ? match[1] : null;
}

interface Lifecycle {
  /** The state as the feed words it, '' when the feed says nothing. */
  status: string;
  /** Evidence says open; null when there is no evidence at all. */
  open: boolean | null;
  /** Planned work that has not started: not listed. */
  scheduled: boolean;
  maintenanceUnderWay: boolean;
}

function readLifecycle(item: FeedItem, text: string): Lifecycle {
  const statusLine = labelledValue(text, 'Status');
  const evidence = [statusLine, ...item.categories.filter(isState), leadingStrongState(item.html)].filter(
    (state): state is string => state !== null,
  );
  const states = evidence.map(normalizeState);
  // Closed only when every piece of evidence agrees; an unknown word or a disagreement keeps it open.
  const closed = states.length > 0 && states.every((state) => CLOSED_STATES.has(state) || state === 'scheduled');
  return {
    status: (evidence[0] ?? '').toLowerCase(),
    open: states.length === 0 ? null : !closed,
    scheduled: states.includes('scheduled') && closed,
    maintenanceUnderWay: states.some((state) => MAINTENANCE_STATES.has(state)),
  };
}

function readImpact(item: FeedItem, text: string, title: string, lifecycle: Lifecycle): HealthLevel {
  const severityLine = labelledValue(text, 'Severity');
  // A declared severity we do not know is unknown, never guessed.
  if (severityLine !== null) return levelFromSeverityWord(severityLine) ?? 'unknown';
  const fromCategories = item.categories.flatMap((category) => {
    const level = isState(category) ? null : levelFromSeverityWord(category);
    return level ? [level] : [];
  });
  if (fromCategories.length > 0) return worstLevel(fromCategories);
  if (lifecycle.maintenanceUnderWay) return 'maintenance';
  if (title === '') return 'unknown';
  return levelFromTitleWords(title) ?? 'degraded';
}

/** xAI's update blocks: `<div><p><strong>date</strong></p><h3>heading</h3>…</div>`; the newest wins. */
function latestUpdateBlock(html: string): IncidentUpdate | null {
  let latest: IncidentUpdate | null = null;
  for (const block of html.matchAll(/<div>\s*<p>\s*<strong>([^<]{1,80})<\/strong>\s*<\/p>([\s\S]*?)<\/div>/gi)) {
    const at = parseFeedDate(htmlToText(block[1] ?? ''));
    if (at === null || (latest !== null && at <= latest.at)) continue;
    const inner = block[2] ?? '';
    const heading = /<h3>([\s\S]*?)<\/h3>/i.exec(inner)?.[1] ?? '';
    latest = { body: htmlToText(inner.replace(/<h3>[\s\S]*?<\/h3>/i, '')), at, status: htmlToText(heading).toLowerCase() };
  }
  return latest;
}

function latestUpdate(item: FeedItem, text: string, lifecycle: Lifecycle): IncidentUpdate | null {
  const block = latestUpdateBlock(item.html);
  if (block) return block;
  const at = item.updatedAt ?? item.publishedAt;
  return at === null || text === '' ? null : { body: text, at, status: lifecycle.status };
}

interface ReadItem {
  /** The bracketed component name, or null when the title has none. */
  componentName: string | null;
  /** First path segment of the link (xAI's component slug), or null. */
  componentSlug: string | null;
  open: boolean;
  /** Planned work that has not started (neither open nor over). */
  scheduled: boolean;
  /** When a closed item closed, if the feed tells; null while open. */
  resolvedAt: string | null;
  incident: Incident;
}

function linkSlug(link: string): string | null {
  try {
    const segments = new URL(link).pathname.split('/').filter(Boolean);
    return segments.length >= 2 ? decodeURIComponent(segments[0] ?? '') : null;
  } catch {
    return null;
  }
}

function isRecent(item: FeedItem, now: Date, openHours: number): boolean {
  const at = item.updatedAt ?? item.publishedAt;
  // An undated item without lifecycle cannot be placed in time: keep it open rather than hide it.
  return at === null || now.getTime() - Date.parse(at) <= openHours * 3_600_000;
}

/** xAI writes "Resolved: <date>" under the status line; a date there is when the incident closed. */
function statedResolution(text: string): string | null {
  const value = /\bResolved:[^\S\n]*([^\n]{1,80})/.exec(text)?.[1];
  return value === undefined ? null : parseFeedDate(value);
}

function readItem(item: FeedItem, pageUrl: string, now: Date, openHours: number): ReadItem {
  const bracket = /^\s*\[([^\]]{1,120})\]\s*(.*)$/s.exec(item.title);
  const title = (bracket ? (bracket[2] ?? '') : item.title).replace(/\s+/g, ' ').trim();
  const text = htmlToText(item.html);
  const lifecycle = readLifecycle(item, text);
  const open = lifecycle.scheduled ? false : (lifecycle.open ?? isRecent(item, now, openHours));
  const impact = readImpact(item, text, title, lifecycle);
  const latest = latestUpdate(item, text, lifecycle);
  return {
    componentName: bracket?.[1]?.trim() || null,
    componentSlug: linkSlug(item.link),
    open,
    scheduled: lifecycle.scheduled,
    // The last update of a closed incident is its resolution, when no time is stated.
    resolvedAt: open ? null : (statedResolution(text) ?? latest?.at ?? null),
    incident: {
      id: item.id || item.link || `${item.title}@${item.publishedAt ?? ''}`,
      title: title,
      impact,
      status: lifecycle.status,
      startedAt: item.publishedAt ?? item.updatedAt,
      latestUpdate: latest,
      url: asHttpUrl(item.link, pageUrl),
      componentIds: [],
      maintenance: impact === 'maintenance',
    },
  };
}

function sameName(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

/** The id of the single component standing for a feed whose titles name none. */
const WHOLE_FEED = 'feed';

interface ComponentPlan {
  /** Component ids with their display names. */
  components: { id: string; name: string }[];
  /** Per item (same order), the ids of the components it concerns. */
  owners: string[][];
}

/**
 * Components and which items belong to each. Configured names match an item's bracketed name or its link
 * slug; a bracketed name no configured one matches (a renamed or new component) is a component of its own,
 * so its incidents are never dropped. Without configuration the bracketed names seen in the feed are the
 * components, or the whole feed is one component when no title has brackets. An item without brackets
 * concerns every component.
 */
function planComponents(items: ReadItem[], configured: string[], feed: Feed): ComponentPlan {
  const bracketNames = [...new Map(items.flatMap((item) => (item.componentName ? [[item.componentName.toLowerCase(), item.componentName]] : []))).values()];
  if (configured.length === 0 && bracketNames.length === 0) {
    // An empty feed nobody configured has no component: it reads as unknown, never as all clear.
    return items.length === 0 ? { components: [], owners: [] } : { components: [{ id: WHOLE_FEED, name: feed.title }], owners: items.map(() => [WHOLE_FEED]) };
  }
  const knownToConfig = (name: string) =>
    configured.some((id) => sameName(name, id) || items.some((item) => sameName(item.componentName, name) && sameName(item.componentSlug, id)));
  const ids = configured.length > 0 ? [...configured, ...bracketNames.filter((name) => !knownToConfig(name))] : bracketNames;
  const concerns = (item: ReadItem, id: string) =>
    item.componentName === null || sameName(item.componentName, id) || (configured.length > 0 && sameName(item.componentSlug, id));
  const owners = items.map((item) => ids.filter((id) => concerns(item, id)));
  // A configured slug shows the name the feed gives it.
  const displayName = (id: string) => items.find((item) => item.componentName !== null && concerns(item, id))?.componentName ?? id;
  return { components: ids.map((id) => ({ id, name: displayName(id) })), owners };
}

/**
 * Items grouped into incidents by id (xAI repeats an incident once per component): the copies' components
 * united, the worst impact kept. `toIncident` picks the items to keep; `mergeCopy` merges anything else.
 */
function groupCopies<T extends Incident>(
  items: ReadItem[],
  owners: string[][],
  toIncident: (item: ReadItem) => T | null,
  mergeCopy?: (known: T, copy: T) => void,
): T[] {
  const byId = new Map<string, T>();
  items.forEach((item, index) => {
    const componentIds = owners[index] ?? [];
    const incident = componentIds.length === 0 ? null : toIncident(item);
    if (!incident) return;
    const known = byId.get(incident.id);
    if (!known) {
      byId.set(incident.id, { ...incident, componentIds: [...componentIds] });
      return;
    }
    known.componentIds = [...new Set([...known.componentIds, ...componentIds])];
    known.impact = worstLevel([known.impact, incident.impact]);
    mergeCopy?.(known, incident);
  });
  return [...byId.values()];
}

function openIncidents(items: ReadItem[], owners: string[][]): Incident[] {
  return groupCopies(items, owners, (item) => (item.open ? item.incident : null));
}

/**
 * An item as history: open as `read` shows it, or closed at its resolution time. A closed item's severity is
 * the current one (xAI: "available"), so its impact is read from its title instead. Planned work that has
 * not started, and closed items with no time at all, are not listed.
 */
function historyEntry(item: ReadItem): RecentIncident | null {
  if (item.scheduled) return null;
  if (item.open) return { ...item.incident, resolvedAt: null };
  if (item.resolvedAt === null) return null;
  const { incident } = item;
  const impact = incident.impact === 'operational' ? (levelFromTitleWords(incident.title) ?? 'unknown') : incident.impact;
  return { ...incident, impact, maintenance: impact === 'maintenance', resolvedAt: item.resolvedAt };
}

/** One copy still open keeps the incident open (with that copy's word on it); else the last to close closes it. */
function mergeResolution(known: RecentIncident, copy: RecentIncident): void {
  if (known.resolvedAt === null) return;
  if (copy.resolvedAt === null) Object.assign(known, { status: copy.status, latestUpdate: copy.latestUpdate, resolvedAt: null });
  else if (copy.resolvedAt > known.resolvedAt) known.resolvedAt = copy.resolvedAt;
}

/** `params.openHours`, or the default when absent or not a non-negative number. */
function openHoursOf(params: StatusPageRef['params']): number {
  const openHours = Number(paramString(params, 'openHours') ?? DEFAULT_OPEN_HOURS);
  return Number.isFinite(openHours) && openHours >= 0 ? openHours : DEFAULT_OPEN_HOURS;
}

/**
 * Reads an incident feed. `params.components` (optional) names the components to report; `params.openHours`
 * (default 24) is how long an item without any lifecycle evidence counts as open.
 */
export function parseRssFeed(body: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): ParseResult {
  const feed = readFeed(body);
  if (!feed) return { ok: false, error: { kind: 'format' } };
  const items = feed.items.map((item) => readItem(item, pageUrl, now, openHoursOf(params)));
  const plan = planComponents(items, [...new Set(paramList(params, 'components'))], feed);
  const incidents = openIncidents(items, plan.owners);
  const components: ComponentHealth[] = plan.components.map(({ id, name }) => {
    const own = incidents.filter((incident) => incident.componentIds.includes(id));
    return { id, name, level: own.length === 0 ? 'operational' : worstLevel(own.map((incident) => incident.impact)) };
  });
  return {
    ok: true,
    health: {
      level: worstLevel(components.map((component) => component.level)),
      description: '',
      components,
      incidents,
      pageUpdatedAt: feed.updatedAt,
      fetchedAt: now.toISOString(),
    },
  };
}

/**
 * Recent incidents of a feed: every item is an incident (xAI's feed keeps its whole history, ~114 items),
 * grouped and matched to components as `read` does, resolved ones included.
 */
export function parseRssRecent(body: unknown, pageUrl: string, now: Date, params?: StatusPageRef['params']): RecentResult {
  const feed = readFeed(body);
  if (!feed) return { ok: false, error: { kind: 'format' } };
  const items = feed.items.map((item) => readItem(item, pageUrl, now, openHoursOf(params)));
  const plan = planComponents(items, [...new Set(paramList(params, 'components'))], feed);
  return { ok: true, incidents: selectRecentIncidents(groupCopies(items, plan.owners, historyEntry, mergeResolution), now) };
}

function feedUrlOf(page: StatusPageRef): string {
  return paramString(page.params, 'feedUrl') ?? pageEndpoint(page.pageUrl, 'feed.xml');
}

/**
 * A status page's RSS or Atom incident feed (xAI: `https://status.x.ai/feed.xml`).
 *
 * `page.pageUrl`: the status page, e.g. `https://status.x.ai` (fallback for incident links).
 * `page.params`:
 * - `feedUrl` (string, default `<pageUrl>/feed.xml`): the feed;
 * - `components` (string[], optional): components to report, each matched to items by the bracketed title
 *   prefix (`[API (us-east-1.api.x.ai)] …`) or the link's first path segment (`api-us-east-1`), both
 *   case-insensitive; without it, the bracketed names found in the feed (or the whole feed as one component);
 * - `openHours` (string number, default `24`): how long an item with no status, category or label counts as open.
 */
export const rss: StatusAdapter = {
  platform: 'rss',
  async read(page, fetcher, now) {
    return parseRssFeed(await fetcher.text(feedUrlOf(page)), page.pageUrl, now, page.params);
  },
  async recent(page, fetcher, now) {
    return parseRssRecent(await fetcher.text(feedUrlOf(page)), page.pageUrl, now, page.params);
  },
};
