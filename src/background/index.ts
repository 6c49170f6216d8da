/**
 * The MV3 background: every listener is registered synchronously at top level, and nothing that matters
 * lives in memory, because the worker is stopped after 30 s idle and restarted by the next event.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { parseRequest, type Request, type Response, type MessageType, type TabView } from '../shared/messages.ts';
import { refreshAllBadges, refreshBadge, tabProducts, watchedProviders } from './badge.ts';
import { REQUEST_URL_PATTERNS, actionable, detectTab } from './detection.ts';
import { pruneHistory, readHealthRecords } from './db.ts';
import { nextDueAt, pollDue } from './poller.ts';
import { DEFAULT_RETENTION_DAYS, isScheduleChange, scheduleSettings, statusPageFor } from './settings.ts';
import { addRequest, forgetTab, readAllTabs, readRequests, readTab, writeTab } from './tab-store.ts';

/** A one-shot alarm wakes the worker when the next provider is due. */
const NEXT_POLL_ALARM = 'poll-next';
/** A periodic alarm in case the one-shot one is ever lost (browser restart, a crash mid-poll). */
const WATCHDOG_ALARM = 'poll-watchdog';
const PRUNE_ALARM = 'prune-history';

/** (Re)creates the periodic alarms; runs on every worker start, as alarms may not survive browser restarts. */
async function ensureAlarms(force = false): Promise<void> {
  const schedule = await scheduleSettings();
  const periodInMinutes = (schedule.defaultMinutes * schedule.minuteMs) / 60_000;
  const existing = await browser.alarms.get(WATCHDOG_ALARM);
  if (force || existing?.periodInMinutes !== periodInMinutes) {
    await browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
  }
  if (force || !(await browser.alarms.get(NEXT_POLL_ALARM))) await scheduleNextPoll();
  if (!(await browser.alarms.get(PRUNE_ALARM))) {
    await browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 60 });
  }
}

async function scheduleNextPoll(): Promise<void> {
  // Browsers may fire alarms later than asked (Chrome: not within 30 s for installed extensions); never earlier.
  const when = Math.max((await nextDueAt()) ?? Date.now(), Date.now() + 1000);
  await browser.alarms.create(NEXT_POLL_ALARM, { when });
}

async function pollAndPaint(force = false): Promise<void> {
  const [tabs, schedule] = await Promise.all([readAllTabs(), scheduleSettings()]);
  try {
    await pollDue(watchedProviders(tabs.values()), schedule, force, statusPageFor);
  } finally {
    await scheduleNextPoll();
  }
  await refreshAllBadges();
}

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === NEXT_POLL_ALARM || alarm.name === WATCHDOG_ALARM) void pollAndPaint();
  if (alarm.name === PRUNE_ALARM) void pruneHistory(new Date(Date.now() - DEFAULT_RETENTION_DAYS * 24 * 3600_000));
});
browser.runtime.onInstalled.addListener(() => {
  void ensureAlarms(true).then(() => pollAndPaint());
});
browser.runtime.onStartup.addListener(() => void ensureAlarms());
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && isScheduleChange(changes)) void ensureAlarms(true).then(() => pollAndPaint());
});
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

/**
 * A page's requests to a widget's or provider's API host reveal products its markup may not show.
 * Non-blocking: Upstream only notes the hostname for that tab, and only for the catalog's hosts.
 */
async function onWatchedRequest(tabId: number, url: string, at: number): Promise<void> {
  const host = new URL(url).hostname;
  await inTabOrder(tabId, async () => {
    if (!(await addRequest(tabId, { host, at }))) return;
    const tab = await readTab(tabId);
    if (!tab) return; // The page has not reported yet; its report will include this request.
    const detections = detectTab(tab.report, await readRequests(tabId));
    if (JSON.stringify(detections) === JSON.stringify(tab.detections)) return;
    await writeTab(tabId, { ...tab, detections });
    await refreshBadge(tabId);
    void pollAndPaint();
  });
}

/**
 * Runs a tab's read-modify-write steps one after another: a page report and a request note for the same
 * tab must not interleave. Only ordering lives here; the state itself is in storage.session.
 */
const tabQueues = new Map<number, Promise<void>>();
function inTabOrder(tabId: number, task: () => Promise<void>): Promise<void> {
  const next = (tabQueues.get(tabId) ?? Promise.resolve()).then(task, task);
  const settled = next.catch(() => undefined);
  tabQueues.set(tabId, settled);
  void settled.then(() => {
    if (tabQueues.get(tabId) === settled) tabQueues.delete(tabId);
  });
  return next;
}
if (REQUEST_URL_PATTERNS.length > 0) {
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0) void onWatchedRequest(details.tabId, details.url, details.timeStamp);
      return undefined;
    },
    { urls: REQUEST_URL_PATTERNS },
  );
}
void ensureAlarms();

const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

function fromOurPages(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.url !== undefined && new URL(sender.url).origin === extensionOrigin;
}

async function handle(request: Request, sender: Runtime.MessageSender): Promise<Response<MessageType> | undefined> {
  switch (request.type) {
    case 'page-report': {
      // Only a top-level content script of ours may speak for a tab, and only about the page it is on.
      const tabId = sender.tab?.id;
      const report = request.payload;
      if (sender.id !== browser.runtime.id || tabId === undefined || sender.frameId !== 0) return undefined;
      if (sender.url !== undefined && new URL(sender.url).hostname !== report.hostname) return undefined;
      await inTabOrder(tabId, async () => {
        const previous = await readTab(tabId);
        // Reports of one page can arrive out of order; the newer one wins.
        if (previous && previous.report.timeOrigin === report.timeOrigin && previous.report.seq > report.seq) return;
        const detections = detectTab(report, await readRequests(tabId));
        await writeTab(tabId, { hostname: report.hostname, report, detections });
        await refreshBadge(tabId);
        // Newly found products make their providers watched: read any not read in the last minute.
        const before = new Set(actionable(previous?.detections ?? []).map((d) => d.productId));
        if (actionable(detections).some((d) => !before.has(d.productId))) void pollAndPaint();
      });
      return { ok: true };
    }
    case 'get-tab-view': {
      if (!fromOurPages(sender)) return undefined;
      const [tab, records, schedule] = await Promise.all([readTab(request.payload.tabId), readHealthRecords(), scheduleSettings()]);
      const lastPollAt = [...records.values()].reduce<string | null>(
        (latest, record) => (record.lastAttemptAt !== null && (latest === null || record.lastAttemptAt > latest) ? record.lastAttemptAt : latest),
        null,
      );
      const view: TabView = {
        tabId: request.payload.tabId,
        hostname: tab?.hostname ?? null,
        products: tabProducts(tab, records, schedule),
        lastPollAt,
      };
      return view;
    }
    case 'refresh-now': {
      if (!fromOurPages(sender)) return undefined;
      await pollAndPaint(true);
      return { ok: true };
    }
  }
}

// Returning a promise from the listener is the polyfill's contract; it also answers Chrome's callback.
browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const request = parseRequest(raw);
  if (!request) return undefined;
  return handle(request, sender);
});
