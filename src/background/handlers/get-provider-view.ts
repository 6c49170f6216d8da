/** A provider's page (read while it is open): live status, recorded history and, when asked, its status page's own recent incidents. */
import { fail, ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { noteShown } from '../interest.ts';
import { providerView } from '../views.ts';

export const getProviderView = defineHandler<'get-provider-view'>({
  callers: ['extension-page'],
  async handle({ providerId, recent }, _sender, ctx) {
    if (!ctx.index.provider(providerId)) return fail('not-found');
    // The page shows this provider: it is read while the page stays open, even outside the user's stack.
    await noteShown([providerId], ctx.now);
    const view = await providerView(ctx, providerId, recent);
    return view ? ok(view) : fail('not-found');
  },
});
