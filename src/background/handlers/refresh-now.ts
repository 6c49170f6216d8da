/** "Check now": read every status page the user needs now (stack, open tabs, pages shown), whatever is due, then repaint. */
import { ok } from '../../protocol/messages.ts';
import { pollAndPaint } from '../cycle.ts';
import { defineHandler } from '../handler.ts';

export const refreshNow = defineHandler<'refresh-now'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    await pollAndPaint(ctx, true);
    return ok(null);
  },
});
