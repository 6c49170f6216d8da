import { ISO_TIME } from '../../model/patterns.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { asArray, asObject, type JsonObject } from '../../model/json.ts';
import type { HealthLevel } from '../../model/levels.ts';

/**
 * Shared reading of RSS 2.0 and Atom feeds for the feed-based adapters (AWS Health, Azure status, generic RSS).
 * The service worker has no DOMParser, so feeds go through fast-xml-parser; every function here is total:
 * garbage, HTML error pages and truncated bodies come back as `null`, never as an exception.
 */

export interface FeedItem {
  /** Plain title, trimmed; '' when absent. */
  title: string;
  /** The item's link as written (unchecked); '' when absent. */
  link: string;
  /** RSS `guid` or Atom `id`; '' when absent. */
  id: string;
  /** RSS `pubDate` or Atom `published`, ISO 8601. */
  publishedAt: string | null;
  /** Atom `updated`, ISO 8601 (RSS has no per-item update time). */
  updatedAt: string | null;
  /** Description / content / summary, still HTML: render with htmlToText. */
  html: string;
  /** Category texts (RSS) or terms (Atom), trimmed, non-empty. */
  categories: string[];
}

export interface Feed {
  format: 'rss' | 'atom';
  title: string;
  /** RSS `lastBuildDate` (or channel `pubDate`), Atom `updated`. */
  updatedAt: string | null;
  items: FeedItem[];
}

const REPEATED_ELEMENTS = new Set(['item', 'entry', 'category', 'link']);

function newParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Keep every value a string: "2.0" or a numeric guid must not turn into numbers.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED_ELEMENTS.has(name),
  });
}

/** Text content of a parsed element: a string, `{ '#text': … }` when it has attributes, or the first of a list. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  const object = asObject(node);
  return object ? textOf(object['#text']) : '';
}

function readRssItem(node: unknown): FeedItem {
  const item = asObject(node) ?? {};
  return {
    title: textOf(item.title),
    link: textOf(item.link),
    id: textOf(item.guid),
    publishedAt: parseFeedDate(textOf(item.pubDate)) ?? parseFeedDate(textOf(item['dc:date'])),
    updatedAt: null,
    html: textOf(item.description) || textOf(item['content:encoded']),
    categories: asArray(item.category).map(textOf).filter(Boolean),
  };
}

function readRss(rss: JsonObject | null): Feed | null {
  const channel = asObject(rss?.channel);
  // RSS 2.0 requires a channel title; without it the document is not a feed we can trust.
  const title = channel ? textOf(channel.title) : '';
  if (!channel || title === '') return null;
  return {
    format: 'rss',
    title,
    updatedAt: parseFeedDate(textOf(channel.lastBuildDate)) ?? parseFeedDate(textOf(channel.pubDate)),
    items: asArray(channel.item).map(readRssItem),
  };
}

/** Atom: the `alternate` link (or one without `rel`), else the first. */
function atomLink(links: unknown): string {
  const candidates = asArray(links).flatMap((link) => {
    const object = asObject(link);
    return object ? [object] : [];
  });
  const alternate = candidates.find((link) => link['@_rel'] === undefined || link['@_rel'] === 'alternate');
  return textOf((alternate ?? candidates[0])?.['@_href']);
}

function readAtomEntry(node: unknown): FeedItem {
  const entry = asObject(node) ?? {};
  return {
    title: textOf(entry.title),
    link: atomLink(entry.link),
    id: textOf(entry.id),
    publishedAt: parseFeedDate(textOf(entry.published)),
    updatedAt: parseFeedDate(textOf(entry.updated)),
    html: textOf(entry.content) || textOf(entry.summary),
    categories: asArray(entry.category)
      .map((category) => textOf(asObject(category)?.['@_term']) || textOf(category))
      .filter(Boolean),
  };
}

function readAtom(feed: JsonObject | null): Feed | null {
  const title = feed ? textOf(feed.title) : '';
  if (!feed || title === '') return null;
  return {
    format: 'atom',
    title,
    updatedAt: parseFeedDate(textOf(feed.updated)),
    items: asArray(feed.entry).map(readAtomEntry),
  };
}

/**
 * An RSS 2.0 or Atom feed, or null for anything else. The body must be well-formed XML: fast-xml-parser alone
 * happily returns the complete prefix of a truncated body, which could drop a trailing open incident.
 * DOCTYPEs are refused outright (no feed we read needs one, and HTML pages start with one).
 */
