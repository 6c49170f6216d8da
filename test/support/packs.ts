/**
 * Data packs for the tests: signed with a throwaway key made in the test (never a key of the repository), from
 * the bundled catalog with the changes a test needs. Every date is relative to the clock the test hands in.
 */
import { CATALOG } from '../../src/catalog/index.ts';
import type { Catalog, Product, Provider } from '../../src/catalog/types.ts';
import { changelogBetween, packDocument } from '../../src/pack/build.ts';
import type { ChangelogEntry } from '../../src/pack/format.ts';
import { fromBase64 } from '../../src/pack/format.ts';
import { trustedKeys, type TrustedKey } from '../../src/pack/open.ts';
import { newSigningKey, signPack, type SigningKey } from '../../scripts/data-pack-core.ts';

export { newSigningKey, type SigningKey };

const DAY_MS = 86_400_000;

/** The calendar day `days` before `now`, as catalog sources are dated. */
export function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

export const PACKBOT_SCRIPT_HOST = 'widget.packbot.test';
export const PACKBOT_MARKER = '#packbot-launcher';

/** A support widget the bundled catalog does not know, as a pack would add it: a loader script and a launcher. */
export function packbotProduct(now: Date): Product {
  return {
    id: 'packbot-assistant',
    name: 'Packbot assistant',
    vendor: 'Packbot',
    kind: 'widget',
    category: 'customer-support',
    job: 'support-chat-widget',
    detect: { scripts: [`${PACKBOT_SCRIPT_HOST}/embed/`], dom: [PACKBOT_MARKER] },
    features: [
      {
        name: 'AI answers',
        dependencies: [
          {
            provider: 'anthropic',
            component: 'api',
            route: 'Anthropic API',
            confidence: 'high',
            sources: [
              {
                url: 'https://docs.packbot.test/ai/models',
                kind: 'official-docs',
                date: dayBefore(now, 10),
                dateKind: 'published',
                read: dayBefore(now, 2),
                summary: 'Packbot’s documentation says its answers are written by Claude through the Anthropic API.',
                statesRoute: true,
              },
            ],
          },
        ],
      },
    ],
  };
}

/** A provider moved to another status page (same platform), its status sources moved with it. */
export function movedProvider(provider: Provider, pageUrl: string): Provider {
  const from = new URL(provider.status.pageUrl).origin;
  const to = new URL(pageUrl).origin;
  return {
    ...provider,
    status: { ...provider.status, pageUrl, aliases: [] },
    sources: provider.sources.map((source) => (source.url.startsWith(from) ? { ...source, url: `${to}${source.url.slice(from.length)}` } : source)),
  };
}

/** The bundled catalog with a product added and providers replaced. */
export function catalogWith(change: { products?: Product[]; providers?: Provider[] }): Catalog {
  const replaced = new Map((change.providers ?? []).map((provider) => [provider.id, provider]));
  return {
    providers: CATALOG.providers.map((provider) => replaced.get(provider.id) ?? provider),
    products: [...CATALOG.products, ...(change.products ?? [])],
  };
}

export interface PackSpec {
  version: number;
  published: Date;
  /** Release notes; by default the difference from the bundled catalog. */
  changelog?: ChangelogEntry[];
  /** Changes to the document after it is built (a wrong schema, markers that do not match…), before signing. */
  edit?: (document: Record<string, unknown>) => void;
}

/** A pack of `catalog`, signed with `key`: the bytes a server would serve. */
export function signedPack(catalog: Catalog, spec: PackSpec, key: SigningKey): Uint8Array {
  // A copy: an edit must not reach the bundled catalog the document was built from.
  const document = structuredClone(
    packDocument(catalog, { version: spec.version, published: spec.published, changelog: spec.changelog ?? changelogBetween(CATALOG, catalog) }),
  ) as unknown as Record<string, unknown>;
  spec.edit?.(document);
  return signPack(new TextEncoder().encode(JSON.stringify(document)), key);
}

/** The keys as the extension holds them. */
export function trusted(...keys: SigningKey[]): Promise<TrustedKey[]> {
  return trustedKeys(keys.map((key) => fromBase64(key.publicKey) ?? new Uint8Array()));
}
