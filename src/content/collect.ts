/**
 * Reads a page's detection signals from the DOM. Runs in the content script on every page, so it touches
 * only what the catalog asks about: script URLs, a fixed list of markers, a few meta tags. Never page text, and
 * never a frame: the worker sees the catalog's frames load (`frameUrlPatterns`), so no page pays for its iframes here.
 */
import type { PageReport } from '../protocol/messages.ts';
import { markupUrlKey, SIGNAL_LIMITS, urlKey } from '../detect/signals.ts';
import type { PageMarkers } from '../detect/engine.ts';

/** What the content script looks for: the catalog's DOM markers, meta names and script hosts. */
export type Markers = PageMarkers;

/**
 * Markers sorted by the cheapest native lookup for each (ids are hash lookups, not tree walks), in a form that
 * needs no work to use: the build writes the bundled markers' plan as JSON (`page-plan.json`), so a page pays for
 * no table being built, only for the lookups it makes.
 */
export interface MarkerPlan {
  /** Id markers, without their `#`. */
  ids: string[];
  tags: string[];
  attributes: string[];
  meta: string[];
  /**
   * Script hosts the catalog names for any path, exactly or (`*.suffix`) as parent domains, each
   * between `|`: one string search per name, and nothing to build.
   */
  anyPath: string;
  /** Hosts (exact or `*.suffix`) the catalog names only under these path prefixes. */
  pathPrefixes: Record<string, string[]>;
}

export function planMarkers(markers: Markers): MarkerPlan {
  const anyPath = new Set<string>();
  const prefixed = new Map<string, string[]>();
  for (const pattern of markers.urlHosts) {
    const slash = pattern.indexOf('/');
    if (slash === -1) anyPath.add(pattern);
    else prefixed.set(pattern.slice(0, slash), [...(prefixed.get(pattern.slice(0, slash)) ?? []), pattern.slice(slash)]);
  }
  // A host named both bare and with a path takes any path.
  for (const host of anyPath) prefixed.delete(host);
  return {
    ids: markers.dom.filter((marker) => marker.startsWith('#')).map((marker) => marker.slice(1)),
    tags: markers.dom.filter((marker) => !marker.startsWith('#') && !marker.startsWith('[')),
    attributes: markers.dom.filter((marker) => marker.startsWith('[')),
    meta: markers.meta,
    anyPath: `|${[...anyPath].join('|')}|`,
    pathPrefixes: Object.fromEntries(prefixed),
  };
}

/**
 * Whether a `host/path` key is on a host the catalog names (and, where it asks for one, under its path prefix):
 * the report carries no other URL of the page. A bare host asks only whether the host is named.
 */
function onCatalogHost(key: string, plan: MarkerPlan): boolean {
  const slash = key.indexOf('/');
  const host = slash === -1 ? key : key.slice(0, slash);
  const path = slash === -1 ? null : key.slice(slash);
  // A name with the separator in it could match across two entries; no real host has one.
  if (host === '' || host.includes('|')) return false;
  if (takes(host, path, plan)) return true;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    if (takes(`*.${host.slice(dot + 1)}`, path, plan)) return true;
  }
  return false;
}

/** Whether the plan names `name` (a host or `*.suffix`) for `path`; a null path asks about the name alone. */
function takes(name: string, path: string | null, plan: MarkerPlan): boolean {
  if (plan.anyPath.includes(`|${name}|`)) return true;
  if (!Object.hasOwn(plan.pathPrefixes, name)) return false;
  if (path === null) return true;
  for (const prefix of plan.pathPrefixes[name] ?? []) if (path.startsWith(prefix)) return true;
  return false;
}

/**
 * The host of an absolute http(s) or protocol-relative src, up to the first of `/ ? # : @ \` or the end, and that
 * stop character when it is `@` or `\` (a userinfo or an escape, where the string's host is unreliable). One
 * native match per src instead of calls per character: the content script's code runs cold, in the interpreter.
 */
