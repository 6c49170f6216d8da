/**
 * What the worker does for each browser event. `index.ts` only registers these, synchronously at top level; the
 * routing (which alarm, which stored change, which request) lives here, where it can be tested.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { SETTINGS_KEY } from '../protocol/settings.ts';
import { ensureAlarms, NEXT_POLL_ALARM, PRUNE_ALARM, PRUNE_RESUME_ALARM, WATCHDOG_ALARM } from './alarms.ts';
import { eventContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { checkForData, DATA_CHECK_ALARM, ensureDataCheckAlarm } from './data-updates.ts';
import { aiRequestEvent, EARLY_WARNING_ALARM, type RequestDetails, type RequestEvent } from './early-warning.ts';
import { applySettings, pruneToRetention } from './maintenance.ts';
import { onTabLoaded, onTabNavigated, showOpenTabs } from './navigation.ts';
import { openFromNotification } from './notifier.ts';
import { onAiRequest, onDocumentRequest, onEarlyWarningAlarm, onFrameRequest, onWatchedRequest } from './requests.ts';
import { originOf, route } from './router.ts';
import { isScheduleChange } from './settings.ts';
import { restrictStorageToExtension } from './storage-access.ts';
import { forgetTab } from './tab-store.ts';

export type AlarmTask = 'poll' | 'prune' | 'check-data' | 'early-warning';

/** Which of the worker's jobs an alarm wakes; null for an alarm this version does not know. */
export function alarmTask(name: string): AlarmTask | null {
  switch (name) {
    case NEXT_POLL_ALARM:
    case WATCHDOG_ALARM:
      return 'poll';
    case PRUNE_ALARM:
    case PRUNE_RESUME_ALARM:
      return 'prune';
    case DATA_CHECK_ALARM:
      return 'check-data';
    case EARLY_WARNING_ALARM:
      return 'early-warning';
    default:
      return null;
  }
}

export function onAlarm(alarm: { name: string }): void {
  switch (alarmTask(alarm.name)) {
    case 'poll':
      void eventContext().then((ctx) => pollAndPaint(ctx));
      break;
    case 'prune':
      void eventContext().then(pruneToRetention);
      break;
    case 'check-data':
      void checkForData();
      break;
    case 'early-warning':
      void eventContext().then(onEarlyWarningAlarm);
      break;
    case null:
      break;
  }
}

export type StorageTask = 'apply-settings' | 'reschedule';

/** What a change in storage asks of the worker: the user's settings, or (tests) the schedule's pace. */
export function storageTask(changes: Record<string, unknown>, area: string): StorageTask | null {
  if (area !== 'local') return null;
  if (SETTINGS_KEY in changes) return 'apply-settings';
  return isScheduleChange(changes) ? 'reschedule' : null;
}

export function onStorageChanged(changes: Record<string, unknown>, area: string): void {
  const task = storageTask(changes, area);
  if (task === 'apply-settings') void eventContext().then(applySettings);
  if (task === 'reschedule') void eventContext().then(rearmAndPoll);
}

async function rearmAndPoll(ctx: Awaited<ReturnType<typeof eventContext>>): Promise<void> {
  await ensureAlarms(ctx, true);
  await pollAndPaint(ctx);
}

export function onInstalled(): void {
  void eventContext().then(async (ctx) => {
    await showOpenTabs(ctx, await browser.tabs.query({}), Date.now());
    await rearmAndPoll(ctx);
  });
}

export function onStartup(): void {
  void eventContext().then(async (ctx) => {
    await ensureAlarms(ctx);
    await showOpenTabs(ctx, await browser.tabs.query({}), Date.now());
  });
}

/** Every start of the worker, whatever woke it: storage closed to pages, alarms in place. */
export function onWorkerStart(): void {
  void restrictStorageToExtension();
  void eventContext().then((ctx) => ensureAlarms(ctx));
  void ensureDataCheckAlarm();
}

export function onNotificationClicked(notificationId: string): void {
  void eventContext().then((ctx) => openFromNotification(ctx, notificationId));
}

export function onTabRemoved(tabId: number): void {
  void forgetTab(tabId);
}

/**
 * A tab changed: a new address (a new document, or a single-page-app route) is what the tab shows from now on;
 * a finished load may need a data pack's markers. Other changes (title, icon, sound) say nothing.
 */
export function onTabUpdated(tabId: number, change: { status?: string; url?: string }, tab: { url?: string }): void {
  const at = Date.now();
  const { navigatedTo, loaded } = tabChange(change, tab);
  if (navigatedTo !== null) void eventContext().then((ctx) => onTabNavigated(ctx, tabId, navigatedTo, at));
  if (loaded) void eventContext().then((ctx) => onTabLoaded(ctx, tabId));
}

/** What a tab's change says: the address it navigated to (a reload says it again), and whether it finished loading. */
export function tabChange(change: { status?: string; url?: string }, tab: { url?: string }): { navigatedTo: string | null; loaded: boolean } {
  return { navigatedTo: change.url ?? (change.status === 'loading' ? (tab.url ?? null) : null), loaded: change.status === 'complete' };
}

/** The tab a request on a catalog host was made in; null for requests of no tab (the browser's, a worker's). */
export function requestTab(details: { tabId: number }): number | null {
  return details.tabId >= 0 ? details.tabId : null;
}

/** A request on a catalog host: a detection signal for its tab. Never blocks it. */
export function onWatchedWebRequest(details: { tabId: number; url: string; timeStamp: number }): undefined {
  const tabId = requestTab(details);
  if (tabId !== null) void eventContext().then((ctx) => onWatchedRequest(ctx, tabId, details.url, details.timeStamp));
  return undefined;
}

/**
 * A frame on one of the catalog's frame hosts started loading: a signal for its tab when the frame is in the
 * tab's top document (the frames a page itself embeds, as its content script would have read them).
 */
export function onFrameWebRequest(details: { tabId: number; url: string; parentFrameId: number; timeStamp: number }): undefined {
  const tabId = frameTab(details);
  if (tabId !== null) void onFrameRequest(tabId, details.url, details.timeStamp, eventContext);
  return undefined;
}

/** The tab whose top document embeds a frame; null for a frame inside another frame, or of no tab. */
export function frameTab(details: { tabId: number; parentFrameId: number }): number | null {
  return details.parentFrameId === 0 ? requestTab(details) : null;
}

/** A top-level document started loading in a tab: the frames noted for the ones before are dropped. */
export function onDocumentWebRequest(details: { tabId: number; timeStamp: number }): undefined {
  const tabId = requestTab(details);
  if (tabId !== null) void onDocumentRequest(tabId, details.timeStamp);
  return undefined;
}

/** Early warning: one phase of a request the filters let through, kept when it is one of the catalog's AI requests. */
export function onAiRequestPhase(phase: RequestEvent['phase']): (details: RequestDetails) => undefined {
  return (details) => {
    const event = aiRequestEvent(phase, details);
    if (event) void onAiRequest(event);
    return undefined;
  };
}

let self: { id: string; origin: string } | null = null;

/** A message for the worker; the reply is a promise, the polyfill's contract (it also answers Chrome's callback). */
export function onMessage(raw: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  self ??= { id: browser.runtime.id, origin: originOf(new URL(browser.runtime.getURL('/'))) };
  return route(raw, sender, self, eventContext);
}
