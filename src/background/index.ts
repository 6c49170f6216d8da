/**
 * The MV3 background: it only registers listeners, synchronously at top level, because the worker is stopped
 * after 30 s idle and restarted by the next event. Each event gets its own context (`eventContext`, over the
 * catalog data in use, loaded once per start); nothing that matters lives in memory.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { SETTINGS_KEY } from '../protocol/settings.ts';
import { ensureAlarms, NEXT_POLL_ALARM, PRUNE_ALARM, PRUNE_RESUME_ALARM, WATCHDOG_ALARM } from './alarms.ts';
import { eventContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { checkForData, DATA_CHECK_ALARM, ensureDataCheckAlarm } from './data-updates.ts';
import { aiRequestEvent, AI_REQUESTS, EARLY_WARNING_ALARM } from './early-warning.ts';
import { REQUEST_URL_PATTERNS } from './detection.ts';
import { openFromNotification } from './notifier.ts';
import { applySettings, pruneToRetention } from './maintenance.ts';
import { onAiRequest, onEarlyWarningAlarm, onWatchedRequest } from './requests.ts';
import { originOf, route } from './router.ts';
import { isScheduleChange } from './settings.ts';
import { restrictStorageToExtension } from './storage-access.ts';
import { forgetTab } from './tab-store.ts';

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === NEXT_POLL_ALARM || alarm.name === WATCHDOG_ALARM) void eventContext().then((ctx) => pollAndPaint(ctx));
  if (alarm.name === PRUNE_ALARM || alarm.name === PRUNE_RESUME_ALARM) void eventContext().then(pruneToRetention);
  if (alarm.name === DATA_CHECK_ALARM) void checkForData();
  if (alarm.name === EARLY_WARNING_ALARM) void eventContext().then(onEarlyWarningAlarm);
});
browser.runtime.onInstalled.addListener(() => {
  void eventContext().then(async (ctx) => {
    await ensureAlarms(ctx, true);
    await pollAndPaint(ctx);
  });
});
browser.runtime.onStartup.addListener(() => void eventContext().then((ctx) => ensureAlarms(ctx)));
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (SETTINGS_KEY in changes) void eventContext().then(applySettings);
  else if (isScheduleChange(changes)) {
    void eventContext().then(async (ctx) => {
      await ensureAlarms(ctx, true);
      await pollAndPaint(ctx);
    });
  }
});
browser.notifications.onClicked.addListener((notificationId) => void eventContext().then((ctx) => openFromNotification(ctx, notificationId)));
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
if (REQUEST_URL_PATTERNS.length > 0) {
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0) void eventContext().then((ctx) => onWatchedRequest(ctx, details.tabId, details.url, details.timeStamp));
      return undefined;
    },
    { urls: REQUEST_URL_PATTERNS },
  );
}
// Early warning: the catalog's AI requests only (filtered here, matched exactly in `aiRequestEvent`), never blocked.
if (!AI_REQUESTS.empty) {
  const filter = { urls: AI_REQUESTS.filterUrls() };
  const observe = (event: ReturnType<typeof aiRequestEvent>) => {
    if (event) void onAiRequest(event);
  };
  browser.webRequest.onBeforeRequest.addListener((details) => {
    observe(aiRequestEvent('start', details));
    return undefined;
  }, filter);
  browser.webRequest.onBeforeRedirect.addListener((details) => observe(aiRequestEvent('redirect', details)), filter);
  browser.webRequest.onResponseStarted.addListener((details) => observe(aiRequestEvent('response', details)), filter);
  browser.webRequest.onErrorOccurred.addListener((details) => observe(aiRequestEvent('error', details)), filter);
}

const self = { id: browser.runtime.id, origin: originOf(new URL(browser.runtime.getURL('/'))) };
// Returning a promise from the listener is the polyfill's contract; it also answers Chrome's callback.
browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => route(raw, sender, self, eventContext));

void restrictStorageToExtension();
void eventContext().then((ctx) => ensureAlarms(ctx));
void ensureDataCheckAlarm();
