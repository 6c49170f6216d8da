/**
 * Which catalog components a status page itself names. Some adapters build their components from the
 * registry (a feed's configured names, Google's product ids, Azure's services, AWS's regions) and report them
 * operational whether or not the page knows them; for those the check looks for the names in what the source
 * publishes: a feed's item titles and links (its history), Google's `products.json`, Azure's status page
 * (its list of services) and feed items, AWS's per-region feed answering as one. Other platforms list their
 * components in the reading itself.
 */
import type { Provider, ProviderComponent } from '../src/catalog/types.ts';
import type { Fetcher } from '../src/status/adapter.ts';
import { readFeed } from '../src/status/adapters/feed.ts';
import { GOOGLE_CLOUD_INCIDENTS } from '../src/status/adapters/google-cloud.ts';
import { GOOGLE_WORKSPACE_INCIDENTS } from '../src/status/adapters/google-workspace.ts';
import { asObject, asString, objects, parseJson } from '../src/model/json.ts';

/** A fetcher that keeps every body it returned, by address, for the evidence to be read from. */
export function recording(fetcher: Fetcher): Fetcher & { bodies: Map<string, string> } {
  const bodies = new Map<string, string>();
  const text = async (url: string): Promise<string> => {
    const body = await fetcher.text(url);
    bodies.set(url, body);
    return body;
  };
  return {
    bodies,
    text,
    async json(url) {
      const parsed = parseJson(await text(url));
      if (!parsed.ok) throw new Error(`not JSON: ${url}`);
      return parsed.value;
    },
  };
}

/** The names and ids a source publishes, lower-cased; `contains` when names may appear inside longer text. */
interface Named {
  exact: Set<string>;
  texts: string[];
}

const lower = (values: Iterable<string>) => [...values].map((value) => value.toLowerCase()).filter((value) => value !== '');

function feedTexts(bodies: Iterable<string>): string[] {
  return [...bodies].flatMap((body) => readFeed(body)?.items.flatMap((item) => [item.title, item.link, ...item.categories]) ?? []);
}

async function googleProducts(incidentsUrl: string, fetcher: Fetcher): Promise<Named> {
  const exact = new Set<string>();
  try {
    const products = asObject(await fetcher.json(incidentsUrl.replace(/incidents\.json$/, 'products.json')))?.products;
    for (const product of objects(products)) for (const value of [product.id, product.title, product.current_title]) exact.add(asString(value).toLowerCase());
  } catch {
    // No product list: nothing is named.
  }
  return { exact, texts: [] };
}

async function pageText(url: string, fetcher: Fetcher): Promise<string> {
  try {
    return await fetcher.text(url);
  } catch {
    return '';
  }
}

/** What the source names for a platform whose adapter builds components from the registry; null for the others. */
async function namedBySource(provider: Provider, fetcher: Fetcher, bodies: ReadonlyMap<string, string>): Promise<Named | null> {
  switch (provider.status.platform) {
    case 'rss':
      return { exact: new Set(), texts: lower(feedTexts(bodies.values())) };
    case 'azure-status':
      return { exact: new Set(), texts: lower([await pageText(provider.status.pageUrl, fetcher), ...feedTexts(bodies.values())]) };
    case 'google-cloud':
      return googleProducts(GOOGLE_CLOUD_INCIDENTS, fetcher);
    case 'google-workspace':
      return googleProducts(GOOGLE_WORKSPACE_INCIDENTS, fetcher);
    case 'aws-health': {
      // AWS answers a service's per-region feed only for a region where it lists the service.
      const regions = [...bodies].flatMap(([url, body]) => (readFeed(body) ? [/-([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.rss$/.exec(url)?.[1] ?? ''] : []));
      return { exact: new Set(lower(regions)), texts: [] };
    }
    default:
      return null;
  }
}

function isNamed(component: ProviderComponent, named: Named): boolean {
  return lower([...component.match.ids, ...component.match.names]).some((value) => named.exact.has(value) || named.texts.some((text) => text.includes(value)));
}

/**
 * The ids of the provider's catalog components the source names, or null when the reading's own components
 * are the evidence (the page lists them).
 */
export async function componentsNamed(provider: Provider, fetcher: Fetcher, bodies: ReadonlyMap<string, string>): Promise<Set<string> | null> {
  const named = await namedBySource(provider, fetcher, bodies);
  return named && new Set(provider.components.filter((component) => isNamed(component, named)).map((component) => component.id));
}
