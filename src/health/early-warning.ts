/**
 * Early warning from the user's own browser: how the requests of a product's AI feature ended over the last few
 * minutes, whether that says the product is failing (or the connection is), and how much earlier than the
 * status page Upstream knew. Pure: the worker feeds it what webRequest reported and stores what it returns.
 *
 * The thresholds, from first principles (docs/ARCHITECTURE.md, "Early warning"):
 * - One person's chat sends a request every half minute to a few minutes, and retries a failed one within
 *   seconds to a minute. Five minutes (`windowMs`) holds several attempts and is still "now".
 * - Requests fail now and then on their own. If one in a hundred does, a heavy user (five requests a window, a
 *   hundred windows a day) sees two independent failures in one window about every ten days, three about once
 *   in three years (`minFailures`).
 * - Failures that come together within seconds share one cause (a blip fails everything in flight), so the
 *   failures counted must span `minSpanMs`; and a recent success means the product answers again: the
 *   newest outcome must be a failure, and successes must be few (`failuresPerSuccess`).
 * - HTTP 429 is as often the user's own plan limit as the provider's overload: 429s alone never warn.
 * - 401, 403, 404, 422 and other 4xx are answers about the request (signed out, a bot check, bad input): not
 *   counted. A user's "stop" (the browser's abort) is not a failure.
 * - No response after `timeoutMs` (a minute: chat endpoints answer their headers in seconds and stream the
 *   rest; a proxy gives up with a 5xx after about 100 s) is a timeout.
 */
import type { ProductStatus } from './assess.ts';
import { isTrouble } from '../model/levels.ts';
import { isRecord } from '../model/json.ts';
import { EARLY_WARNING } from './early-warning-policy.ts';

export { EARLY_WARNING } from './early-warning-policy.ts';

