/** Every provider's current level, as the catalog page shows it. */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { levelsOf } from '../views.ts';

export const getLevels = defineHandler<'get-levels'>({
  callers: ['extension-page'],
  async handle(_payload, _sender, ctx) {
    const [records, schedule] = await Promise.all([ctx.records(), ctx.schedule()]);
    return ok(levelsOf(ctx.index, records, schedule, ctx.now));
  },
});
