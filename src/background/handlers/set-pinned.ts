/** Pin a product to the user's stack, or unpin it. */
import { fail, ok } from '../../protocol/messages.ts';
import { setPinned } from '../../stack/stack.ts';
import { pollAndPaint } from '../cycle.ts';
import { defineHandler } from '../handler.ts';
import { updateStack } from '../stack-store.ts';

export const setPinnedHandler = defineHandler<'set-pinned'>({
  callers: ['extension-page'],
  async handle({ productId, pinned }, _sender, ctx) {
    if (!ctx.index.product(productId)) return fail('not-found');
    await updateStack((state) => setPinned(state, productId, pinned));
    // A newly pinned tool may have a provider in trouble right now: say so.
    void pollAndPaint(ctx.after('stack'));
    return ok(null);
  },
});
