/** The levels of the providers a page shows; showing them is what keeps them read (src/stack/interest.ts). */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { noteShown } from '../interest.ts';
import { levelsOf } from '../views.ts';

export const getLevels = defineHandler<'get-levels'>({
  callers: ['extension-page'],
  async handle({ providerIds }, _sender, ctx) {
    const known = providerIds.filter((id) => ctx.index.provider(id));
    const [records, schedule] = await Promise.all([ctx.records(), ctx.schedule(), noteShown(known, ctx.now)]);
    return ok(levelsOf(ctx.index, records, schedule, ctx.now, known));
  },
});
