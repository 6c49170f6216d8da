import browser from 'webextension-polyfill';
import { EMPTY_NOTIFY_STATE, notificationProvider, parseNotifyState, planNotifications, type PlannedNotification } from '../health/notify.ts';
import { t } from '../platform/i18n.ts';
import { stackSituations } from '../stack/situations.ts';
import type { WorkerContext } from './context.ts';
import { recordProblem } from './problems.ts';
import { serial } from './serial.ts';

/** What was notified per provider episode: kept in storage so a restarted worker neither repeats nor forgets. */
const NOTIFY_KEY = 'notify-state';

async function show(notification: PlannedNotification): Promise<void> {
  const options = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: notification.title,
    message: notification.message,
  };
  if (notification.silent) {
    // An update to a notification already on screen: replace its text without alerting again, where the browser
    // can (Firefox has no update(); its text stays as first shown).
    const update = (browser.notifications as { update?: (id: string, options: object) => Promise<boolean> }).update;
    if (update) await update(notification.id, options);
    return;
  }
  await browser.notifications.create(notification.id, options);
}

/** storage.session: the browser's denial is already recorded this session (once, not per notification). */
const DENIED_KEY = 'notifications-denied';

/**
 * With notifications turned off for Upstream, Chromium accepts each one without an error and shows none; the
 * user should still learn why nothing arrives. Recorded again only after they were turned back on in between.
 */
async function noteIfDenied(): Promise<void> {
  const notifications = browser.notifications as { getPermissionLevel?: () => Promise<string> };
  if (!notifications.getPermissionLevel) return; // Firefox has no such call; there a refusal throws and is recorded.
  let level: string;
  try {
    level = await notifications.getPermissionLevel();
  } catch {
    return;
  }
  const recorded = (await browser.storage.session.get(DENIED_KEY))[DENIED_KEY] === true;
  if (level === 'denied' && !recorded) {
    await browser.storage.session.set({ [DENIED_KEY]: true });
    await recordProblem('notification', t('problemNotificationsDenied'));
  } else if (level !== 'denied' && recorded) await browser.storage.session.remove(DENIED_KEY);
}

/** After every poll: tells the user about trouble and recovery of the providers behind their tools. */
export async function notifyStack(ctx: WorkerContext): Promise<void> {
  const [stack, records, schedule, settings] = await Promise.all([ctx.stack(), ctx.records(), ctx.schedule(), ctx.settings()]);
  const { index, now } = ctx;
  await serial.run(NOTIFY_KEY, async () => {
    const stored = parseNotifyState((await browser.storage.local.get(NOTIFY_KEY))[NOTIFY_KEY] ?? EMPTY_NOTIFY_STATE);
    const plan = planNotifications(stored, stackSituations(index, stack, records, schedule, now), settings.notifications, now, t, schedule.minuteMs);
    await browser.storage.local.set({ [NOTIFY_KEY]: plan.state });
    if (plan.notifications.some((notification) => !notification.silent)) await noteIfDenied();
    for (const notification of plan.notifications) {
      try {
        await show(notification);
      } catch (error) {
        // A browser without notification support (or with them blocked) must not stop the others; it is recorded.
        await recordProblem('notification', error);
      }
    }
  });
}

/** The extension page a notification opens: that provider's page in Upstream. */
function providerPageUrl(providerId: string): string {
  return browser.runtime.getURL(`src/ui/app/index.html#/provider/${encodeURIComponent(providerId)}`);
}

export async function openFromNotification(ctx: WorkerContext, notificationId: string): Promise<void> {
  const providerId = notificationProvider(notificationId);
  if (providerId === null || !ctx.index.provider(providerId)) return;
  await browser.tabs.create({ url: providerPageUrl(providerId) });
  await browser.notifications.clear(notificationId);
}
