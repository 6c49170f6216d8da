/** My stack: the user's tools with live status, grouped by provider, and the exportable backup plan. */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { stackView } from '../views.ts';

export const getStack = defineHandler<'get-stack'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    return ok(await stackView(ctx));
  },
});
