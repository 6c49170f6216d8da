/**
 * Early warning in the worker: webRequest reports the catalog's AI requests (only those: the listeners'
 * filters come from the bundled catalog's patterns, and each request is matched exactly before anything is
 * kept), and this module keeps per product how they ended over the last minutes in storage.session, judges them
 * (`health/early-warning.ts`), and records in history how much earlier Upstream knew once a status page admits
 * the trouble. Nothing that matters lives in memory; with the switch off in Options, nothing is kept at all.
 */
import browser from 'webextension-polyfill';
import { CATALOG, type CatalogIndex } from '../catalog/index.ts';
import { RequestMatcher } from '../catalog/requests.ts';
import type { ProductStatus } from '../health/assess.ts';
import {
  admit,
  advanceEpisodes,
  EARLY_WARNING,
  episodeEndsAt,
  episodeOver,
  episodeRecord,
  evidenceOf,
  expireObservations,
  isEmpty,
  judge,
  nextChangeAt,
  NO_OBSERVATIONS,
  observeError,
  observeRedirect,
  observeResponse,
  observeStart,
  pagesSay,
  parseObservations,
  type Admission,
  type Episode,
  type EarlyWarningView,
  type HostEvidence,
  type Observations,
  type PageAdmission,
  type Verdict,
  type Warning,
} from '../health/early-warning.ts';
import { isTrouble } from '../model/levels.ts';
import { isRecord } from '../model/json.ts';
import { isCatalogId } from '../model/patterns.ts';
import type { HealthRecord } from '../health/record.ts';
import { assessProduct } from '../health/assess.ts';
import type { WorkerContext } from './context.ts';
import { readIncidents, writeEarlyWarning } from './db.ts';
import { serial } from './serial.ts';

/** The bundled catalog's AI request patterns: the listeners are registered at the worker's start, before any event. */
export const AI_REQUESTS = new RequestMatcher(CATALOG.products);

export const EARLY_WARNING_ALARM = 'early-warning';
const STATE_KEY = 'early-warning';

/** What storage.session holds: per product, how its watched requests ended; the open episodes; when to look again. */
interface State {
  products: Record<string, Observations>;
  episodes: Episode[];
  /** What the tabs were last painted with (verdicts and admissions), to repaint only on a change. */
  shown: string;
  alarmAt: number | null;
}

const EMPTY_STATE: State = { products: {}, episodes: [], shown: '', alarmAt: null };

/** One webRequest event of a watched request, reduced to what is kept: the product, the browser's request id, time and how it ended. */
export type RequestEvent =
  | { phase: 'start'; productId: string; request: string; at: number }
  | { phase: 'response'; productId: string; request: string; at: number; status: number }
  | { phase: 'redirect'; productId: string; request: string; at: number }
  | { phase: 'error'; productId: string; request: string; at: number; error: string };

export interface RequestDetails {
  url: string;
  method: string;
  requestId: string;
  timeStamp: number;
  statusCode?: number;
  error?: string;
}

/**
 * The event a webRequest listener saw, if the request is one of the catalog's AI requests; null otherwise.
 * Synchronous and storage-free, so a request the filter let through but no pattern matches costs next to nothing.
 */
export function aiRequestEvent(phase: RequestEvent['phase'], details: RequestDetails): RequestEvent | null {
  const productId = AI_REQUESTS.match(details.url, details.method);
  if (productId === null) return null;
  const common = { productId, request: String(details.requestId), at: Number.isFinite(details.timeStamp) ? details.timeStamp : Date.now() };
  if (phase === 'response') return typeof details.statusCode === 'number' ? { phase, ...common, status: details.statusCode } : null;
  if (phase === 'error') return { phase, ...common, error: String(details.error ?? '').slice(0, 100) };
  if (phase === 'redirect') return { phase, ...common };
  return { phase: 'start', ...common };
}

