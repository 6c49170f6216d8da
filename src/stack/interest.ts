/**
 * Which status pages are worth reading. Every read costs a status page a request, multiplied by every install,
 * so only what the user needs is read: the providers of open tabs (quickly), of the user's stack, and of
 * whatever one of Upstream's pages shows right now. Pure: the worker supplies tabs, stack and pages shown.
 */
import type { CatalogIndex } from '../catalog/index.ts';

export interface Interest {
  /** Providers an open tab depends on: read about every minute. */
  readonly watched: ReadonlySet<string>;
  /** Every provider to read at all: the watched ones, the stack's, and those a page shows. Others are not read. */
  readonly read: ReadonlySet<string>;
}

export const NO_INTEREST: Interest = Object.freeze({ watched: new Set<string>(), read: new Set<string>() });

export interface InterestInput {
  /** Products detected (confidently) in open tabs. */
  tabProducts: Iterable<string>;
  /** Products of the user's stack (pinned or seen recently). */
  stackProducts: Iterable<string>;
  /** Providers a page of Upstream shows now (see `activeShown`). */
  shownProviders: Iterable<string>;
}

export function interestOf(index: CatalogIndex, input: InterestInput): Interest {
  const providersOf = (productIds: Iterable<string>) => {
    const ids = new Set<string>();
    for (const productId of productIds) {
      const product = index.product(productId);
      if (product) for (const provider of index.providersOf(product)) ids.add(provider.id);
    }
    return ids;
  };
  const watched = providersOf(input.tabProducts);
  const read = new Set([...watched, ...providersOf(input.stackProducts)]);
  for (const providerId of input.shownProviders) if (index.provider(providerId)) read.add(providerId);
  return { watched, read };
}

/**
 * A page that shows providers holds a lease on them, renewed each time it asks for their levels (every 30 s
 * while open). When the page closes the lease runs out and the providers stop being read.
 */
export const SHOWN_LEASE_MS = 2 * 60_000;

/** Provider id → when its lease ends (epoch ms). */
export type ShownLeases = Readonly<Record<string, number>>;

export function renewShown(leases: ShownLeases, providerIds: Iterable<string>, now: number): ShownLeases {
  const renewed: Record<string, number> = {};
  for (const [id, until] of Object.entries(leases)) if (until > now) renewed[id] = until;
  for (const id of providerIds) renewed[id] = now + SHOWN_LEASE_MS;
  return renewed;
}

export function activeShown(leases: ShownLeases, now: number): string[] {
  return Object.entries(leases)
    .filter(([, until]) => until > now)
    .map(([id]) => id);
}

/** Stored leases as they came back from storage: anything malformed counts as no lease. */
export function parseShownLeases(raw: unknown): ShownLeases {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1])));
}