export function readFeed(body: unknown): Feed | null {
  if (typeof body !== 'string') return null;
  const xml = body.replace(/^\uFEFF/, '').trimStart();
  if (xml === '' || /<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  try {
    if (XMLValidator.validate(xml) !== true) return null;
    const root = asObject(newParser().parse(xml));
    return readRss(asObject(root?.rss)) ?? readAtom(asObject(root?.feed));
  } catch {
    return null; // The parser refuses some names (e.g. __proto__) by throwing.
  }
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** RFC 822 zones feeds use in practice, in minutes east of UTC; Azure writes a bare "Z", AWS "PST"/"PDT". */
const ZONES: Record<string, number> = {
  z: 0, gmt: 0, ut: 0, utc: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

const RFC822 = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([a-z]{1,3}|[+-]\d{4})?$/i;

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  const key = zone.toLowerCase();
  return Object.hasOwn(ZONES, key) ? (ZONES[key] ?? null) : null;
}

function parseRfc822(text: string): string | null {
  const match = RFC822.exec(text);
  if (!match) return null;
  const [, day, monthName, yearText, hour, minute, second, zone] = match;
  const monthKey = (monthName ?? '').toLowerCase();
  const month = Object.hasOwn(MONTHS, monthKey) ? MONTHS[monthKey] : undefined;
  const offset = zoneOffsetMinutes(zone);
  if (month === undefined || offset === null) return null;
  const shortYear = Number(yearText);
  const year = (yearText ?? '').length === 2 ? (shortYear < 50 ? 2000 + shortYear : 1900 + shortYear) : shortYear;
  if (Number(day) < 1 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 60) {
    return null;
  }
  const utc = Date.UTC(year, month, Number(day), Number(hour), Number(minute), Number(second ?? 0)) - offset * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

/**
 * A feed date (RFC 822 as in RSS, or ISO 8601 as in Atom) as ISO 8601, else null. Parsed by hand rather than
 * by Date.parse, which reads "2099" as a date and differs between browsers on zone names like "PDT".
 */
/** The latest of some ISO times (null when there is none): ISO strings of one format order as their times. */
export function latestTime(times: Iterable<string | null>): string | null {
  let latest: string | null = null;
  for (const time of times) if (time !== null && (latest === null || time > latest)) latest = time;
  return latest;
}

/** When a feed last changed: its newest item, or null for a feed without dated items (a quiet one). */
export function newestItemTime(items: readonly FeedItem[]): string | null {
  return latestTime(items.map((item) => latestTime([item.publishedAt, item.updatedAt])));
}

export function parseFeedDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/\s+/g, ' ');
  if (ISO_TIME.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  return parseRfc822(text);
}

const HTML_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
  ['rsquo', '’'],
  ['lsquo', '‘'],
  ['rdquo', '”'],
  ['ldquo', '“'],
]);

function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (match, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return HTML_ENTITIES.get(entity.toLowerCase()) ?? match;
  });
}

/** Plain text of a feed's HTML fragment: block ends become line breaks, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<(?:br|hr)\b[^>]*>|<\/(?:p|div|li|ul|ol|h[1-6]|tr|table)\s*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ');
  // Inline tags (<strong>, <var>, <a>) vanish without a space: "Nov <var>24</var>, 10:00" stays one phrase.
  return decodeHtmlEntities(withBreaks.replace(/<[^>]*>/g, ''))
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Severity words status feeds use ("Severity: outage", `<category>degraded</category>`), normalized; null if not one. */
export function levelFromSeverityWord(word: string): HealthLevel | null {
  switch (word.trim().toLowerCase().replace(/[\s-]+/g, '_')) {
    case 'operational':
    case 'available':
    case 'none':
    case 'normal':
      return 'operational';
    case 'informational':
    case 'information':
    case 'info':
    case 'minor':
    case 'degraded':
    case 'degraded_performance':
    case 'degradation':
    case 'performance_issues':
      return 'degraded';
    case 'partial':
    case 'partial_outage':
    case 'major':
    case 'impacted':
    case 'service_impact':
      return 'partial_outage';
    case 'outage':
    case 'major_outage':
    case 'full_outage':
    case 'critical':
    case 'unavailable':
    case 'down':
    case 'disruption':
    case 'disrupted':
    case 'service_disruption':
      return 'major_outage';
    case 'maintenance':
    case 'under_maintenance':
      return 'maintenance';
    default:
      return null;
  }
}

/**
 * A level guessed from an incident title's words, for feeds that state no severity ("Azure Front Door -
 * Connectivity issues", "Models outage"); null when the words say nothing.
 */
export function levelFromTitleWords(title: string): HealthLevel | null {
  const text = title.toLowerCase();
  if (/\bpartial(?:ly)?\b/.test(text)) return 'partial_outage';
  if (/\b(?:outages?|unavailable|unavailability|disruptions?|disrupted|down)\b/.test(text)) return 'major_outage';
  if (/\bmaintenance\b/.test(text)) return 'maintenance';
  if (/\b(?:degraded|degradation|latency|slow|errors?|error rates?|issues?|failures?|delays?|delayed|elevated|increased)\b/.test(text)) {
    return 'degraded';
  }
  return null;
}

/** A params value as a list of non-empty strings (a lone string counts as a list of one). */
export function paramList(params: Record<string, string | string[]> | undefined, key: string): string[] {
  const value: unknown = params?.[key];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item.trim()] : []));
}

/** A single string param, or null when absent or empty. */
export function paramString(params: Record<string, string | string[]> | undefined, key: string): string | null {
  const value: unknown = params?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