function parseEpisode(value: unknown): Episode[] {
  if (!isRecord(value) || !isCatalogId(value.productId) || typeof value.warnedAt !== 'number' || typeof value.lastFailureAt !== 'number') return [];
  const providerIds = (Array.isArray(value.providerIds) ? value.providerIds : []).filter(isCatalogId).slice(0, EARLY_WARNING.providersPerEpisode);
  return [{ productId: value.productId, providerIds, warnedAt: value.warnedAt, lastFailureAt: value.lastFailureAt, admitted: parseAdmission(value.admitted), recorded: value.recorded === true }];
}

function parseAdmission(value: unknown): Admission | null {
  if (!isRecord(value) || !isCatalogId(value.providerId) || typeof value.at !== 'number' || typeof value.leadMs !== 'number') return null;
  const text = (field: unknown, max: number) => (typeof field === 'string' ? field.slice(0, max) : null);
  return { providerId: value.providerId, at: value.at, leadMs: value.leadMs, incidentId: text(value.incidentId, 200), incidentTitle: text(value.incidentTitle, 300) };
}

function parseState(value: unknown): State {
  if (!isRecord(value)) return EMPTY_STATE;
  const products = isRecord(value.products)
    ? Object.fromEntries(
        Object.entries(value.products)
          .filter(([productId]) => isCatalogId(productId))
          .slice(0, EARLY_WARNING.products)
          .map(([productId, observations]) => [productId, parseObservations(observations)]),
      )
    : {};
  const episodes = (Array.isArray(value.episodes) ? value.episodes : []).flatMap(parseEpisode).slice(-EARLY_WARNING.episodes);
  return { products, episodes, shown: typeof value.shown === 'string' ? value.shown : '', alarmAt: typeof value.alarmAt === 'number' ? value.alarmAt : null };
}

async function readState(): Promise<State> {
  return parseState((await browser.storage.session.get(STATE_KEY))[STATE_KEY]);
}

/** Forgets every count and episode, and the alarm (the switch was turned off). */
async function forget(): Promise<void> {
  const stored = (await browser.storage.session.get(STATE_KEY))[STATE_KEY];
  if (stored === undefined) return;
  await browser.storage.session.remove(STATE_KEY);
  await browser.alarms.clear(EARLY_WARNING_ALARM);
}

/** The judged state of every watched product, and the open episodes. */
export interface Settled {
  verdicts: ReadonlyMap<string, Verdict>;
  episodes: readonly Episode[];
}

const NOTHING: Settled = { verdicts: new Map(), episodes: [] };

/**
 * The status pages that could admit a product's trouble, as a lead time can honestly be measured against them:
 * its monitored providers (not low confidence) whose page was read and fresh when Upstream warned. A page Upstream
 * could not read then may have said so already; no lead time is claimed against it.
 */
async function pagesOf(ctx: WorkerContext, records: ReadonlyMap<string, HealthRecord>, productId: string): Promise<string[]> {
  const product = ctx.index.product(productId);
  if (!product) return [];
  const status = assessProduct(ctx.index, product, records, ctx.now, await ctx.schedule());
  return [...new Set(status.dependencies.filter((dep) => dep.monitored && dep.confidence !== 'low' && dep.level !== 'unknown').map((dep) => dep.providerId))];
}

/** The status pages' own results as evidence about the connection: a page that answered, or could not be reached. */
function statusEvidence(records: ReadonlyMap<string, HealthRecord>): HostEvidence[] {
  return [...records.values()].flatMap((record) => {
    const at = Date.parse(record.lastAttemptAt ?? '');
    if (Number.isNaN(at)) return [];
    const kind = record.lastError?.kind;
    return [{ at, answered: kind !== 'network' && kind !== 'timeout' }];
  });
}

