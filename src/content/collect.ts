/**
 * Reads a page's detection signals from the DOM. Runs in the content script on every page, so it touches
 * only what the catalog asks about: script and iframe URLs, a fixed list of markers, a few meta tags.
 * Never page text.
 */
import type { PageReport } from '../protocol/messages.ts';
import { markupUrlKey, SIGNAL_LIMITS, urlKey } from '../detect/signals.ts';
import type { PageMarkers } from '../detect/engine.ts';

/** What the content script looks for: the catalog's DOM markers, meta names and script/iframe hosts. */
export type Markers = PageMarkers;

/** Markers sorted by the cheapest native lookup for each: ids are hash lookups, not tree walks. */
export interface MarkerPlan {
  ids: string[];
  tags: string[];
  attributes: string[];
  meta: string[];
  /**
   * Script and iframe hosts the catalog names, exactly and (`*.suffix`) as parent domains, each with the path
   * prefixes it asks for there (null: any path).
   */
  exactHosts: Map<string, string[] | null>;
  parentDomains: Map<string, string[] | null>;
}

/** Adds a host's path prefix; a host named without one takes any path. */
function addUrlMarker(into: Map<string, string[] | null>, host: string, pathPrefix: string | null): void {
  const known = into.get(host);
  if (known === null) return;
  into.set(host, pathPrefix === null ? null : [...(known ?? []), pathPrefix]);
}

export function planMarkers(markers: Markers): MarkerPlan {
  return {
    ids: markers.dom.filter((marker) => marker.startsWith('#')),
    tags: markers.dom.filter((marker) => !marker.startsWith('#') && !marker.startsWith('[')),
    attributes: markers.dom.filter((marker) => marker.startsWith('[')),
    meta: markers.meta,
    ...urlMarkers(markers.urlHosts),
  };
}

function urlMarkers(patterns: readonly string[]): Pick<MarkerPlan, 'exactHosts' | 'parentDomains'> {
  const exactHosts = new Map<string, string[] | null>();
  const parentDomains = new Map<string, string[] | null>();
  for (const pattern of patterns) {
    const slash = pattern.indexOf('/');
    const host = slash === -1 ? pattern : pattern.slice(0, slash);
    const pathPrefix = slash === -1 ? null : pattern.slice(slash);
    if (host.startsWith('*.')) addUrlMarker(parentDomains, host.slice(2), pathPrefix);
    else addUrlMarker(exactHosts, host, pathPrefix);
  }
  return { exactHosts, parentDomains };
}

/**
 * Whether a `host/path` key is on a host the catalog names (and, where it asks for one, under its path prefix):
 * the report carries no other URL of the page. A bare host asks only whether the host is named.
 */
function onCatalogHost(key: string, plan: MarkerPlan): boolean {
  const slash = key.indexOf('/');
  const host = slash === -1 ? key : key.slice(0, slash);
  const path = slash === -1 ? null : key.slice(slash);
  if (underPrefix(plan.exactHosts.get(host), path)) return true;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    if (underPrefix(plan.parentDomains.get(host.slice(dot + 1)), path)) return true;
  }
  return false;
}

/** Whether a host's entry takes `path`: null takes any; a null path asks about the host alone. */
function underPrefix(prefixes: string[] | null | undefined, path: string | null): boolean {
  if (prefixes === undefined) return false;
  if (prefixes === null || path === null) return true;
  for (const prefix of prefixes) if (path.startsWith(prefix)) return true;
  return false;
}

