/**
 * Which status changes of the user's stack become a system notification. Pure: the worker passes the stored
 * state, each provider's fresh situation and the user's settings, shows what comes back and stores the new state.
 *
 * An *episode* runs from a provider's first fresh reading in trouble (degraded, outage or maintenance) to its
 * next fresh `operational` reading. Within it the user hears once on entry, again on an escalation into a worse
 * category or on a new incident, and once on recovery: one notification per incident, never one per poll.
 *
 * Choices:
 * - An alert held back by a rate limit is not stored as "pending": the episode records only what the user was
 *   told, so the difference is asked for again on every poll and shown once the limit allows (deferred, not lost),
 *   or never if the trouble is over by then.
 * - A change of the latest update text alone produces nothing: notifications show the incident's title, never
 *   its updates (the popup does). A change of level that alerts nobody (partial → major outage, outage back to
 *   degraded, an escalation held by a rate limit) is sent as a `silent` update so a notification still on screen
 *   does not show a stale level.
 * - Recoveries are exempt from the per-provider limit (the all-clear after a short outage is the news) and count
 *   toward the hourly cap; once the cap is reached a recovery is sent `silent`, replacing the trouble notification
 *   on screen without alerting, rather than being lost.
 * - Unmuting a provider, enabling a level or enabling notifications during an episode tells the user about the
 *   ongoing trouble, as a first reading already in trouble does.
 */
import type { Translate } from '../model/i18n.ts';
import { clip, joinNames } from '../model/text.ts';
import { levelKey } from '../model/i18n.ts';
import { asArray, asObject } from '../model/json.ts';
import { type Incident } from '../model/health.ts';
import { HEALTH_LEVELS, levelRank, type HealthLevel } from '../model/levels.ts';

export interface NotificationSettings {
  enabled: boolean;
  /** Which transitions notify. Defaults: degraded true, outage true, maintenance false, recovery true. */
  levels: { degraded: boolean; outage: boolean; maintenance: boolean; recovery: boolean };
  /** Provider ids the user silenced. */
  mutedProviders: string[];
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  enabled: true,
  levels: { degraded: true, outage: true, maintenance: false, recovery: true },
  mutedProviders: [],
};

/** One provider as it affects the user's stack right now (built by the worker from fresh readings). */
export interface ProviderSituation {
  providerId: string;
  providerName: string;
  /** Worst level over the stack's medium/high-confidence dependencies on this provider; `unknown` = no fresh reading (no news: never a transition). */
  level: HealthLevel;
  /** Unresolved incidents relevant to those components (maintenance windows have `maintenance: true`). */
  incidents: Incident[];
  /** Names of the user's tools that depend on it, for the message. */
  productNames: string[];
}

/** What a level means here; `ok` ends an episode, the others start or continue one. */
export type NotifyCategory = 'maintenance' | 'degraded' | 'outage';
/** Categories rank as the impact of their mildest level (the one level policy: `impact`). */
const CATEGORY_RANK: Record<NotifyCategory, number> = {
  maintenance: levelRank('impact', 'maintenance'),
  degraded: levelRank('impact', 'degraded'),
  outage: levelRank('impact', 'partial_outage'),
};
const CATEGORIES = Object.keys(CATEGORY_RANK) as NotifyCategory[];

export interface NotifyEpisode {
  /** Epoch ms of the first reading in trouble; part of the notification id. */
  startedAt: number;
  /** Epoch ms of the latest fresh reading; an episode without one for a day is forgotten. */
  seenAt: number;
  /** Worst category the user was alerted of; null while nothing was shown (disabled, muted or deferred). */
  alerted: NotifyCategory | null;
  /** Level the notification on screen states (alerts and silent updates); null if none was shown. */
  displayed: HealthLevel | null;
  /** Incident ids present when the user was last alerted, oldest first, capped. */
  told: string[];
}

export interface ProviderNotifyState {
  episode: NotifyEpisode | null;
  /** Epoch ms of this provider's last trouble alert, kept for the per-provider limit even after recovery. */
  lastAlertAt: number | null;
}

