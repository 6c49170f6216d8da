/** The worker's refresh cycle: read what is due, then bring every badge and the user's notifications up to date. */
import type { WorkerContext } from './context.ts';
import { refreshAllBadges, watchedProviders } from './badge.ts';
import { scheduleNextPoll } from './alarms.ts';
import { notifyStack } from './notifier.ts';
import { pollDue } from './poller.ts';

export async function pollAndPaint(ctx: WorkerContext, force = false): Promise<void> {
  try {
    await pollDue(ctx, watchedProviders(ctx.index, (await ctx.tabs()).values()), force);
  } finally {
    await scheduleNextPoll();
  }
  const after = ctx.after('records');
  await refreshAllBadges(after);
  await notifyStack(after);
}
