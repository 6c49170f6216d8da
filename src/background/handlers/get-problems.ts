/** Options: what Upstream could not do this session, so a failure to warn is itself visible. */
import { ok } from '../../protocol/messages.ts';
import { defineHandler } from '../handler.ts';
import { readProblems } from '../problems.ts';

export const getProblems = defineHandler<'get-problems'>({
  callers: ['extension-page'],
  async handle() {
    return ok(await readProblems());
  },
});
