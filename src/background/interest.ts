/** What the worker reads status pages for: open tabs, the user's stack, and providers a page of Upstream shows. */
import browser from 'webextension-polyfill';
import { activeShown, interestOf, parseShownLeases, renewShown, type Interest } from '../stack/interest.ts';
import { stackMembers } from '../stack/stack.ts';
import type { WorkerContext } from './context.ts';
import { actionable } from './detection.ts';
import { serial } from './serial.ts';

/** Leases of providers shown by an open page, in storage.session: a page closing is never told to the worker. */
const SHOWN_KEY = 'shown';

async function readLeases() {
  return parseShownLeases((await browser.storage.session.get(SHOWN_KEY))[SHOWN_KEY]);
}

/** A page shows these providers now: they are read while it does (the caller checked the ids). */
export function noteShown(providerIds: readonly string[], now: Date): Promise<void> {
  return serial.run(SHOWN_KEY, async () => {
    await browser.storage.session.set({ [SHOWN_KEY]: renewShown(await readLeases(), providerIds, now.getTime()) });
  });
}

export async function interestNow(ctx: WorkerContext): Promise<Interest> {
  const [tabs, stack, leases, settings] = await Promise.all([ctx.tabs(), ctx.stack(), readLeases(), ctx.settings()]);
  const tabProducts = [...tabs.values()].flatMap((tab) => actionable(tab.detections).map((detection) => detection.productId));
  const stackProducts = stackMembers(stack, ctx.index, ctx.now).map((member) => member.productId);
  // The user may ask to read every provider, so that status pages cannot tell which tools are used here.
  const everyProvider = settings.polling.everyProvider ? ctx.index.catalog.providers.map((provider) => provider.id) : [];
  return interestOf(ctx.index, { tabProducts, stackProducts, shownProviders: [...activeShown(leases, ctx.now.getTime()), ...everyProvider] });
}
