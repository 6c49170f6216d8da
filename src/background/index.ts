/**
 * The MV3 background: it only registers listeners, synchronously at top level, because the worker is stopped
 * after 30 s idle and restarted by the next event. Each event gets its own context (`eventContext`, over the
 * catalog data in use, loaded once per start); nothing that matters lives in memory. What each event does is
 * in `events.ts`.
 */
import browser from 'webextension-polyfill';
import { FRAME_URL_PATTERNS, REQUEST_URL_PATTERNS } from './detection.ts';
import { AI_REQUESTS } from './early-warning.ts';
import {
  onAiRequestPhase,
  onAlarm,
  onDocumentWebRequest,
  onFrameWebRequest,
  onInstalled,
  onMessage,
  onNotificationClicked,
  onStartup,
  onStorageChanged,
  onTabRemoved,
  onTabUpdated,
  onWatchedWebRequest,
  onWorkerStart,
} from './events.ts';

browser.alarms.onAlarm.addListener(onAlarm);
browser.runtime.onInstalled.addListener(onInstalled);
browser.runtime.onStartup.addListener(onStartup);
browser.storage.onChanged.addListener(onStorageChanged);
browser.notifications.onClicked.addListener(onNotificationClicked);
browser.tabs.onRemoved.addListener(onTabRemoved);
browser.tabs.onUpdated.addListener(onTabUpdated);
if (REQUEST_URL_PATTERNS.length > 0) browser.webRequest.onBeforeRequest.addListener(onWatchedWebRequest, { urls: REQUEST_URL_PATTERNS });
// Frames: the catalog's frame hosts only, so a page's other frames never wake the worker; each new top-level
// document starts the tab's frames afresh.
if (FRAME_URL_PATTERNS.length > 0) {
  browser.webRequest.onBeforeRequest.addListener(onFrameWebRequest, { urls: FRAME_URL_PATTERNS, types: ['sub_frame'] });
  browser.webRequest.onBeforeRequest.addListener(onDocumentWebRequest, { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] });
}
// Early warning: the catalog's AI requests only (filtered here, matched exactly in `aiRequestEvent`), never blocked.
if (!AI_REQUESTS.empty) {
  const filter = { urls: AI_REQUESTS.filterUrls() };
  browser.webRequest.onBeforeRequest.addListener(onAiRequestPhase('start'), filter);
  browser.webRequest.onBeforeRedirect.addListener(onAiRequestPhase('redirect'), filter);
  browser.webRequest.onResponseStarted.addListener(onAiRequestPhase('response'), filter);
  browser.webRequest.onErrorOccurred.addListener(onAiRequestPhase('error'), filter);
}
browser.runtime.onMessage.addListener(onMessage);

onWorkerStart();
