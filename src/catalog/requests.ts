/**
 * Which product an observed request belongs to, by the catalog's AI request patterns (`Product.aiRequests`):
 * exact host, method, and the whole path segment by segment. Plain comparisons in a per-host table, no regular
 * expressions, and a bounded amount of work per request whatever the URL.
 */
import type { AiRequest, Product } from './types.ts';

interface Compiled {
  productId: string;
  method: string;
  segments: readonly string[];
}

/** Longer URLs are not the requests of any pattern (the paths are short); they are not looked at. */
const MAX_URL_LENGTH = 4096;

function segmentsOf(path: string): string[] {
  return path.slice(1).split('/');
}

export class RequestMatcher {
  readonly #byHost = new Map<string, Compiled[]>();
  readonly #filters: string[];

  constructor(products: readonly Product[]) {
    const filters = new Set<string>();
    for (const product of products) {
      for (const request of product.aiRequests ?? []) {
        const list = this.#byHost.get(request.host) ?? [];
        list.push({ productId: product.id, method: request.method, segments: segmentsOf(request.path) });
        this.#byHost.set(request.host, list);
        filters.add(filterUrl(request));
      }
    }
    this.#filters = [...filters].sort();
  }

  /**
   * The product whose pattern an https request matches, or null. The query and fragment are ignored; the
   * method must be the pattern's; every segment must be equal, `*` taking any one non-empty segment.
   */
  match(url: string, method: string): string | null {
    if (url.length > MAX_URL_LENGTH) return null;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
    const candidates = this.#byHost.get(parsed.hostname);
    if (!candidates) return null;
    const segments = segmentsOf(parsed.pathname);
    for (const candidate of candidates) {
      if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
      if (candidate.segments.every((want, i) => (want === '*' ? segments[i] !== '' : want === segments[i]))) return candidate.productId;
    }
    return null;
  }

  /** webRequest filter URLs covering every pattern (looser than the patterns); the listener matches exactly. */
  filterUrls(): string[] {
    return [...this.#filters];
  }

  /** Whether any pattern is known at all (no listener is needed otherwise). */
  get empty(): boolean {
    return this.#byHost.size === 0;
  }
}

/**
 * The match pattern a browser filters a request pattern's requests with, before the listener's exact match: a
 * `*` segment becomes the pattern's `*` (which may also span `/`), and a final `*` takes the query.
 */
export function filterUrl(request: Pick<AiRequest, 'host' | 'path'>): string {
  return `https://${request.host}${request.path}*`;
}
