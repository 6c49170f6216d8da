/** The worker's refresh cycle: read what is due of what the user needs, then bring every badge and the user's notifications up to date. */
import type { WorkerContext } from './context.ts';
import { repaintAllTabs } from './paint.ts';
import { interestNow } from './interest.ts';
import { scheduleNextPoll } from './alarms.ts';
import { notifyStack } from './notifier.ts';
import { pollDue } from './poller.ts';

export async function pollAndPaint(ctx: WorkerContext, force = false): Promise<void> {
  const interest = await interestNow(ctx);
  try {
    await pollDue(ctx, interest, force);
  } finally {
    await scheduleNextPoll(interest);
  }
  const after = ctx.after('records');
  await repaintAllTabs(after);
  await notifyStack(after);
}
