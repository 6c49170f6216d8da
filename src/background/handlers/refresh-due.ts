/** A page opened: read what is due, and the open tabs' providers not read within the watched interval. */
import { ok } from '../../protocol/messages.ts';
import { pollAndPaint } from '../cycle.ts';
import { defineHandler } from '../handler.ts';

export const refreshDue = defineHandler<'refresh-due'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    await pollAndPaint(ctx);
    return ok(null);
  },
});
