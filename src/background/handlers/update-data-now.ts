/** Options' "Update data now": check the update address at once, then answer what the data is now and why. */
import { ok } from '../../protocol/messages.ts';
import { checkForData, dataStatus } from '../data-updates.ts';
import { defineHandler } from '../handler.ts';

export const updateDataNow = defineHandler<'update-data-now'>({
  callers: ['extension-page'],
  async handle() {
    // A build without an update address has nothing to check; the status says so.
    await checkForData();
    return ok(await dataStatus());
  },
});
