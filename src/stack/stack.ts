/**
 * "My stack": the AI tools a user relies on, remembered as product ids only (never URLs), and the providers those
 * tools share. Pure: the worker reads and writes the state, this module decides what it means.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { isRecord } from '../model/json.ts';
import { isCatalogId } from '../model/patterns.ts';
import { isSpecialProvider } from '../catalog/types.ts';

/** What Upstream remembers about the user's tools, in storage.local (product ids only, never URLs). */
export interface StackState {
  /** productId → ISO time the product was last seen on a page (visits older than STACK_WINDOW_DAYS drop out). */
  visits: Record<string, string>;
  /** Product ids the user pinned: always in the stack. */
  pinned: string[];
}

export const STACK_WINDOW_DAYS = 30;
const WINDOW_MS = STACK_WINDOW_DAYS * 24 * 60 * 60 * 1000;

// Frozen: a caller that mutated the shared default would corrupt every later "empty" stack.
const frozen = <T>(value: T): T => Object.freeze(value);
export const EMPTY_STACK: StackState = frozen({ visits: frozen({}), pinned: frozen([]) });

/** A stored id only has to look like a catalog id; ids the catalog no longer has are filtered when shown. */
const isProductId = isCatalogId;
const isIsoTime = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

/** Validates untrusted stored data (drops malformed entries, unknown shapes → EMPTY_STACK). */
export function parseStackState(raw: unknown): StackState {
  if (!isRecord(raw)) return EMPTY_STACK;
  const { visits, pinned } = raw;
  const state: StackState = { visits: {}, pinned: [] };
  if (isRecord(visits)) {
    for (const [id, at] of Object.entries(visits)) {
      // Stored as ISO so `Date.parse` and string comparison agree; anything else is rewritten on the next visit.
      if (isProductId(id) && isIsoTime(at)) state.visits[id] = new Date(at).toISOString();
    }
  }
  if (Array.isArray(pinned)) state.pinned = [...new Set(pinned.filter(isProductId))];
  return state;
}

const ageMs = (iso: string, now: Date) => now.getTime() - Date.parse(iso);
const isRecent = (iso: string, now: Date) => ageMs(iso, now) <= WINDOW_MS;

/** storage.local writes are throttled: a tool seen again within this time keeps its older visit time. */
export const VISIT_WRITE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Records products seen now. Returns the SAME object when nothing changed enough to be worth a write:
 * a product already seen less than VISIT_WRITE_INTERVAL_MS ago is not rewritten. Also drops visits older than the window.
 */
export function recordVisits(state: StackState, productIds: readonly string[], now: Date): StackState {
  let changed = false;
  const visits: Record<string, string> = {};
  for (const [id, at] of Object.entries(state.visits)) {
    if (isRecent(at, now)) visits[id] = at;
    else changed = true;
  }
  const stamp = now.toISOString();
  for (const id of productIds) {
    if (!isProductId(id)) continue; // what parseStackState would drop anyway
    // Own keys only: an id such as `constructor` must not find Object.prototype's.
    const previous = Object.hasOwn(visits, id) ? visits[id] : undefined;
    // A visit stamped in the future (the clock went back) is rewritten, or it would never age out.
    if (previous !== undefined && ageMs(previous, now) >= 0 && ageMs(previous, now) < VISIT_WRITE_INTERVAL_MS) continue;
    visits[id] = stamp;
    changed = true;
  }
  return changed ? { visits, pinned: state.pinned } : state;
}

export function setPinned(state: StackState, productId: string, pinned: boolean): StackState {
  if (state.pinned.includes(productId) === pinned) return state;
  return { visits: state.visits, pinned: pinned ? [...state.pinned, productId] : state.pinned.filter((id) => id !== productId) };
}

/** Removes a product entirely (visit and pin): "forget this tool". */
export function forgetProduct(state: StackState, productId: string): StackState {
  if (!Object.hasOwn(state.visits, productId) && !state.pinned.includes(productId)) return state;
  const { [productId]: _forgotten, ...visits } = state.visits;
  return { visits, pinned: state.pinned.filter((id) => id !== productId) };
}

export interface StackMember {
  productId: string;
  pinned: boolean;
  lastSeenAt: string | null;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** By display name, then by id, so equal names still sort the same way everywhere. */
export function compareNames(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The user's stack now: pinned products plus products seen in the last 30 days, existing in the catalog, sorted by product name. */
export function stackMembers(state: StackState, index: CatalogIndex, now: Date): StackMember[] {
  const pinned = new Set(state.pinned);
  const seen = Object.entries(state.visits).filter(([, at]) => isRecent(at, now));
  const lastSeen = new Map(seen);
  const ids = new Set([...state.pinned, ...lastSeen.keys()]);
  return [...ids]
    .flatMap((id) => index.product(id) ?? [])
    .sort(compareNames)
    .map((product) => ({ productId: product.id, pinned: pinned.has(product.id), lastSeenAt: lastSeen.get(product.id) ?? null }));
}

export interface ProviderGroup {
  /** Registry provider id (never in-house/undisclosed). */
  providerId: string;
  providerName: string;
  /** Stack products depending on it with medium or high confidence, by name. */
  productIds: string[];
}

/** Stack products grouped by registry provider (medium/high confidence claims only), most-shared first, then by name. */
export function groupByProvider(index: CatalogIndex, productIds: readonly string[]): ProviderGroup[] {
  const products = [...new Set(productIds)].flatMap((id) => index.product(id) ?? []).sort(compareNames);
  const groups = new Map<string, ProviderGroup>();
  for (const product of products) {
    for (const dep of product.features.flatMap((feature) => feature.dependencies)) {
      // A low-confidence claim is a guess: it should not make a provider look like a shared point of failure.
      if (dep.confidence === 'low' || isSpecialProvider(dep.provider)) continue;
      const provider = index.provider(dep.provider);
      if (!provider) continue;
      const group = groups.get(provider.id) ?? { providerId: provider.id, providerName: provider.name, productIds: [] };
      groups.set(provider.id, group);
      if (!group.productIds.includes(product.id)) group.productIds.push(product.id);
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.productIds.length - a.productIds.length || compareNames({ name: a.providerName, id: a.providerId }, { name: b.providerName, id: b.providerId }),
  );
}

/** Groups with 2+ products: single points of failure shared by several tools. */
export function sharedPointsOfFailure<G extends ProviderGroup>(groups: readonly G[]): G[] {
  return groups.filter((group) => group.productIds.length >= 2);
}
