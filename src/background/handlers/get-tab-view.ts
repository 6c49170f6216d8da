/** The popup asks what a tab shows: its products, their live status, the evidence, pins and alternatives. */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { tabView } from '../views.ts';

export const getTabView = defineHandler<'get-tab-view'>({
  callers: ['extension-page'],
  async handle({ tabId }, _sender, ctx) {
    return ok(await tabView(ctx, tabId));
  },
});
