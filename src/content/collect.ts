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
  /** Script and iframe hosts the catalog names, exactly and (`*.suffix`) as parent domains. */
  exactHosts: Set<string>;
  parentDomains: Set<string>;
}

export function planMarkers(markers: Markers): MarkerPlan {
  return {
    ids: markers.dom.filter((marker) => marker.startsWith('#')),
    tags: markers.dom.filter((marker) => !marker.startsWith('#') && !marker.startsWith('[')),
    attributes: markers.dom.filter((marker) => marker.startsWith('[')),
    meta: markers.meta,
    exactHosts: new Set(markers.urlHosts.filter((host) => !host.startsWith('*.'))),
    parentDomains: new Set(markers.urlHosts.filter((host) => host.startsWith('*.')).map((host) => host.slice(2))),
  };
}

/** Whether a `host/path` key is on a host the catalog names: the report carries no other URL of the page. */
function onCatalogHost(key: string, plan: MarkerPlan): boolean {
  const slash = key.indexOf('/');
  const host = slash === -1 ? key : key.slice(0, slash);
  if (plan.exactHosts.has(host)) return true;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    if (plan.parentDomains.has(host.slice(dot + 1))) return true;
  }
  return false;
}

/**
 * `host/path` of each element's absolute src. Relative URLs point at the page's own host, never at a widget
 * vendor, so they are skipped unparsed, and absolute ones are cut out of the string where that is exact: URL
 * parsing is a large part of reading a script-heavy page. (A `[src^="http"]` selector was measured slower.)
 */
function urlKeys(elements: HTMLCollectionOf<HTMLScriptElement | HTMLIFrameElement>, plan: MarkerPlan): string[] {
  const keys = new Set<string>();
  for (const element of elements) {
    if (keys.size >= SIGNAL_LIMITS.urls) break;
    const src = element.getAttribute('src');
    if (!src || !(src.startsWith('//') || /^https?:\/\//i.test(src))) continue;
    const key = markupUrlKey(src) ?? urlKey(src.startsWith('//') ? `https:${src}` : src);
    if (key && onCatalogHost(key, plan)) keys.add(key);
  }
  return [...keys];
}

export function collect(doc: Document, plan: MarkerPlan, seq = 0): PageReport {
  const dom: string[] = [];
  for (const marker of plan.ids) if (doc.getElementById(marker.slice(1))) dom.push(marker);
  for (const marker of plan.tags) if (doc.getElementsByTagName(marker).length > 0) dom.push(marker);
  for (const marker of plan.attributes) if (doc.querySelector(marker)) dom.push(marker);
  const meta: string[] = [];
  if (plan.meta.length > 0) {
    for (const tag of doc.querySelectorAll('meta[name]')) {
      const name = (tag.getAttribute('name') ?? '').toLowerCase();
      if (plan.meta.includes(name)) meta.push(`${name}=${(tag.getAttribute('content') ?? '').slice(0, 200)}`);
      if (meta.length >= SIGNAL_LIMITS.markers) break;
    }
  }
  return {
    hostname: doc.location.hostname.toLowerCase(),
    path: doc.location.pathname.slice(0, SIGNAL_LIMITS.urlLength),
    timeOrigin: Math.floor(performance.timeOrigin),
    seq,
    scripts: urlKeys(doc.scripts, plan),
    iframes: urlKeys(doc.getElementsByTagName('iframe'), plan),
    dom,
    meta,
  };
}
