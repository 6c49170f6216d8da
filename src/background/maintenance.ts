/** Keeping stored data in line with the user's settings: retention, intervals, alarms. */
import browser from 'webextension-polyfill';
import { ensureAlarms, PRUNE_RESUME_ALARM } from './alarms.ts';
import { repaintAllTabs } from './paint.ts';
import { interestNow } from './interest.ts';
import type { WorkerContext } from './context.ts';
import { pruneHistory } from './db.ts';
import { reschedule } from './poller.ts';

/** Deletes history past the user's retention, in batches; a worker stopped midway resumes a minute later. */
export async function pruneToRetention(ctx: WorkerContext): Promise<void> {
  const { retentionDays } = await ctx.settings();
  await browser.alarms.create(PRUNE_RESUME_ALARM, { delayInMinutes: 1 });
  await pruneHistory(new Date(ctx.now.getTime() - retentionDays * 24 * 3600_000));
  await browser.alarms.clear(PRUNE_RESUME_ALARM);
}

/** The options page wrote new settings: new intervals, retention and notification choices apply now. */
export async function applySettings(ctx: WorkerContext): Promise<void> {
  await reschedule(ctx, await interestNow(ctx));
  await ensureAlarms(ctx, true);
  await pruneToRetention(ctx);
  await repaintAllTabs(ctx);
}
