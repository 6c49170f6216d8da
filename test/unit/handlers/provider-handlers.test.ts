import { EXTENSION_PAGE, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/background/db.ts';
import { getLevels } from '../../../src/background/handlers/get-levels.ts';
import { getProviderView } from '../../../src/background/handlers/get-provider-view.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { allClearFetcher } from '../../support/all-clear-fetcher.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { testContext } from '../../support/worker-context.ts';

describe('get-levels and get-provider-view', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('are for Upstream’s own pages only', () => {
    expect(getLevels.callers).toEqual(['extension-page']);
    expect(getProviderView.callers).toEqual(['extension-page']);
  });

  it('get-levels gives every provider a level, unknown until read', async () => {
    const reply = await getLevels.handle({}, EXTENSION_PAGE, testContext());
    if (!reply.ok) throw new Error('expected levels');
    expect(Object.keys(reply.value).sort()).toEqual(CATALOG.providers.map((provider) => provider.id).sort());
    expect(reply.value.openai).toEqual({ level: 'unknown', freshness: 'never-read', checkedAt: null });
  });

  it('get-provider-view shows a provider with its page’s own recent incidents, and says an unknown one is not found', async () => {
    const now = new Date();
    const reply = await getProviderView.handle({ providerId: 'anthropic', recent: true }, EXTENSION_PAGE, testContext({ now, fetcher: allClearFetcher(now) }));
    if (!reply.ok) throw new Error('expected a view');
    expect(reply.value).toMatchObject({ providerId: 'anthropic', recentSupported: true, recent: { ok: true, incidents: [] }, retentionDays: 90 });
    expect(reply.value.components.map((component) => component.componentId)).toEqual(CATALOG.providers.find((provider) => provider.id === 'anthropic')!.components.map((component) => component.id));
    expect(await getProviderView.handle({ providerId: 'nobody', recent: false }, EXTENSION_PAGE, testContext())).toEqual({ ok: false, error: { code: 'not-found' } });
  });

  it('a status page that cannot be read for its history is a value in the view, not a failure', async () => {
    const reply = await getProviderView.handle({ providerId: 'anthropic', recent: true }, EXTENSION_PAGE, testContext({ fetcher: fakeFetcher({}) }));
    expect(reply.ok && reply.value.recent).toMatchObject({ ok: false });
  });
});
