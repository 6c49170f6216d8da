import browser from 'webextension-polyfill';
import { EMPTY_STACK, parseStackState, recordVisits, type StackState } from '../stack/stack.ts';
import { serial } from './serial.ts';

/** Product ids and when they were last seen: never a URL or a hostname (docs/PRIVACY.md). */
const STACK_KEY = 'stack';

export async function readStack(): Promise<StackState> {
  return parseStackState((await browser.storage.local.get(STACK_KEY))[STACK_KEY] ?? EMPTY_STACK);
}

/** Read-modify-write of the stack, one at a time (two tabs reporting at once must not lose a visit). */
export function updateStack(change: (state: StackState) => StackState): Promise<void> {
  return serial.run(STACK_KEY, async () => {
    const before = await readStack();
    const after = change(before);
    if (after !== before) await browser.storage.local.set({ [STACK_KEY]: after });
  });
}

/** Products confidently seen on a page join the user's stack for 30 days. */
export function noteVisits(productIds: readonly string[], now = new Date()): Promise<void> {
  if (productIds.length === 0) return Promise.resolve();
  return updateStack((state) => recordVisits(state, productIds, now));
}