/**
 * Stored between polls (storage.local), so a restarted worker neither repeats nor forgets. JSON, and bounded:
 * a provider is kept only during an episode or while its rate limit runs; `alerts` holds the last hour only.
 */
export interface NotifyState {
  version: 1;
  providers: Record<string, ProviderNotifyState>;
  /** Epoch ms of alerting notifications (any provider) within the last hour, for the global cap. */
  alerts: number[];
}

/** Frozen: planNotifications never modifies the state it is given. */
export const EMPTY_NOTIFY_STATE: NotifyState = Object.freeze({ version: 1 as const, providers: Object.freeze({}), alerts: Object.freeze<number[]>([]) as number[] });

export interface PlannedNotification {
  /** Stable per provider episode: creating again with the same id replaces the shown notification instead of adding one. Must encode the provider: use notificationProvider() to read it back. */
  id: string;
  providerId: string;
  kind: 'trouble' | 'recovery';
  level: HealthLevel;
  title: string;
  message: string;
  /** True when this only updates a notification already shown (e.g. a new latest update), and must not alert again. */
  silent: boolean;
}

const MINUTE = 60_000;
/** At most one alert per provider per window: a flapping provider does not ping on every flap. */
const PROVIDER_WINDOW_MINUTES = 15;
const GLOBAL_WINDOW_MINUTES = 60;
/** At most this many alerts per hour overall: a cloud-wide outage must not bury the user. */
export const GLOBAL_LIMIT = 6;
/** An episode with no fresh reading for this long (browser closed for days) is forgotten. */
const EPISODE_FORGET_MINUTES = 24 * 60;
const MAX_TOLD = 50;
const MAX_PROVIDERS = 500;
const MAX_ID_LENGTH = 200;
/** Notifications truncate; an incident title longer than this is cut. */
const INCIDENT_TITLE_MAX = 100;
const NAME_MAX = 40;

const ID_PREFIX = 'upstream-status:';
const ID_PATTERN = /^upstream-status:([^:]+):([0-9a-z]+)$/;

function notificationId(providerId: string, episode: NotifyEpisode): string {
  // encodeURIComponent turns ':' into %3A, so the provider part never contains the separator.
  return `${ID_PREFIX}${encodeURIComponent(providerId)}:${episode.startedAt.toString(36)}`;
}

/** The provider id encoded in a notification id, or null if the id is not ours. */
export function notificationProvider(id: string): string | null {
  const encoded = ID_PATTERN.exec(id)?.[1];
  if (encoded === undefined) return null;
  try {
    const providerId = decodeURIComponent(encoded);
    return providerId === '' ? null : providerId;
  } catch {
    return null;
  }
}

function categoryOf(level: HealthLevel): NotifyCategory | 'ok' | null {
  switch (level) {
    case 'operational':
      return 'ok';
    case 'maintenance':
      return 'maintenance';
    case 'degraded':
      return 'degraded';
    case 'partial_outage':
    case 'major_outage':
      return 'outage';
    default:
      return null;
  }
}

/** Per poll: the settings, the clock, and the global alert log that every provider's alert draws on. */
interface Context {
  settings: NotificationSettings;
  muted: ReadonlySet<string>;
  time: number;
  t: Translate;
  alerts: number[];
  /** Length of a minute for the windows: the schedule's minute, which end-to-end tests shrink. */
  minuteMs: number;
}

const audible = (ctx: Context, providerId: string) => ctx.settings.enabled && !ctx.muted.has(providerId);
const wants = (ctx: Context, providerId: string, category: NotifyCategory) => audible(ctx, providerId) && ctx.settings.levels[category] === true;
/** A maintenance window is news only to users who asked for maintenance notifications. */
const alertable = (ctx: Context, incident: Incident) => !incident.maintenance || ctx.settings.levels.maintenance === true;
const globalRoom = (ctx: Context) => ctx.alerts.length < GLOBAL_LIMIT;
const providerRoom = (ctx: Context, entry: ProviderNotifyState) => entry.lastAlertAt === null || ctx.time - entry.lastAlertAt >= PROVIDER_WINDOW_MINUTES * ctx.minuteMs;