/** What the product's pages now admit, per provider the episode waits on: the earliest incident Upstream read, or the level. */
async function pageAdmissions(ctx: WorkerContext, episode: Episode, records: ReadonlyMap<string, HealthRecord>): Promise<PageAdmission[]> {
  const product = ctx.index.product(episode.productId);
  if (!product) return [];
  const status = assessProduct(ctx.index, product, records, ctx.now, await ctx.schedule());
  const found: PageAdmission[] = [];
  for (const dep of status.dependencies) {
    if (!dep.monitored || !episode.providerIds.includes(dep.providerId)) continue;
    const incidents = dep.incidents.filter((incident) => !incident.maintenance);
    const readAt = Date.parse(dep.checkedAt ?? '');
    if (incidents.length > 0) {
      const stored = await readIncidents(dep.providerId);
      const seen = incidents.map((incident) => {
        const firstSeen = Date.parse(stored.find((record) => record.incident.id === incident.id)?.firstSeenAt ?? '');
        return { incident, at: Number.isNaN(firstSeen) ? readAt : firstSeen };
      });
      const earliest = seen.filter((entry) => !Number.isNaN(entry.at)).sort((a, b) => a.at - b.at)[0];
      if (earliest) found.push({ providerId: dep.providerId, at: earliest.at, incidentId: earliest.incident.id, incidentTitle: earliest.incident.title });
    } else if (isTrouble(dep.confirmedLevel) && !Number.isNaN(readAt)) {
      found.push({ providerId: dep.providerId, at: readAt, incidentId: null, incidentTitle: null });
    }
  }
  return found;
}

/** What the tabs show of the early warning: the verdicts that warn and the admissions. */
function shownOf(verdicts: ReadonlyMap<string, Verdict>, episodes: readonly Episode[]): string {
  const warned = [...verdicts].filter(([, verdict]) => verdict.kind !== 'calm').sort(([a], [b]) => a.localeCompare(b));
  const admitted = episodes.filter((episode) => episode.admitted).map((episode) => [episode.productId, episode.admitted?.leadMs]);
  return warned.length === 0 && admitted.length === 0 ? '' : JSON.stringify([warned, admitted]);
}

/**
 * Brings the state up to `ctx.now`: timeouts decided, old counts dropped, every product judged, episodes opened,
 * admitted (and recorded in history) or ended; then stores it and sets the alarm for the next change by itself.
 * Returns the settled state and whether what the tabs show changed.
 */
async function settle(ctx: WorkerContext, state: State): Promise<{ settled: Settled; changed: boolean }> {
  const now = ctx.now.getTime();
  const products: Record<string, Observations> = {};
  for (const [productId, observations] of Object.entries(state.products)) {
    const current = expireObservations(observations, now);
    if (!isEmpty(current)) products[productId] = current;
  }
  const verdicts = new Map<string, Verdict>();
  const worthJudging = Object.entries(products).filter(([, observations]) => observations.outcomes.filter((outcome) => outcome.kind !== 'success').length >= EARLY_WARNING.minFailures);
  let records: ReadonlyMap<string, HealthRecord> | null = null;
  if (worthJudging.length > 0 || state.episodes.some((episode) => !episode.admitted)) records = await ctx.records();
  if (worthJudging.length > 0 && records) {
    const pages = statusEvidence(records);
    const online = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false;
    for (const [productId, observations] of worthJudging) {
      const others = Object.entries(products).flatMap(([other, seen]) => (other === productId ? [] : (evidenceOf(seen) ?? [])));
      verdicts.set(productId, judge(observations, now, { online, others: [...pages, ...others] }));
    }
  }
  const failing = new Map([...verdicts].filter((entry): entry is [string, Warning] => entry[1].kind !== 'calm'));
  const pagesByProduct = new Map<string, string[]>();
  for (const [productId, warning] of failing) {
    if (records && warning.kind === 'failing' && !state.episodes.some((episode) => episode.productId === productId)) pagesByProduct.set(productId, await pagesOf(ctx, records, productId));
  }
  let episodes = advanceEpisodes(state.episodes, failing, (productId) => pagesByProduct.get(productId) ?? [], now);
  if (records) {
    const known = records;
    episodes = await Promise.all(episodes.map(async (episode) => (episode.admitted ? episode : admit(episode, await pageAdmissions(ctx, episode, known)))));
  }
  const kept: Episode[] = [];
  for (const episode of episodes) {
    const over = episodeOver(episode, now);
    const record = episodeRecord(episode, over);
    if (record) await writeEarlyWarning(record);
    if (!over) kept.push(record ? { ...episode, recorded: true } : episode);
  }
  const times = [...Object.values(products).map(nextChangeAt), ...kept.map(episodeEndsAt)].filter((time): time is number => time !== null);
  const alarmAt = times.length > 0 ? Math.max(Math.min(...times), now + 1000) : null;
  const shown = shownOf(verdicts, kept);
  const next: State = { products, episodes: kept, shown, alarmAt };
  if (alarmAt !== state.alarmAt) {
    if (alarmAt === null) await browser.alarms.clear(EARLY_WARNING_ALARM);
    else await browser.alarms.create(EARLY_WARNING_ALARM, { when: alarmAt });
  }
  const emptyNow = Object.keys(products).length === 0 && kept.length === 0;
  const emptyBefore = Object.keys(state.products).length === 0 && state.episodes.length === 0;
  if (emptyNow) {
    if (!emptyBefore) await browser.storage.session.remove(STATE_KEY);
  } else if (JSON.stringify(next) !== JSON.stringify(state)) {
    await browser.storage.session.set({ [STATE_KEY]: next });
  }
  return { settled: { verdicts, episodes: kept }, changed: shown !== state.shown };
}

