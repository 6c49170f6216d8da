/** Keeping stored data in line with the user's settings: retention, intervals, alarms. */
import browser from 'webextension-polyfill';
import { ensureAlarms, PRUNE_RESUME_ALARM } from './alarms.ts';
import { repaintAllTabs } from './paint.ts';
import { interestNow } from './interest.ts';
import type { WorkerContext } from './context.ts';
import { PRUNE_BATCH, pruneHistory } from './db.ts';
import { reschedule } from './poller.ts';

/** This worker's pruning in progress, and the one asked for meanwhile (at most one waits, with the newest context). */
let running: Promise<void> | null = null;
let waiting: Promise<void> | null = null;
let next: WorkerContext | null = null;

/**
 * Deletes history past the user's retention, in batches; a worker stopped midway resumes a minute later. One
 * pruning at a time: two side by side would share the resume alarm, and the first to finish would clear it
 * under the other. One asked for meanwhile (new settings, the resume alarm) runs after it.
 */
export function pruneToRetention(ctx: WorkerContext): Promise<void> {
  if (!running) {
    running = pruneOnce(ctx).finally(() => {
      running = null;
    });
    return running;
  }
  next = ctx;
  waiting ??= running
    .catch(() => undefined)
    .then(() => {
      const latest = next ?? ctx;
      waiting = next = null;
      return pruneToRetention(latest);
    });
  return waiting;
}

async function pruneOnce(ctx: WorkerContext): Promise<void> {
  const { retentionDays } = await ctx.settings();
  // Pushed back after every batch: a one-shot alarm that fired during a long pruning would leave nothing to wake
  // a worker stopped after it.
  const arm = () => browser.alarms.create(PRUNE_RESUME_ALARM, { delayInMinutes: 1 });
  await arm();
  await pruneHistory(new Date(ctx.now.getTime() - retentionDays * 24 * 3600_000), PRUNE_BATCH, arm);
  await browser.alarms.clear(PRUNE_RESUME_ALARM);
}

/** The options page wrote new settings: new intervals, retention and notification choices apply now. */
export async function applySettings(ctx: WorkerContext): Promise<void> {
  await reschedule(ctx, await interestNow(ctx));
  await ensureAlarms(ctx, true);
  await pruneToRetention(ctx);
  await repaintAllTabs(ctx);
}
