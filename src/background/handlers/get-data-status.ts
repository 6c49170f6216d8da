/** Options: which catalog data is in use, its release notes, and what the last check for a data pack found. */
import { ok } from '../../protocol/messages.ts';
import { dataStatus } from '../data-updates.ts';
import { defineHandler } from '../handler.ts';

export const getDataStatus = defineHandler<'get-data-status'>({
  callers: ['extension-page'],
  async handle() {
    return ok(await dataStatus());
  },
});
