/** A provider's page: live status, recorded history and, when asked, its status page's own recent incidents. */
import { fail, ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { providerView } from '../views.ts';

export const getProviderView = defineHandler<'get-provider-view'>({
  callers: ['extension-page'],
  async handle({ providerId, recent }, _sender, ctx) {
    const view = await providerView(ctx, providerId, recent);
    return view ? ok(view) : fail('not-found');
  },
});
