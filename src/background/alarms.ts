/** The worker's alarms: re-created on every start, because alarms may not survive a browser restart. */
import browser from 'webextension-polyfill';
import type { WorkerContext } from './context.ts';
import type { Interest } from '../stack/interest.ts';
import { interestNow } from './interest.ts';
import { nextDueAt } from './poller.ts';

/** A one-shot alarm wakes the worker when the next provider is due. */
export const NEXT_POLL_ALARM = 'poll-next';
/** A periodic alarm in case the one-shot one is ever lost (browser restart, a crash mid-poll). */
export const WATCHDOG_ALARM = 'poll-watchdog';
export const PRUNE_ALARM = 'prune-history';
/** Set while a pruning runs, cleared when it ends: if the worker is stopped midway, it wakes one to go on. */
export const PRUNE_RESUME_ALARM = 'prune-resume';

/** (Re)creates the alarms; `force` re-arms them after the intervals changed. */
export async function ensureAlarms(ctx: WorkerContext, force = false): Promise<void> {
  const schedule = await ctx.schedule();
  const periodInMinutes = (schedule.defaultMinutes * schedule.minuteMs) / 60_000;
  const existing = await browser.alarms.get(WATCHDOG_ALARM);
  if (force || existing?.periodInMinutes !== periodInMinutes) {
    await browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
  }
  if (force || !(await browser.alarms.get(NEXT_POLL_ALARM))) await scheduleNextPoll(await interestNow(ctx));
  if (!(await browser.alarms.get(PRUNE_ALARM))) {
    await browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 60 });
  }
}

/** Wakes the worker when the next needed provider is due; with nothing needed, nothing wakes it for polling. */
export async function scheduleNextPoll(interest: Interest): Promise<void> {
  const due = await nextDueAt(interest);
  if (due === null) {
    await browser.alarms.clear(NEXT_POLL_ALARM);
    return;
  }
  // Browsers may fire alarms later than asked (Chrome: not within 30 s for installed extensions); never earlier.
  await browser.alarms.create(NEXT_POLL_ALARM, { when: Math.max(due, Date.now() + 1000) });
}