// ---- Message text ----

/** "Notion AI", "Notion AI and Cursor", "Notion AI, Cursor and Copilot", "Notion AI, Cursor and 2 more". */
function productList(t: Translate, names: readonly string[]): string {
  const unique = [...new Set(names.map((name) => clip(name, NAME_MAX)).filter((name) => name !== ''))];
  if (unique.length <= 3) return joinNames(t, unique);
  return t('listAnd', unique.slice(0, 2).join(t('listSeparator')), t('notifyMore', String(unique.length - 2)));
}

/**
 * The incident a message names: one the user has not heard of first (it is why they hear again), then one of
 * the episode's kind (a maintenance window for maintenance, a real incident otherwise), then the worst impact.
 */
function headline(ctx: Context, situation: ProviderSituation, category: NotifyCategory, told: readonly string[]): Incident | null {
  const known = new Set(told);
  const score = (incident: Incident) =>
    (!known.has(incident.id) && alertable(ctx, incident) ? 100 : 0) +
    (incident.maintenance === (category === 'maintenance') ? 10 : 0) +
    levelRank('impact', incident.impact);
  return situation.incidents
    .filter((incident) => incident.title.trim() !== '')
    .reduce<Incident | null>((best, incident) => (best === null || score(incident) > score(best) ? incident : best), null);
}

const providerName = (situation: ProviderSituation) => clip(situation.providerName, NAME_MAX) || situation.providerId;

function troubleNotification(ctx: Context, situation: ProviderSituation, category: NotifyCategory, episode: NotifyEpisode, silent: boolean): PlannedNotification {
  const { t } = ctx;
  const products = productList(t, situation.productNames);
  const incident = headline(ctx, situation, category, episode.told);
  const incidentTitle = incident ? clip(incident.title, INCIDENT_TITLE_MAX) : '';
  const message =
    products && incidentTitle ? t('notifyTroubleMessage', products, incidentTitle) : products ? t('notifyAffects', products) : incidentTitle;
  return {
    id: notificationId(situation.providerId, episode),
    providerId: situation.providerId,
    kind: 'trouble',
    level: situation.level,
    title: t('notifyTroubleTitle', providerName(situation), t(levelKey(situation.level))),
    message,
    silent,
  };
}

function recoveryNotification(ctx: Context, situation: ProviderSituation, episode: NotifyEpisode, silent: boolean): PlannedNotification {
  const products = productList(ctx.t, situation.productNames);
  return {
    id: notificationId(situation.providerId, episode),
    providerId: situation.providerId,
    kind: 'recovery',
    level: 'operational',
    title: ctx.t('notifyRecoveryTitle', providerName(situation)),
    message: products ? ctx.t('notifyRecoveryMessage', products) : '',
    silent,
  };
}

// ---- Transitions ----

interface Step {
  entry: ProviderNotifyState;
  notification: PlannedNotification | null;
}

/** Whether the user has something to hear now: the episode's start, an escalation, or a new incident. */
function alertDue(ctx: Context, situation: ProviderSituation, category: NotifyCategory, episode: NotifyEpisode): boolean {
  if (!wants(ctx, situation.providerId, category)) return false;
  if (episode.alerted === null || CATEGORY_RANK[category] > CATEGORY_RANK[episode.alerted]) return true;
  const told = new Set(episode.told);
  return situation.incidents.some((incident) => !told.has(incident.id) && alertable(ctx, incident));
}

function worse(a: NotifyCategory | null, b: NotifyCategory): NotifyCategory {
  return a !== null && CATEGORY_RANK[a] >= CATEGORY_RANK[b] ? a : b;
}

