/**
 * The catalog pages: the catalog in use and where it comes from. The pages bundle the catalog of their build,
 * so the catalog itself is sent only while a data pack is in use.
 */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';

export const getCatalog = defineHandler<'get-catalog'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    const { provenance } = ctx.data;
    return ok({ provenance, catalog: provenance.source === 'pack' ? ctx.index.catalog : null });
  },
});