const SRC_HOST = /^(?:https?:)?\/\/([^/?#:@\\]+)([@\\]?)/i;

/**
 * The last two labels of every host or `*.suffix` the plan names: a host whose last two labels are not among them
 * is on no catalog host, which rules out nearly every src of a page with one lookup. Null when a name has a single
 * label, which this cannot rule out.
 */
function lastTwoLabels(plan: MarkerPlan): Set<string> | null {
  const names = [...plan.anyPath.split('|').filter(Boolean), ...Object.keys(plan.pathPrefixes)];
  const ends = new Set<string>();
  for (const name of names) {
    const end = lastTwo(name.startsWith('*.') ? name.slice(2) : name);
    if (end === null) return null;
    ends.add(end);
  }
  return ends;
}

/** `b.c` of `a.b.c`; null for a single label. */
function lastTwo(host: string): string | null {
  const last = host.lastIndexOf('.');
  if (last <= 0) return null;
  return host.slice(host.lastIndexOf('.', last - 1) + 1);
}

/**
 * `host/path` of an element's src when it is on a catalog host. Relative URLs point at the page's own host, never
 * at a widget vendor, so they are skipped unparsed; the host is checked before anything else is built (most of a
 * page's scripts are not a catalog's), and the key is cut out of the string where that is exact: URL parsing is a
 * large part of reading a script-heavy page.
 */
function catalogUrlKey(element: Element, plan: MarkerPlan, ends: Set<string> | null): string | null {
  const src = element.getAttribute('src');
  if (!src) return null;
  const match = SRC_HOST.exec(src);
  if (!match?.[1]) return null;
  if (match[2] === '') {
    const host = match[1].toLowerCase();
    if (ends !== null && !ends.has(lastTwo(host) ?? host)) return null;
    if (!onCatalogHost(host, plan)) return null;
  }
  const key = markupUrlKey(src) ?? urlKey(src.startsWith('//') ? `https:${src}` : src);
  return key && onCatalogHost(key, plan) ? key : null;
}

/**
 * What the content script has seen of one page. Every read goes through the browser's own indexes: the
 * document's script collection, id lookups, and (on a page that shows something of the catalog's) one lookup per
 * tag marker. Only script elements, and a marker once found, get a script object in this world (the first one of
 * each element type costs the browser a set-up in it); walking the page or the nodes a mutation added would make
 * one for every element.
 */
export class PageCollector {
  readonly #plan: MarkerPlan;
  readonly #ends: Set<string> | null;
  #scripts = new Set<string>();
  #dom = new Set<string>();
  #meta = new Set<string>();

  constructor(plan: MarkerPlan) {
    this.#plan = plan;
    this.#ends = lastTwoLabels(plan);
  }

  /** Reads the whole document, forgetting what was seen before (a new page or a new single-page view). */
  readAll(doc: Document): void {
    this.#scripts = new Set();
    this.#dom = new Set();
    this.#meta = new Set();
    this.readAgain(doc);
  }

  /**
   * Reads the document again, keeping what was seen (a loader script that removes itself has still been seen).
   * Tag markers are looked for only once something else of the catalog's is on the page: each is a walk of the
   * whole tree, and a tag alone never makes a detection the extension acts on.
   */
  readAgain(doc: Document): void {
    this.#readIds(doc);
    if (this.#plan.meta.length > 0) for (const tag of doc.querySelectorAll('meta[name]')) this.#readMeta(tag);
    this.#readUrls(doc.scripts, this.#scripts);
    if (this.empty) return;
    for (const tag of this.#plan.tags) if (!this.#dom.has(tag) && doc.getElementsByTagName(tag).length > 0) this.#dom.add(tag);
  }

  /** Whether nothing of the catalog's has been seen on the page. */
  get empty(): boolean {
    return this.#scripts.size + this.#dom.size + this.#meta.size === 0;
  }

  report(doc: Document, seq = 0): PageReport {
    return {
      hostname: doc.location.hostname.toLowerCase(),
      path: doc.location.pathname.slice(0, SIGNAL_LIMITS.urlLength),
      timeOrigin: Math.floor(performance.timeOrigin),
      seq,
      scripts: [...this.#scripts],
      iframes: [],
      dom: [...this.#dom],
      meta: [...this.#meta],
    };
  }

  #readIds(doc: Document): void {
    for (const id of this.#plan.ids) if (doc.getElementById(id)) this.#dom.add(`#${id}`);
  }

  #readUrls(elements: HTMLCollectionOf<Element>, into: Set<string>): void {
    // By index: iterating a live collection through its iterator costs several times more per element.
    for (let index = 0; index < elements.length; index++) {
      const element = elements[index];
      if (!element || into.size >= SIGNAL_LIMITS.urls) return;
      const key = catalogUrlKey(element, this.#plan, this.#ends);
      if (!key) continue;
      into.add(key);
      // Attribute markers are the settings widgets' loader tags carry (a client key, an org URL): they are read on
      // those tags, never looked for across the page.
      for (const marker of this.#plan.attributes) if (element.matches(marker)) this.#dom.add(marker);
    }
  }

  #readMeta(tag: Element): void {
    if (this.#meta.size >= SIGNAL_LIMITS.markers) return;
    const name = (tag.getAttribute('name') ?? '').toLowerCase();
    if (this.#plan.meta.includes(name)) this.#meta.add(`${name}=${(tag.getAttribute('content') ?? '').slice(0, 200)}`);
  }
}

/** A page's signals, read in full (tests and the benchmark; the content script keeps a collector). */
export function collect(doc: Document, plan: MarkerPlan, seq = 0): PageReport {
  const collector = new PageCollector(plan);
  collector.readAll(doc);
  return collector.report(doc, seq);
}