function troubleStep(ctx: Context, situation: ProviderSituation, category: NotifyCategory, before: ProviderNotifyState): Step {
  const episode: NotifyEpisode = before.episode
    ? { ...before.episode, seenAt: ctx.time }
    : { startedAt: ctx.time, seenAt: ctx.time, alerted: null, displayed: null, told: [] };

  // The per-provider limit stops flapping and a burst of incidents; a real escalation (degraded → outage) gets through.
  const escalation = episode.alerted !== null && CATEGORY_RANK[category] > CATEGORY_RANK[episode.alerted];
  if (alertDue(ctx, situation, category, episode) && (escalation || providerRoom(ctx, before)) && globalRoom(ctx)) {
    ctx.alerts.push(ctx.time);
    const notification = troubleNotification(ctx, situation, category, episode, false);
    const told = [...new Set([...episode.told, ...situation.incidents.map((incident) => incident.id)])].slice(-MAX_TOLD);
    const next = { ...episode, alerted: worse(episode.alerted, category), displayed: situation.level, told };
    return { entry: { episode: next, lastAlertAt: ctx.time }, notification };
  }
  // Nothing to alert, or held by a rate limit (asked again next poll): keep a notification on screen truthful.
  if (episode.displayed !== null && episode.displayed !== situation.level && audible(ctx, situation.providerId)) {
    const notification = troubleNotification(ctx, situation, category, episode, true);
    return { entry: { ...before, episode: { ...episode, displayed: situation.level } }, notification };
  }
  return { entry: { ...before, episode }, notification: null };
}

/** Recovery is news only after a trouble notification the user actually saw (maintenance ones if they asked). */
function recoveryWanted(ctx: Context, providerId: string, alerted: NotifyCategory | null): boolean {
  if (alerted === null || !audible(ctx, providerId) || !ctx.settings.levels.recovery) return false;
  return alerted !== 'maintenance' || ctx.settings.levels.maintenance;
}

function recoveryStep(ctx: Context, situation: ProviderSituation, before: ProviderNotifyState): Step {
  const entry = { episode: null, lastAlertAt: before.lastAlertAt };
  const episode = before.episode;
  if (!episode || !recoveryWanted(ctx, situation.providerId, episode.alerted)) return { entry, notification: null };
  const silent = !globalRoom(ctx);
  if (!silent) ctx.alerts.push(ctx.time);
  return { entry, notification: recoveryNotification(ctx, situation, episode, silent) };
}

// ---- Bounds ----

/** Drops what no longer matters: expired limits, episodes without news for a day, providers with neither. */
function prune(entry: ProviderNotifyState, time: number, minuteMs: number): ProviderNotifyState | null {
  // A timestamp in the future (the clock was set back) counts as now, so a limit never lasts longer than its window.
  const lastAlertAt = entry.lastAlertAt === null ? null : Math.min(entry.lastAlertAt, time);
  const live = lastAlertAt !== null && time - lastAlertAt < PROVIDER_WINDOW_MINUTES * minuteMs ? lastAlertAt : null;
  const seenAt = entry.episode ? Math.min(entry.episode.seenAt, time) : 0;
  const episode = entry.episode && time - seenAt < EPISODE_FORGET_MINUTES * minuteMs ? { ...entry.episode, seenAt } : null;
  return episode || live !== null ? { episode, lastAlertAt: live } : null;
}

function pruneAll(providers: Iterable<[string, ProviderNotifyState]>, time: number, minuteMs: number): Map<string, ProviderNotifyState> {
  const kept = new Map<string, ProviderNotifyState>();
  for (const [id, entry] of providers) {
    const next = prune(entry, time, minuteMs);
    if (next) kept.set(id, next);
  }
  return kept;
}

/** By impact, worst first, so that when the hourly cap leaves room for one alert, an outage wins over a recovery. */
function alertPriority(situation: ProviderSituation): number {
  const category = categoryOf(situation.level);
  return category === null ? -1 : category === 'ok' ? 0 : CATEGORY_RANK[category];
}

/** One situation per provider (the first, should the caller send two), so one poll is one step per provider. */
function firstPerProvider(situations: readonly ProviderSituation[]): ProviderSituation[] {
  const byId = new Map<string, ProviderSituation>();
  for (const situation of situations) if (!byId.has(situation.providerId)) byId.set(situation.providerId, situation);
  return [...byId.values()];
}

