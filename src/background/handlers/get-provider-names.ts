/** Options lists providers by name without loading the catalog: the worker names those of the data in use. */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';

export const getProviderNames = defineHandler<'get-provider-names'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    return ok(ctx.index.catalog.providers.map((provider) => ({ id: provider.id, name: provider.name })));
  },
});
