/**
 * The MV3 background: it only registers listeners, synchronously at top level, because the worker is stopped
 * after 30 s idle and restarted by the next event. Each event gets its own context (`eventContext`); nothing
 * that matters lives in memory.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { SETTINGS_KEY } from '../protocol/settings.ts';
import { ensureAlarms, NEXT_POLL_ALARM, PRUNE_ALARM, PRUNE_RESUME_ALARM, WATCHDOG_ALARM } from './alarms.ts';
import { eventContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { REQUEST_URL_PATTERNS } from './detection.ts';
import { openFromNotification } from './notifier.ts';
import { applySettings, pruneToRetention } from './maintenance.ts';
import { onWatchedRequest } from './requests.ts';
import { originOf, route } from './router.ts';
import { isScheduleChange } from './settings.ts';
import { restrictStorageToExtension } from './storage-access.ts';
import { forgetTab } from './tab-store.ts';

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === NEXT_POLL_ALARM || alarm.name === WATCHDOG_ALARM) void pollAndPaint(eventContext());
  if (alarm.name === PRUNE_ALARM || alarm.name === PRUNE_RESUME_ALARM) void pruneToRetention(eventContext());
});
browser.runtime.onInstalled.addListener(() => {
  const ctx = eventContext();
  void ensureAlarms(ctx, true).then(() => pollAndPaint(ctx));
});
browser.runtime.onStartup.addListener(() => void ensureAlarms(eventContext()));
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (SETTINGS_KEY in changes) void applySettings(eventContext());
  else if (isScheduleChange(changes)) {
    const ctx = eventContext();
    void ensureAlarms(ctx, true).then(() => pollAndPaint(ctx));
  }
});
browser.notifications.onClicked.addListener((notificationId) => void openFromNotification(eventContext(), notificationId));
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
if (REQUEST_URL_PATTERNS.length > 0) {
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0) void onWatchedRequest(eventContext(), details.tabId, details.url, details.timeStamp);
      return undefined;
    },
    { urls: REQUEST_URL_PATTERNS },
  );
}

const self = { id: browser.runtime.id, origin: originOf(new URL(browser.runtime.getURL('/'))) };
// Returning a promise from the listener is the polyfill's contract; it also answers Chrome's callback.
browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => route(raw, sender, self, eventContext));

void restrictStorageToExtension();
void ensureAlarms(eventContext());