/**
 * One poll's step: what to show now, and the state to store for the next poll. Troubles are planned before
 * recoveries and outages before degradations, so the hourly cap spends its last slots on the worst news.
 */
export function planNotifications(
  state: NotifyState,
  situations: readonly ProviderSituation[],
  settings: NotificationSettings,
  now: Date,
  t: Translate,
  minuteMs = MINUTE,
): { state: NotifyState; notifications: PlannedNotification[] } {
  const time = now.getTime();
  if (!Number.isFinite(time)) return { state, notifications: [] };
  const ctx: Context = {
    settings,
    muted: new Set(settings.mutedProviders),
    time,
    t,
    alerts: state.alerts.map((at) => Math.min(at, time)).filter((at) => time - at < GLOBAL_WINDOW_MINUTES * minuteMs),
    minuteMs,
  };
  // Object.entries reads own properties only, so ids like `constructor` or `__proto__` are plain keys here.
  const providers = pruneAll(Object.entries(state.providers), time, minuteMs);
  const notifications: PlannedNotification[] = [];

  for (const situation of firstPerProvider(situations).sort((a, b) => alertPriority(b) - alertPriority(a))) {
    const category = categoryOf(situation.level);
    // Unknown is no news: a stale reading neither starts, continues nor ends an episode.
    if (category === null) continue;
    const before = providers.get(situation.providerId) ?? { episode: null, lastAlertAt: null };
    const step = category === 'ok' ? recoveryStep(ctx, situation, before) : troubleStep(ctx, situation, category, before);
    providers.set(situation.providerId, step.entry);
    if (step.notification) notifications.push(step.notification);
  }
  return {
    state: { version: 1, providers: Object.fromEntries(pruneAll(providers, time, minuteMs)), alerts: ctx.alerts.slice(-GLOBAL_LIMIT) },
    notifications,
  };
}

// ---- Stored state ----

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
/** A stored time, or null; `+ 0` turns -0 (which JSON does not keep) into 0, so a state survives a save unchanged. */
const timeOf = (value: unknown): number | null => (isTime(value) ? value + 0 : null);

function parseEpisode(raw: unknown): NotifyEpisode | null {
  const object = asObject(raw);
  const startedAt = timeOf(object?.startedAt);
  if (!object || startedAt === null) return null;
  // An unreadable record of what was told reads as "nothing told": hearing twice beats never hearing.
  const alerted = CATEGORIES.find((category) => category === object.alerted) ?? null;
  const displayed = HEALTH_LEVELS.find((level) => level === object.displayed) ?? null;
  const told = asArray(object.told).filter((id): id is string => typeof id === 'string' && id.length <= MAX_ID_LENGTH);
  return {
    startedAt,
    seenAt: timeOf(object.seenAt) ?? startedAt,
    alerted,
    displayed: alerted === null ? null : displayed,
    told: [...new Set(told)].slice(-MAX_TOLD),
  };
}

function parseEntry(raw: unknown): ProviderNotifyState | null {
  const object = asObject(raw);
  if (!object) return null;
  const episode = parseEpisode(object.episode);
  const lastAlertAt = timeOf(object.lastAlertAt);
  return episode || lastAlertAt !== null ? { episode, lastAlertAt } : null;
}

/** Untrusted stored data (an older version, a hand edit, a partial write) → a valid state; never throws. */
export function parseNotifyState(raw: unknown): NotifyState {
  const object = asObject(raw);
  if (!object || object.version !== 1) return { version: 1, providers: {}, alerts: [] };
  const providers: [string, ProviderNotifyState][] = [];
  for (const [id, value] of Object.entries(asObject(object.providers) ?? {})) {
    if (providers.length >= MAX_PROVIDERS) break;
    const entry = id !== '' && id.length <= MAX_ID_LENGTH ? parseEntry(value) : null;
    if (entry) providers.push([id, entry]);
  }
  const alerts = asArray(object.alerts).flatMap((at) => timeOf(at) ?? []).sort((a, b) => a - b).slice(-GLOBAL_LIMIT);
  return { version: 1, providers: Object.fromEntries(providers), alerts };
}
