/** What the content scripts collect from a page, and what the background adds from the tab's requests. */
export interface PageSignals {
  /** Lowercase hostname of the top-level page. */
  hostname: string;
  /** Path of the top-level page, without query or fragment. */
  path: string;
  /** Script and iframe URLs as `host/path`: no scheme, query or fragment (they can carry tokens). */
  scripts: string[];
  iframes: string[];
  /** DOM markers from the catalog's list that are present on the page. */
  dom: string[];
  /** Meta tags from the catalog's list that are present, as `name=content`. */
  meta: string[];
  /** Globals from the catalog's list that the page defines. */
  globals: string[];
  /** Hostnames the tab sent requests to (watched hosts only). */
  requests: string[];
}

/** Caps on what one page report carries, so a hostile or huge page cannot flood the worker. */
export const SIGNAL_LIMITS = { urls: 300, urlLength: 300, markers: 200 } as const;

export function emptySignals(hostname: string, path = '/'): PageSignals {
  return { hostname, path, scripts: [], iframes: [], dom: [], meta: [], globals: [], requests: [] };
}

/** `host/path` of an absolute http(s) URL (host lowercased), or null; the form patterns are written in. */
export function urlKey(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.hostname.toLowerCase()}${url.pathname}`.slice(0, SIGNAL_LIMITS.urlLength);
}
