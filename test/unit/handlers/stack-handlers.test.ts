import { EXTENSION_PAGE, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/background/db.ts';
import { forgetProductHandler } from '../../../src/background/handlers/forget-product.ts';
import { getStack } from '../../../src/background/handlers/get-stack.ts';
import { setPinnedHandler } from '../../../src/background/handlers/set-pinned.ts';
import { noteVisits, readStack } from '../../../src/background/stack-store.ts';
import { allClearFetcher } from '../../support/all-clear-fetcher.ts';
import { testContext } from '../../support/worker-context.ts';

describe('set-pinned, forget-product and get-stack', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('are for Upstream’s own pages only', () => {
    for (const handler of [setPinnedHandler, forgetProductHandler, getStack]) expect(handler.callers).toEqual(['extension-page']);
  });

  it('set-pinned pins and unpins a catalog product, and says an unknown one is not found', async () => {
    const ctx = testContext({ fetcher: allClearFetcher(new Date()) });
    expect(await setPinnedHandler.handle({ productId: 'cursor', pinned: true }, EXTENSION_PAGE, ctx)).toEqual({ ok: true, value: null });
    expect((await readStack()).pinned).toEqual(['cursor']);
    expect(await setPinnedHandler.handle({ productId: 'cursor', pinned: false }, EXTENSION_PAGE, ctx)).toEqual({ ok: true, value: null });
    expect((await readStack()).pinned).toEqual([]);
    expect(await setPinnedHandler.handle({ productId: 'no-such-product', pinned: true }, EXTENSION_PAGE, ctx)).toEqual({ ok: false, error: { code: 'not-found' } });
  });

  it('forget-product forgets the visits and the pin, and says an unknown product is not found', async () => {
    await noteVisits(['notion-ai', 'cursor']);
    const ctx = testContext();
    expect(await forgetProductHandler.handle({ productId: 'notion-ai' }, EXTENSION_PAGE, ctx)).toEqual({ ok: true, value: null });
    expect(Object.keys((await readStack()).visits)).toEqual(['cursor']);
    expect(await forgetProductHandler.handle({ productId: 'no-such-product' }, EXTENSION_PAGE, ctx)).toEqual({ ok: false, error: { code: 'not-found' } });
  });

  it('get-stack lists the tools with their status, groups by provider and builds the backup plan', async () => {
    const now = new Date();
    const reply = await getStack.handle({}, EXTENSION_PAGE, testContext({ now, stack: { visits: { 'notion-ai': now.toISOString() }, pinned: ['cursor'] } }));
    if (!reply.ok) throw new Error('expected a view');
    expect(reply.value.entries.map((entry) => entry.member.productId).sort()).toEqual(['cursor', 'notion-ai']);
    expect(reply.value.groups.find((group) => group.providerId === 'anthropic')?.productIds.sort()).toEqual(['cursor', 'notion-ai']);
    expect(reply.value.report.products).toHaveLength(2);
  });
});