export const FAILURE_KINDS = ['server-error', 'overloaded', 'rate-limited', 'network', 'timeout'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
export type OutcomeKind = FailureKind | 'success';

/** How one watched request ended; `at` is when that was known (browser clock, epoch ms). */
export interface Outcome {
  at: number;
  kind: OutcomeKind;
  /** The HTTP status, for answers. */
  status?: number;
  /** A network error that says the browser itself could not get out (offline, no DNS, proxy down). */
  local?: boolean;
  /** The browser's id of the request (to fold a late answer into its timeout). */
  request?: string;
}

/** A request seen starting and not yet answered. */
export interface Pending {
  request: string;
  at: number;
}

/** What the worker keeps per product: counts only (no URL, no tab, no body). */
export interface Observations {
  outcomes: Outcome[];
  pending: Pending[];
}

export const NO_OBSERVATIONS: Observations = Object.freeze({ outcomes: Object.freeze([]) as unknown as Outcome[], pending: Object.freeze([]) as unknown as Pending[] });

const isFailure = (outcome: Outcome): boolean => outcome.kind !== 'success';
const noAnswer = (kind: OutcomeKind): boolean => kind === 'network' || kind === 'timeout';

/** What an HTTP status says about the product, or null when it says nothing (4xx other than 429, nonsense). */
export function responseOutcome(status: number): OutcomeKind | null {
  if (!Number.isInteger(status)) return null;
  if (status === 529) return 'overloaded';
  if (status === 429) return 'rate-limited';
  if (status >= 500 && status <= 599) return 'server-error';
  if (status >= 100 && status <= 399) return 'success';
  return null;
}

/** Cancelled by the page or the user, blocked by another extension or policy: not the product's failure. */
const NOT_A_FAILURE = new Set([
  'net::ERR_ABORTED',
  'net::ERR_BLOCKED_BY_CLIENT',
  'net::ERR_BLOCKED_BY_ADMINISTRATOR',
  'net::ERR_BLOCKED_BY_RESPONSE',
  'net::ERR_BLOCKED_BY_ORB',
  'net::ERR_CACHE_MISS',
  'NS_BINDING_ABORTED',
  'NS_ERROR_ABORT',
]);
/** Errors that happen before a request leaves the machine or its network. */
const LOCAL_ERRORS = new Set([
  'net::ERR_INTERNET_DISCONNECTED',
  'net::ERR_NETWORK_CHANGED',
  'net::ERR_NAME_NOT_RESOLVED',
  'net::ERR_NAME_RESOLUTION_FAILED',
  'net::ERR_ADDRESS_UNREACHABLE',
  'net::ERR_PROXY_CONNECTION_FAILED',
  'net::ERR_NETWORK_ACCESS_DENIED',
  'NS_ERROR_OFFLINE',
  'NS_ERROR_UNKNOWN_HOST',
  'NS_ERROR_PROXY_CONNECTION_REFUSED',
]);

/** What a webRequest error says: null when it is not a failure; otherwise a network failure, local or not. */
export function errorOutcome(error: string): { local: boolean } | null {
  if (NOT_A_FAILURE.has(error)) return null;
  return { local: LOCAL_ERRORS.has(error) };
}

const requestId = (request: string) => request.slice(0, EARLY_WARNING.requestIdLength);

/** A watched request started (an id seen before is a new request now: what was counted under it stays as it is). */
export function observeStart(observations: Observations, request: string, at: number): Observations {
  const id = requestId(request);
  const pending = [...observations.pending.filter((entry) => entry.request !== id), { request: id, at }];
  const outcomes = observations.outcomes.some((outcome) => outcome.request === id)
    ? observations.outcomes.map((outcome) => (outcome.request === id ? (({ request: _request, ...rest }) => rest)(outcome) : outcome))
    : observations.outcomes;
  return { outcomes, pending: pending.slice(-EARLY_WARNING.pendingPerProduct) };
}

/**
 * A request ended: an answer with a status, or an error. Only a request seen starting counts (a late answer
 * replaces the timeout it was counted as); an answer for anything else is not ours to count.
 */
function observeEnd(observations: Observations, request: string, outcome: Omit<Outcome, 'request'> | null): Observations {
  const id = requestId(request);
  if (observations.pending.some((entry) => entry.request === id)) {
    const pending = observations.pending.filter((entry) => entry.request !== id);
    return { pending, outcomes: outcome ? withOutcome(observations.outcomes, { ...outcome, request: id }) : observations.outcomes };
  }
  const timedOut = observations.outcomes.findIndex((entry) => entry.request === id && entry.kind === 'timeout');
  if (timedOut === -1) return observations;
  const outcomes = observations.outcomes.filter((_, i) => i !== timedOut);
  return { pending: observations.pending, outcomes: outcome ? withOutcome(outcomes, { ...outcome, request: id }) : outcomes };
}

export function observeResponse(observations: Observations, request: string, status: number, at: number): Observations {
  const kind = responseOutcome(status);
  return observeEnd(observations, request, kind === null ? null : { at, kind, status });
}

/** A redirect answers where the request goes, not whether the product works: not counted (its next hop may be). */
export function observeRedirect(observations: Observations, request: string): Observations {
  return observeEnd(observations, request, null);
}

export function observeError(observations: Observations, request: string, error: string, at: number): Observations {
  const classified = errorOutcome(error);
  return observeEnd(observations, request, classified === null ? null : { at, kind: 'network', ...(classified.local ? { local: true } : {}) });
}

function withOutcome(outcomes: readonly Outcome[], outcome: Outcome): Outcome[] {
  return [...outcomes, outcome].sort((a, b) => a.at - b.at).slice(-EARLY_WARNING.outcomesPerProduct);
}

/**
 * Observations as of `now`: requests unanswered for `timeoutMs` become timeouts, and outcomes older than the
 * window are forgotten (counts expire).
 */
export function expireObservations(observations: Observations, now: number): Observations {
  const { timeoutMs, windowMs } = EARLY_WARNING;
  let outcomes = observations.outcomes;
  const pending: Pending[] = [];
  for (const entry of observations.pending) {
    if (now - entry.at >= timeoutMs) outcomes = withOutcome(outcomes, { at: entry.at + timeoutMs, kind: 'timeout', request: entry.request });
    else pending.push(entry);
  }
  // A pending request that started before the window cannot make a timeout in it any more (the clock was moved).
  return { outcomes: outcomes.filter((outcome) => outcome.at > now - windowMs), pending: pending.filter((entry) => entry.at > now - windowMs) };
}

/** When these observations next change by themselves (a timeout, an outcome leaving the window), or null. */
export function nextChangeAt(observations: Observations): number | null {
  const times = [
    ...observations.pending.map((entry) => entry.at + EARLY_WARNING.timeoutMs),
    ...observations.outcomes.map((outcome) => outcome.at + EARLY_WARNING.windowMs),
  ];
  return times.length === 0 ? null : Math.min(...times);
}

export const isEmpty = (observations: Observations): boolean => observations.outcomes.length === 0 && observations.pending.length === 0;

/** The latest thing known of another host: a status page read, another product's request. */
export interface HostEvidence {
  at: number;
  /** True when it answered (any HTTP status); false when it could not be reached or gave no answer. */
  answered: boolean;
}

export interface ConnectionEvidence {
  /** The browser's own idea (`navigator.onLine`): false means offline for sure; true means little. */
  online: boolean;
  /** The latest result of each other host Upstream talks to or watches. */
  others: readonly HostEvidence[];
}

/** Failures of one kind (and, for server errors, one status): what the popup lists. */
export interface FailureCount {
  kind: FailureKind;
  status: number | null;
  count: number;
}

export type Verdict =
  | { kind: 'calm' }
  | {
      /** `failing`: the product's requests are failing; `connection`: the browser's connection is, most likely. */
      kind: 'failing' | 'connection';
      /** Why it is the connection: the browser says it is offline, the error said so, or other hosts fail too. */
      because: 'offline' | 'local-error' | 'other-hosts' | null;
      failed: number;
      total: number;
      /** The window's first and last outcome (epoch ms): "in 2 min". */
      firstAt: number;
      lastAt: number;
      lastFailureAt: number;
      failures: FailureCount[];
    };

export type Warning = Exclude<Verdict, { kind: 'calm' }>;

const CALM: Verdict = Object.freeze({ kind: 'calm' });

function countFailures(failures: readonly Outcome[]): FailureCount[] {
  const counts = new Map<string, FailureCount>();
  for (const failure of failures) {
    if (failure.kind === 'success') continue;
    const status = failure.kind === 'server-error' ? (failure.status ?? null) : null;
    const key = `${failure.kind}:${status ?? ''}`;
    const entry = counts.get(key) ?? { kind: failure.kind, status, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || FAILURE_KINDS.indexOf(a.kind) - FAILURE_KINDS.indexOf(b.kind) || (a.status ?? 0) - (b.status ?? 0)).slice(0, 6);
}

/**
 * Whether a product's requests are failing, from what they did in the window (`now` minus `windowMs`), and
 * whether the connection is the likelier cause. The rule (see the module's comment for why):
 * at least `minFailures` failures, at least `failuresPerSuccess` times the successes, spanning `minSpanMs`,
 * the newest outcome a failure, and not only 429s. It is the connection when the browser is offline, or when
 * every failure since the product last answered got no answer and either the error said the browser could not
 * get out or other hosts failed too while none answered.
 */
export function judge(observations: Observations, now: number, evidence: ConnectionEvidence): Verdict {
  const { windowMs, minFailures, failuresPerSuccess, minSpanMs, evidenceLeadMs } = EARLY_WARNING;
  const outcomes = observations.outcomes.filter((outcome) => outcome.at > now - windowMs && Number.isFinite(outcome.at)).sort((a, b) => a.at - b.at);
  const failures = outcomes.filter(isFailure);
  const successes = outcomes.length - failures.length;
  const newest = outcomes.at(-1);
  const first = failures[0];
  const last = failures.at(-1);
  if (!newest || !first || !last || !isFailure(newest)) return CALM;
  if (failures.length < minFailures || failures.length < failuresPerSuccess * successes) return CALM;
  if (last.at - first.at < minSpanMs) return CALM;
  if (failures.every((failure) => failure.kind === 'rate-limited')) return CALM;

  const common = { failed: failures.length, total: outcomes.length, firstAt: outcomes[0]?.at ?? newest.at, lastAt: newest.at, lastFailureAt: last.at, failures: countFailures(failures) };
  if (!evidence.online) return { kind: 'connection', because: 'offline', ...common };
  // The failures since the product last answered at all (with any status).
  const lastAnswer = outcomes.findLastIndex((outcome) => !noAnswer(outcome.kind));
  const unanswered = outcomes.slice(lastAnswer + 1);
  const since = unanswered[0]?.at;
  if (since !== undefined) {
    if (unanswered.some((outcome) => outcome.local === true)) return { kind: 'connection', because: 'local-error', ...common };
    const answeredSince = evidence.others.some((other) => other.answered && other.at >= since);
    const failedToo = evidence.others.some((other) => !other.answered && other.at >= since - evidenceLeadMs);
    if (failedToo && !answeredSince) return { kind: 'connection', because: 'other-hosts', ...common };
  }
  return { kind: 'failing', because: null, ...common };
}

/** The latest outcome of a product's requests as evidence for another product's verdict; null without any. */
export function evidenceOf(observations: Observations): HostEvidence | null {
  const latest = observations.outcomes.reduce<Outcome | null>((newest, outcome) => (newest === null || outcome.at >= newest.at ? outcome : newest), null);
  return latest ? { at: latest.at, answered: !noAnswer(latest.kind) } : null;
}

/** How the status page admitted what the user's requests showed. */
export interface Admission {
  providerId: string;
  /** When Upstream first read the admission on the page (epoch ms). */
  at: number;
  incidentId: string | null;
  /** The provider's words; untrusted text. */
  incidentTitle: string | null;
  /** `at` minus the warning: how much earlier Upstream knew (negative: the page said so first). */
  leadMs: number;
}

/** One stretch of a product's failing requests, from the warning until a status page admits it or time runs out. */
export interface Episode {
  productId: string;
  /** The product's monitored providers when Upstream warned: the pages expected to admit it. */
  providerIds: string[];
  warnedAt: number;
  lastFailureAt: number;
  admitted: Admission | null;
  /** Whether its record was written to history. */
  recorded: boolean;
}

/** What a provider's status page now shows against a product (the worker reads it from the readings). */
export interface PageAdmission {
  providerId: string;
  at: number;
  incidentId: string | null;
  incidentTitle: string | null;
}

/**
 * Episodes after a judgement: a product newly failing opens one (when it has a page to compare with), one still
 * failing moves its last failure on. At most `episodes`, the newest kept.
 */
export function advanceEpisodes(
  episodes: readonly Episode[],
  failing: ReadonlyMap<string, Warning>,
  providersOf: (productId: string) => string[],
  now: number,
): Episode[] {
  const next = episodes.map((episode) => {
    const warning = failing.get(episode.productId);
    return warning && warning.kind === 'failing' ? { ...episode, lastFailureAt: Math.max(episode.lastFailureAt, warning.lastFailureAt) } : episode;
  });
  for (const [productId, warning] of failing) {
    if (warning.kind !== 'failing' || next.some((episode) => episode.productId === productId)) continue;
    const providerIds = [...new Set(providersOf(productId))].slice(0, EARLY_WARNING.providersPerEpisode);
    if (providerIds.length === 0) continue;
    next.push({ productId, providerIds, warnedAt: now, lastFailureAt: warning.lastFailureAt, admitted: null, recorded: false });
  }
  return next.sort((a, b) => a.warnedAt - b.warnedAt).slice(-EARLY_WARNING.episodes);
}

/** An episode once a page shows the trouble: the earliest admission among its providers' pages. */
export function admit(episode: Episode, shown: readonly PageAdmission[]): Episode {
  if (episode.admitted) return episode;
  const candidates = shown.filter((page) => episode.providerIds.includes(page.providerId) && Number.isFinite(page.at)).sort((a, b) => a.at - b.at);
  const earliest = candidates[0];
  if (!earliest) return episode;
  return { ...episode, admitted: { ...earliest, leadMs: earliest.at - episode.warnedAt } };
}

/** Whether an episode is over: admitted or not, nothing happened for `admitWithinMs`. */
export function episodeOver(episode: Episode, now: number): boolean {
  const since = Math.max(episode.lastFailureAt, episode.admitted?.at ?? -Infinity, episode.warnedAt);
  return now - since > EARLY_WARNING.admitWithinMs;
}

/** When an episode ends by itself. */
export const episodeEndsAt = (episode: Episode): number => Math.max(episode.lastFailureAt, episode.admitted?.at ?? -Infinity, episode.warnedAt) + EARLY_WARNING.admitWithinMs;

/** A status page's record in history: how much earlier Upstream knew, or that the page never said. */
export interface EarlyWarningRecord {
  providerId: string;
  productId: string;
  /** ISO times. */
  warnedAt: string;
  lastFailureAt: string;
  admittedAt: string | null;
  incidentId: string | null;
  incidentTitle: string | null;
  leadMs: number | null;
}

/**
 * The history record an episode leaves, if any: once admitted (at once), or when it ended unadmitted and only
 * one provider's page could have admitted it (with several, none of them can be said to have kept quiet).
 */
export function episodeRecord(episode: Episode, over: boolean): EarlyWarningRecord | null {
  if (episode.recorded) return null;
  const common = { productId: episode.productId, warnedAt: new Date(episode.warnedAt).toISOString(), lastFailureAt: new Date(episode.lastFailureAt).toISOString() };
  if (episode.admitted) {
    const { providerId, at, incidentId, incidentTitle, leadMs } = episode.admitted;
    return { ...common, providerId, admittedAt: new Date(at).toISOString(), incidentId, incidentTitle, leadMs };
  }
  const only = episode.providerIds.length === 1 ? episode.providerIds[0] : undefined;
  if (!over || only === undefined) return null;
  return { ...common, providerId: only, admittedAt: null, incidentId: null, incidentTitle: null, leadMs: null };
}

/** A status page's honesty over some records: how often it admitted what the user's requests showed, how late. */
export interface Honesty {
  /** Episodes on record. */
  episodes: number;
  /** Admitted after Upstream warned, and the median lead time of those. */
  admittedLater: number;
  medianLeadMs: number | null;
  /** Admitted at or before the warning. */
  admittedFirst: number;
  /** Never admitted within `admitWithinMs` of the last failure. */
  notAdmitted: number;
}

export function honesty(records: readonly EarlyWarningRecord[]): Honesty {
  const leads = records.flatMap((record) => (record.leadMs !== null && record.leadMs > 0 ? [record.leadMs] : [])).sort((a, b) => a - b);
  const middle = Math.floor(leads.length / 2);
  const upper = leads[middle];
  const lower = leads.length % 2 === 1 ? upper : leads[middle - 1];
  const median = upper === undefined || lower === undefined ? null : (lower + upper) / 2;
  return {
    episodes: records.length,
    admittedLater: leads.length,
    medianLeadMs: median,
    admittedFirst: records.filter((record) => record.leadMs !== null && record.leadMs <= 0).length,
    notAdmitted: records.filter((record) => record.admittedAt === null).length,
  };
}

/** What the product's status pages say while its requests fail. */
export type PagesSay = 'calm' | 'maintenance' | 'trouble' | 'unread' | 'unknown' | 'none';

/** What a product's monitored status pages (medium or high confidence) say now, for the early warning's words. */
export function pagesSay(status: ProductStatus): PagesSay {
  const monitored = status.dependencies.filter((dep) => dep.monitored && dep.confidence !== 'low');
  if (monitored.length === 0) return 'none';
  if (monitored.some((dep) => isTrouble(dep.level))) return 'trouble';
  const unknown = monitored.filter((dep) => dep.level === 'unknown');
  if (unknown.length > 0) return unknown.every((dep) => dep.freshness === 'never-read') ? 'unread' : 'unknown';
  if (monitored.some((dep) => dep.level === 'maintenance')) return 'maintenance';
  return 'calm';
}

/** A product's early warning as a tab shows it. */
export interface EarlyWarningView {
  warning: Warning | null;
  pages: PagesSay;
  /** The product's monitored providers, by name. */
  providers: string[];
  admission: { providerName: string; leadMs: number; incidentTitle: string | null } | null;
}

export { admissionLine, durationText, failuresText, warningLine } from './early-warning-words.ts';

/** Stored observations read back defensively: storage is the worker's own, but a bound is a bound. */
export function parseObservations(value: unknown): Observations {
  if (!isRecord(value)) return NO_OBSERVATIONS;
  const outcomes = (Array.isArray(value.outcomes) ? value.outcomes : []).flatMap((raw: unknown): Outcome[] => {
    if (!isRecord(raw) || typeof raw.at !== 'number' || !Number.isFinite(raw.at)) return [];
    const kind = raw.kind;
    if (kind !== 'success' && !(FAILURE_KINDS as readonly unknown[]).includes(kind)) return [];
    const outcome: Outcome = { at: raw.at, kind: kind as OutcomeKind };
    if (typeof raw.status === 'number' && Number.isInteger(raw.status)) outcome.status = raw.status;
    if (raw.local === true) outcome.local = true;
    if (typeof raw.request === 'string') outcome.request = requestId(raw.request);
    return [outcome];
  });
  const pending = (Array.isArray(value.pending) ? value.pending : []).flatMap((raw: unknown): Pending[] =>
    isRecord(raw) && typeof raw.request === 'string' && typeof raw.at === 'number' && Number.isFinite(raw.at) ? [{ request: requestId(raw.request), at: raw.at }] : [],
  );
  return {
    outcomes: outcomes.sort((a, b) => a.at - b.at).slice(-EARLY_WARNING.outcomesPerProduct),
    pending: pending.slice(-EARLY_WARNING.pendingPerProduct),
  };
}
