/**
 * The MV3 background: every listener is registered synchronously at top level, and nothing that matters
 * lives in memory, because the worker is stopped after 30 s idle and restarted by the next event.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { parseRequest, type Request, type Response, type MessageType, type TabView } from '../protocol/messages.ts';
import { isTrouble } from '../model/levels.ts';
import { forgetProduct, setPinned } from '../stack/stack.ts';
import { SETTINGS_KEY } from '../protocol/settings.ts';
import { catalogIndex, refreshAllBadges, refreshBadge, tabProducts, watchedProviders } from './badge.ts';
import { REQUEST_URL_PATTERNS, actionable, detectTab } from './detection.ts';
import { clearAll, pruneHistory, readHealthRecord, readHealthRecords } from './db.ts';
import { notifyStack, openFromNotification } from './notifier.ts';
import { nextDueAt, pollDue, reschedule } from './poller.ts';
import { isScheduleChange, scheduleSettings, statusPageFor, userSettings } from './settings.ts';
import { noteVisits, readStack, updateStack } from './stack-store.ts';
import { addRequest, forgetTab, readAllTabs, readRequests, readTab, writeTab } from './tab-store.ts';
import { alternativeViews, levelsOf, providerView, stackView } from './views.ts';

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
  const settings = await userSettings();
  const [tabs, schedule] = await Promise.all([readAllTabs(), scheduleSettings(settings)]);
  try {
    await pollDue(watchedProviders(tabs.values()), schedule, force, statusPageFor);
  } finally {
    await scheduleNextPoll();
  }
  await refreshAllBadges();
  const [stack, records] = await Promise.all([readStack(), readHealthRecords()]);
  await notifyStack(stack, records, schedule, settings);
}

async function pruneToRetention(): Promise<void> {
  const { retentionDays } = await userSettings();
  await pruneHistory(new Date(Date.now() - retentionDays * 24 * 3600_000));
}

/** The options page wrote new settings: new intervals, retention and notification choices apply now. */
async function applySettings(): Promise<void> {
  const [tabs, schedule] = await Promise.all([readAllTabs(), scheduleSettings()]);
  await reschedule(watchedProviders(tabs.values()), schedule);
  await ensureAlarms(true);
  await pruneToRetention();
  await refreshAllBadges();
}

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === NEXT_POLL_ALARM || alarm.name === WATCHDOG_ALARM) void pollAndPaint();
  if (alarm.name === PRUNE_ALARM) void pruneToRetention();
});
browser.runtime.onInstalled.addListener(() => {
  void ensureAlarms(true).then(() => pollAndPaint());
});
browser.runtime.onStartup.addListener(() => void ensureAlarms());
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (SETTINGS_KEY in changes) void applySettings();
  else if (isScheduleChange(changes)) void ensureAlarms(true).then(() => pollAndPaint());
});
browser.notifications.onClicked.addListener((notificationId) => void openFromNotification(notificationId));
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
    await noteVisits(actionable(detections).map((detection) => detection.productId));
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
        await noteVisits(actionable(detections).map((detection) => detection.productId));
        // Newly found products make their providers watched: read any not read in the last minute.
        const before = new Set(actionable(previous?.detections ?? []).map((d) => d.productId));
        if (actionable(detections).some((d) => !before.has(d.productId))) void pollAndPaint();
      });
      return { ok: true };
    }
    case 'get-tab-view': {
      if (!fromOurPages(sender)) return undefined;
      const [tab, records, schedule, stack] = await Promise.all([readTab(request.payload.tabId), readHealthRecords(), scheduleSettings(), readStack()]);
      const lastPollAt = [...records.values()].reduce<string | null>(
        (latest, record) => (record.lastAttemptAt !== null && (latest === null || record.lastAttemptAt > latest) ? record.lastAttemptAt : latest),
        null,
      );
      const pinned = new Set(stack.pinned);
      const view: TabView = {
        tabId: request.payload.tabId,
        hostname: tab?.hostname ?? null,
        products: tabProducts(tab, records, schedule).map((product) => {
          const entry = catalogIndex.product(product.detection.productId);
          const troubled = new Set(product.status.dependencies.filter((dep) => dep.monitored && isTrouble(dep.level)).map((dep) => dep.providerId));
          return { ...product, pinned: pinned.has(product.detection.productId), alternatives: entry ? alternativeViews(entry, troubled) : [] };
        }),
        lastPollAt,
      };
      return view;
    }
    case 'refresh-now':
    case 'refresh-due': {
      if (!fromOurPages(sender)) return undefined;
      await pollAndPaint(request.type === 'refresh-now');
      return { ok: true };
    }
    case 'set-pinned': {
      const { productId, pinned } = request.payload;
      if (!fromOurPages(sender) || !catalogIndex.product(productId)) return undefined;
      await updateStack((state) => setPinned(state, productId, pinned));
      // A newly pinned tool may have a provider in trouble right now: say so.
      void pollAndPaint();
      return { ok: true };
    }
    case 'forget-product': {
      const { productId } = request.payload;
      if (!fromOurPages(sender) || !catalogIndex.product(productId)) return undefined;
      await updateStack((state) => forgetProduct(state, productId));
      return { ok: true };
    }
    case 'get-stack': {
      if (!fromOurPages(sender)) return undefined;
      const [stack, records, schedule] = await Promise.all([readStack(), readHealthRecords(), scheduleSettings()]);
      return stackView(stack, records, schedule);
    }
    case 'get-levels': {
      if (!fromOurPages(sender)) return undefined;
      const [records, schedule] = await Promise.all([readHealthRecords(), scheduleSettings()]);
      return levelsOf(records, schedule);
    }
    case 'get-provider-view': {
      if (!fromOurPages(sender)) return undefined;
      const { providerId, recent } = request.payload;
      const [record, settings] = await Promise.all([readHealthRecord(providerId), userSettings()]);
      return providerView(providerId, record, await scheduleSettings(settings), { recent, retentionDays: settings.retentionDays });
    }
    case 'clear-history': {
      if (!fromOurPages(sender)) return undefined;
      await clearAll();
      await ensureAlarms(true);
      await refreshAllBadges();
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
