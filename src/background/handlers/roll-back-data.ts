/** Options: stop using the data pack and go back to the data bundled with this version, in one step. */
import { ok } from '../../protocol/messages.ts';
import { dataStatus, rollBack } from '../data-updates.ts';
import { defineHandler } from '../handler.ts';

export const rollBackData = defineHandler<'roll-back-data'>({
  callers: ['extension-page'],
  async handle() {
    await rollBack();
    return ok(await dataStatus());
  },
});
