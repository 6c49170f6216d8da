/**
 * The MV3 background: every listener is registered synchronously at top level, and nothing that matters
 * lives in memory, because the worker is stopped after 30 s idle and restarted by the next event.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { parseRequest, type Request, type Response, type MessageType, type TabView } from '../shared/messages.ts';
import { catalogIndex, productStatuses, refreshAllBadges, refreshBadge } from './badge.ts';
import { readHealthRecords } from './health-store.ts';
import { pollAll } from './poller.ts';
import { isTestSettingChange, pollIntervalMs } from './settings.ts';
import { forgetTab, readTab, writeTab } from './tab-store.ts';

const POLL_ALARM = 'poll-status';

/** (Re)creates the poll alarm; runs on every worker start, as alarms may not survive browser restarts. */
async function ensureAlarm(force = false): Promise<void> {
  const periodInMinutes = (await pollIntervalMs()) / 60_000;
  const existing = await browser.alarms.get(POLL_ALARM);
  if (!force && existing?.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(POLL_ALARM, { periodInMinutes, delayInMinutes: existing && !force ? periodInMinutes : 0.01 });
}

async function pollAndPaint(): Promise<void> {
  await pollAll();
  await refreshAllBadges();
}

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM) void pollAndPaint();
});
browser.runtime.onInstalled.addListener(() => {
  void ensureAlarm(true).then(pollAndPaint);
});
browser.runtime.onStartup.addListener(() => void ensureAlarm());
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && isTestSettingChange(changes)) void ensureAlarm(true);
});
browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
void ensureAlarm();

const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

function fromOurPages(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.url !== undefined && new URL(sender.url).origin === extensionOrigin;
}

async function handle(request: Request, sender: Runtime.MessageSender): Promise<Response<MessageType> | undefined> {
  switch (request.type) {
    case 'page-seen': {
      // Only a top-level content script of ours may speak for a tab, and only about the page it is on.
      const tabId = sender.tab?.id;
      if (sender.id !== browser.runtime.id || tabId === undefined || sender.frameId !== 0) return undefined;
      if (sender.url !== undefined && new URL(sender.url).hostname !== request.payload.hostname) return undefined;
      const productIds = catalogIndex.productsOnSite(request.payload.hostname).map((product) => product.id);
      await writeTab(tabId, { hostname: request.payload.hostname, productIds });
      await refreshBadge(tabId);
      return { ok: true };
    }
    case 'get-tab-view': {
      if (!fromOurPages(sender)) return undefined;
      const [tab, records, interval] = await Promise.all([readTab(request.payload.tabId), readHealthRecords(), pollIntervalMs()]);
      const lastPollAt = [...records.values()].reduce<string | null>(
        (latest, record) => (record.lastAttemptAt !== null && (latest === null || record.lastAttemptAt > latest) ? record.lastAttemptAt : latest),
        null,
      );
      const view: TabView = {
        tabId: request.payload.tabId,
        hostname: tab?.hostname ?? null,
        products: productStatuses(tab, records, interval),
        lastPollAt,
      };
      return view;
    }
    case 'refresh-now': {
      if (!fromOurPages(sender)) return undefined;
      await pollAndPaint();
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
