import type { Confidence, Product } from '../catalog/types.ts';
import type { PageSignals } from './signals.ts';

export const SIGNAL_KINDS = ['host', 'script', 'iframe', 'request', 'dom', 'meta', 'global'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** One reason we think a product is on the page: which signal matched what, through which catalog pattern. */
export interface Evidence {
  signal: SignalKind;
  /** What the page showed (a hostname, a script URL, a marker...). */
  matched: string;
  /** The catalog pattern it matched. */
  pattern: string;
}

export interface ProductDetection {
  productId: string;
  confidence: Confidence;
  evidence: Evidence[];
}

/**
 * Evidence kept per product and kind of signal: confidence counts kinds, not values, and a page repeating one
 * matching URL under a hundred paths must not grow what is stored and shown for its tab.
 */
export const EVIDENCE_PER_SIGNAL = 3;

/** Signals a page cannot produce by accident: the product's own host, its loader script, frame or API. */
const STRONG = new Set<SignalKind>(['host', 'script', 'iframe', 'request']);

interface UrlRule {
  pathPrefix: string;
  pattern: string;
  productId: string;
}

/** host → rules, with `*.suffix` patterns kept apart and found by walking the hostname's labels. */
class HostTable<T> {
  readonly #exact = new Map<string, T[]>();
  readonly #wildcard = new Map<string, T[]>();

  add(hostPattern: string, value: T): void {
    const wildcard = hostPattern.startsWith('*.');
    const table = wildcard ? this.#wildcard : this.#exact;
    const key = wildcard ? hostPattern.slice(2) : hostPattern;
    const list = table.get(key);
    if (list) list.push(value);
    else table.set(key, [value]);
  }

  /** Values for the host itself and for every parent domain's wildcard: O(labels), whatever the table size. */
  lookup(host: string, visit: (value: T) => void): void {
    this.#exact.get(host)?.forEach(visit);
    for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
      this.#wildcard.get(host.slice(dot + 1))?.forEach(visit);
    }
  }
}

function splitUrlPattern(pattern: string): [host: string, pathPrefix: string] {
  const slash = pattern.indexOf('/');
  return slash === -1 ? [pattern, '/'] : [pattern.slice(0, slash), pattern.slice(slash)];
}

/**
 * The catalog, indexed once per worker start: every lookup is a hash hit per hostname label or per reported
 * marker, so the cost of detecting a page grows with the page, not with the number of products.
 */
export class DetectionIndex {
  readonly #hosts = new HostTable<{ productId: string; pattern: string; paths: string[] }>();
  readonly #scripts = new HostTable<UrlRule>();
  readonly #iframes = new HostTable<UrlRule>();
  readonly #requests = new HostTable<{ productId: string; pattern: string }>();
  readonly #dom = new Map<string, string[]>();
  readonly #globals = new Map<string, string[]>();
  readonly #globalsOf = new Map<string, readonly string[]>();
  readonly #meta = new Map<string, { contentPrefix: string; pattern: string; productId: string }[]>();

