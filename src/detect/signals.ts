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
  /** Globals from the catalog's list that the page defines (read by the worker, only when the catalog needs them). */
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

/**
 * `urlKey` for an absolute http(s) or protocol-relative URL written in markup, by string operations: the URL
 * parser is the costly part of reading a script-heavy page. Null for anything it cannot read plainly (then
 * the caller may fall back to `urlKey`).
 */
export function markupUrlKey(src: string): string | null {
  let rest: string;
  if (src.startsWith('//')) rest = src.slice(2);
  else if (/^https?:\/\//i.test(src)) rest = src.slice(src.indexOf('//') + 2);
  else return null;
  let end = rest.length;
  for (const stop of ['?', '#']) {
    const at = rest.indexOf(stop);
    if (at !== -1 && at < end) end = at;
  }
  rest = rest.slice(0, end);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '/' : rest.slice(slash);
  // Userinfo, ports, IPv6 literals, escapes, characters the parser would encode, and dot segments it would
  // resolve are left to the real parser.
  if (!/^[A-Za-z0-9.-]+$/.test(authority) || !/^[/A-Za-z0-9\-._~!$&'()*+,;=:@]*$/.test(path) || /\/\.\.?(?:\/|$)/.test(path)) return null;
  return `${authority.toLowerCase()}${path}`.slice(0, SIGNAL_LIMITS.urlLength);
}
