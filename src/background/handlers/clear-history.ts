/** Options: forget every reading and all history, then start reading afresh. */
import { ok } from '../../protocol/messages.ts';
import { ensureAlarms } from '../alarms.ts';
import { repaintAllTabs } from '../paint.ts';
import { clearAll } from '../db.ts';
import { defineHandler } from '../handler.ts';

export const clearHistory = defineHandler<'clear-history'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    await clearAll();
    await ensureAlarms(ctx, true);
    await repaintAllTabs(ctx.after('records'));
    return ok(null);
  },
});