  constructor(products: readonly Product[]) {
    for (const product of products) {
      const { detect } = product;
      const productId = product.id;
      for (const pattern of detect.hosts ?? []) this.#hosts.add(pattern, { productId, pattern, paths: detect.paths ?? [] });
      for (const pattern of detect.scripts ?? []) {
        const [host, pathPrefix] = splitUrlPattern(pattern);
        this.#scripts.add(host, { pathPrefix, pattern, productId });
      }
      for (const pattern of detect.iframes ?? []) {
        const [host, pathPrefix] = splitUrlPattern(pattern);
        this.#iframes.add(host, { pathPrefix, pattern, productId });
      }
      for (const pattern of detect.requests ?? []) this.#requests.add(pattern, { productId, pattern });
      for (const marker of detect.dom ?? []) push(this.#dom, marker, productId);
      for (const name of detect.globals ?? []) push(this.#globals, name, productId);
      if (detect.globals?.length) this.#globalsOf.set(productId, detect.globals);
      for (const pattern of detect.meta ?? []) {
        const eq = pattern.indexOf('=');
        const name = (eq === -1 ? pattern : pattern.slice(0, eq)).toLowerCase();
        const list = this.#meta.get(name) ?? [];
        list.push({ contentPrefix: eq === -1 ? '' : pattern.slice(eq + 1), pattern, productId });
        this.#meta.set(name, list);
      }
    }
  }

  /**
   * Globals worth reading in the page's own world: those of products another signal already points to and that
   * are not yet certain. A global alone never makes a detection actionable, so on other pages nothing runs there.
   */
  globalsToConfirm(detections: readonly ProductDetection[]): string[] {
    const names = new Set<string>();
    for (const detection of detections) {
      if (detection.confidence === 'high' || detection.evidence.some((evidence) => evidence.signal === 'global')) continue;
      for (const name of this.#globalsOf.get(detection.productId) ?? []) names.add(name);
    }
    return [...names].sort();
  }

  /** Every catalog product the signals point to, with the evidence, most confident first. */
  detect(signals: PageSignals): ProductDetection[] {
    const found = new Map<string, Evidence[]>();
    const note = (productId: string, evidence: Evidence) => {
      const list = found.get(productId);
      if (!list) found.set(productId, [evidence]);
      else {
        const same = list.filter((e) => e.signal === evidence.signal);
        if (same.length < EVIDENCE_PER_SIGNAL && !same.some((e) => e.matched === evidence.matched && e.pattern === evidence.pattern)) list.push(evidence);
      }
    };

    this.#hosts.lookup(signals.hostname, ({ productId, pattern, paths }) => {
      if (paths.length === 0 || paths.some((prefix) => signals.path.startsWith(prefix))) {
        note(productId, { signal: 'host', matched: signals.hostname, pattern });
      }
    });
    const matchUrls = (urls: string[], table: HostTable<UrlRule>, signal: SignalKind) => {
      for (const url of urls) {
        const slash = url.indexOf('/');
        const host = slash === -1 ? url : url.slice(0, slash);
        const path = slash === -1 ? '/' : url.slice(slash);
        table.lookup(host, (rule) => {
          if (path.startsWith(rule.pathPrefix)) note(rule.productId, { signal, matched: url, pattern: rule.pattern });
        });
      }
    };
    matchUrls(signals.scripts, this.#scripts, 'script');
    matchUrls(signals.iframes, this.#iframes, 'iframe');
    for (const host of signals.requests) {
      this.#requests.lookup(host, ({ productId, pattern }) => note(productId, { signal: 'request', matched: host, pattern }));
    }
    for (const marker of signals.dom) {
      for (const productId of this.#dom.get(marker) ?? []) note(productId, { signal: 'dom', matched: marker, pattern: marker });
    }
    for (const name of signals.globals) {
      for (const productId of this.#globals.get(name) ?? []) note(productId, { signal: 'global', matched: name, pattern: name });
    }
    for (const tag of signals.meta) {
      const eq = tag.indexOf('=');
      const name = (eq === -1 ? tag : tag.slice(0, eq)).toLowerCase();
      const content = eq === -1 ? '' : tag.slice(eq + 1);
      for (const rule of this.#meta.get(name) ?? []) {
        if (content.startsWith(rule.contentPrefix)) note(rule.productId, { signal: 'meta', matched: tag, pattern: rule.pattern });
      }
    }

    return [...found]
      .map(([productId, evidence]) => ({ productId, evidence, confidence: confidenceOf(evidence) }))
      .sort((a, b) => RANK[b.confidence] - RANK[a.confidence] || a.productId.localeCompare(b.productId));
  }
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/**
 * High: the product's own host, or two kinds of signal of which one is strong. Medium: one strong kind, or
 * two weak ones. Low: a single weak signal (a global or marker any page could define).
 */
export function confidenceOf(evidence: Evidence[]): Confidence {
  const kinds = new Set(evidence.map((e) => e.signal));
  const strong = [...kinds].filter((kind) => STRONG.has(kind)).length;
  if (kinds.has('host') || (strong >= 1 && kinds.size >= 2)) return 'high';
  if (strong >= 1 || kinds.size >= 2) return 'medium';
  return 'low';
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What the content script looks for on each page: the catalog's DOM markers and meta names, and its script
 * patterns (`*.suffix` for any subdomain), so a report carries no other URL of the page. Frames are the worker's
 * to see (`frameUrlPatterns`).
 */
export interface PageMarkers {
  dom: string[];
  meta: string[];
  /**
   * A host (any path), or a host and the path prefix the catalog asks for there: on shared hosting (a CDN, a
   * site builder) the host alone would let through every page's scripts from it.
   */
  urlHosts: string[];
}

export function pageMarkers(products: readonly Product[]): PageMarkers {
  const unique = (values: string[]) => [...new Set(values)].sort();
  return {
    dom: unique(products.flatMap((product) => product.detect.dom ?? [])),
    meta: unique(products.flatMap((product) => (product.detect.meta ?? []).map((pattern) => (pattern.split('=')[0] ?? '').toLowerCase()))),
    urlHosts: unique(
      products.flatMap((product) =>
        (product.detect.scripts ?? []).map((pattern) => {
          const [host, pathPrefix] = splitUrlPattern(pattern);
          return pathPrefix === '/' ? host : `${host}${pathPrefix}`;
        }),
      ),
    ),
  };
}

/**
 * Match patterns for the frames the catalog's iframe patterns name: the worker sees a page's frames load through
 * webRequest, so the content script never has to touch a page's iframe elements (the browser builds each one a
 * script object in the content script's world, on every page with frames).
 */
export function frameUrlPatterns(products: readonly Product[]): string[] {
  const patterns = products.flatMap((product) =>
    (product.detect.iframes ?? []).map((pattern) => {
      const [host, pathPrefix] = splitUrlPattern(pattern);
      return `*://${host}${pathPrefix}*`;
    }),
  );
  return [...new Set(patterns)].sort();
}

/** Hostnames whose requests the background watches (the catalog's `requests` patterns). */
export function requestHostPatterns(products: readonly Product[]): string[] {
  return [...new Set(products.flatMap((product) => product.detect.requests ?? []))].sort();
}