function applyEvent(observations: Observations, event: RequestEvent): Observations {
  switch (event.phase) {
    case 'start':
      return observeStart(observations, event.request, event.at);
    case 'response':
      return observeResponse(observations, event.request, event.status, event.at);
    case 'error':
      return observeError(observations, event.request, event.error, event.at);
    case 'redirect':
      return observeRedirect(observations, event.request);
  }
}

/**
 * Counts one event of a watched request (nothing with the switch off), then judges again. Returns whether what
 * the tabs show changed (the caller repaints them).
 */
export async function observeRequest(ctx: WorkerContext, event: RequestEvent): Promise<boolean> {
  if (!(await ctx.settings()).earlyWarning) return false;
  return serial.run(STATE_KEY, async () => {
    const state = await readState();
    const known = state.products[event.productId];
    if (!known && (event.phase !== 'start' || Object.keys(state.products).length >= EARLY_WARNING.products)) return false;
    const products = { ...state.products, [event.productId]: applyEvent(known ?? NO_OBSERVATIONS, event) };
    return (await settle(ctx, { ...state, products })).changed;
  });
}

/**
 * The early warning as of `ctx.now`, for a badge, a view or the alarm: settled and stored again (timeouts, expiry,
 * admissions); nothing with the switch off, when whatever was kept is forgotten.
 */
export async function earlyWarningNow(ctx: WorkerContext): Promise<Settled & { changed: boolean }> {
  if (!(await ctx.settings()).earlyWarning) {
    await serial.run(STATE_KEY, forget);
    return { ...NOTHING, changed: false };
  }
  return serial.run(STATE_KEY, async () => {
    const { settled, changed } = await settle(ctx, await readState());
    return { ...settled, changed };
  });
}

/** A product's early warning as a tab shows it, from the settled state and the product's status; null when quiet. */
export function warningView(index: CatalogIndex, settled: Settled, status: ProductStatus): EarlyWarningView | null {
  const verdict = settled.verdicts.get(status.productId);
  const warning = verdict && verdict.kind !== 'calm' ? verdict : null;
  const admitted = settled.episodes.find((episode) => episode.productId === status.productId)?.admitted ?? null;
  if (!warning && !admitted) return null;
  const monitored = status.dependencies.filter((dep) => dep.monitored && dep.confidence !== 'low');
  return {
    warning,
    pages: pagesSay(status),
    providers: [...new Set(monitored.map((dep) => dep.providerName))],
    admission: admitted ? { providerName: index.provider(admitted.providerId)?.name ?? admitted.providerId, leadMs: admitted.leadMs, incidentTitle: admitted.incidentTitle } : null,
  };
}