/** The host of an absolute or protocol-relative src, lowercased, by string operations; null when unclear. */
const SRC_HOST = /^(?:https?:)?\/\/([^/?#:@\\]+)([/?#:@\\]|$)/i;

/**
 * `host/path` of an element's src when it is on a catalog host. Relative URLs point at the page's own host, never
 * at a widget vendor, so they are skipped unparsed; the host is checked before anything else is built (most of a
 * page's scripts are not a catalog's), and the key is cut out of the string where that is exact: URL parsing is a
 * large part of reading a script-heavy page. (A `[src^="http"]` selector was measured slower.)
 */
function catalogUrlKey(element: Element, plan: MarkerPlan): string | null {
  const src = element.getAttribute('src');
  if (!src) return null;
  const match = SRC_HOST.exec(src);
  if (!match) return null;
  // A userinfo or an escape makes the string's host unreliable: the real parser decides.
  if (match[2] !== '@' && match[2] !== '\\' && !onCatalogHost((match[1] ?? '').toLowerCase(), plan)) return null;
  const key = markupUrlKey(src) ?? urlKey(src.startsWith('//') ? `https:${src}` : src);
  return key && onCatalogHost(key, plan) ? key : null;
}

/**
 * What the content script has seen of one page: read in full once (when the DOM is ready, and after a single-page
 * navigation), then only from what DOM mutations added, so a page that keeps changing costs in proportion to
 * its changes, not its size. Every read walks a tree at most once: the tag markers are one selector, attribute
 * markers are read only on the catalog's own script and iframe tags, and an added subtree is searched once for
 * scripts, iframes and tag markers together.
 */
export class PageCollector {
  readonly #plan: MarkerPlan;
  readonly #ids: string[];
  readonly #tags: Set<string>;
  /** The tag markers as one selector ('' when there are none). */
  readonly #markerSelector: string;
  /** What an added subtree is searched for: elements with a src, and the markers. */
  readonly #subtreeSelector: string;
  #scripts = new Set<string>();
  #iframes = new Set<string>();
  #dom = new Set<string>();
  #meta = new Set<string>();

  constructor(plan: MarkerPlan) {
    this.#plan = plan;
    this.#ids = plan.ids.map((marker) => marker.slice(1));
    this.#tags = new Set(plan.tags);
    this.#markerSelector = plan.tags.join(',');
    this.#subtreeSelector = ['script[src]', 'iframe[src]', ...(plan.meta.length > 0 ? ['meta[name]'] : []), ...(this.#markerSelector ? [this.#markerSelector] : [])].join(',');
  }

  /** Reads the whole document, forgetting what was seen before. */
  readAll(doc: Document): void {
    this.#scripts = new Set();
    this.#iframes = new Set();
    this.#dom = new Set();
    this.#meta = new Set();
    this.#readIds(doc);
    // One walk answers "any tag marker at all?" (almost always no); only then is each one looked for.
    if (this.#markerSelector && doc.querySelector(this.#markerSelector)) {
      for (const tag of this.#tags) if (doc.getElementsByTagName(tag).length > 0) this.#dom.add(tag);
    }
    if (this.#plan.meta.length > 0) for (const tag of doc.querySelectorAll('meta[name]')) this.#readMeta(tag);
    this.#readUrls(doc.scripts, this.#scripts);
    this.#readUrls(doc.getElementsByTagName('iframe'), this.#iframes);
  }

  /** Reads what the mutation records added (and nothing else of the page). */
  readAdded(records: readonly MutationRecord[], doc: Document): void {
    let added = false;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        added = true;
        const element = node as Element;
        this.#readElement(element);
        if (element.firstElementChild) for (const inner of element.querySelectorAll(this.#subtreeSelector)) this.#readElement(inner);
      }
    }
    // Id markers are hash lookups on the document: cheaper than looking for them in what was added.
    if (added) this.#readIds(doc);
  }

  /** Whether nothing of the catalog's has been seen on the page. */
  get empty(): boolean {
    return this.#scripts.size + this.#iframes.size + this.#dom.size + this.#meta.size === 0;
  }

  report(doc: Document, seq = 0): PageReport {
    return {
      hostname: doc.location.hostname.toLowerCase(),
      path: doc.location.pathname.slice(0, SIGNAL_LIMITS.urlLength),
      timeOrigin: Math.floor(performance.timeOrigin),
      seq,
      scripts: [...this.#scripts],
      iframes: [...this.#iframes],
      dom: [...this.#dom],
      meta: [...this.#meta],
    };
  }

  #readIds(doc: Document): void {
    for (const id of this.#ids) if (!this.#dom.has(`#${id}`) && doc.getElementById(id)) this.#dom.add(`#${id}`);
  }

  #readElement(element: Element): void {
    const tag = element.localName;
    if (tag === 'script') this.#addUrl(element, this.#scripts);
    else if (tag === 'iframe') this.#addUrl(element, this.#iframes);
    else if (tag === 'meta') {
      if (this.#plan.meta.length > 0) this.#readMeta(element);
    } else if (this.#tags.has(tag)) this.#dom.add(tag);
  }

  #readUrls(elements: HTMLCollectionOf<Element>, into: Set<string>): void {
    for (const element of elements) {
      if (into.size >= SIGNAL_LIMITS.urls) return;
      this.#addUrl(element, into);
    }
  }

  #addUrl(element: Element, into: Set<string>): void {
    if (into.size >= SIGNAL_LIMITS.urls) return;
    const key = catalogUrlKey(element, this.#plan);
    if (!key) return;
    into.add(key);
    // Attribute markers are the settings widgets' loader tags carry (a client key, an org URL): they are read on
    // those tags, never looked for across the page.
    for (const marker of this.#plan.attributes) if (element.matches(marker)) this.#dom.add(marker);
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
