import { EXTENSION_PAGE, fakeBrowser, pageSender, resetBrowser } from '../../support/fake-extension.ts';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { activeData, forgetLoadedData } from '../../../src/background/data.ts';
import { deleteStoredPack } from '../../../src/background/data-store.ts';
import { checkForData, type UpdateDeps } from '../../../src/background/data-updates.ts';
import { clearAll } from '../../../src/background/db.ts';
import { getCatalog } from '../../../src/background/handlers/get-catalog.ts';
import { getDataStatus } from '../../../src/background/handlers/get-data-status.ts';
import { getProviderNames } from '../../../src/background/handlers/get-provider-names.ts';
import { pageReport } from '../../../src/background/handlers/page-report.ts';
import { rollBackData } from '../../../src/background/handlers/roll-back-data.ts';
import { updateDataNow } from '../../../src/background/handlers/update-data-now.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { parseRequest } from '../../../src/protocol/messages.ts';
import { catalogWith, newSigningKey, packbotProduct, signedPack } from '../../support/packs.ts';
import { testContext } from '../../support/worker-context.ts';

const NOW = new Date();
const key = await newSigningKey();
const fetchRefused = vi.fn(() => Promise.reject(new TypeError('no network in unit tests')));

/** Applies a signed pack of version `version` as a check of a pack address would (this build itself has none). */
async function applyPack(version: number): Promise<void> {
  const bytes = signedPack(catalogWith({ products: [packbotProduct(NOW)] }), { version, published: new Date(NOW.getTime() - 3_600_000) }, key);
  const deps: UpdateDeps = {
    source: { url: 'https://data.upstream.test/upstream.pack', keys: [key.publicKey], testKeys: [], builtAt: new Date(NOW.getTime() - 48 * 3_600_000).toISOString() },
    fetch: (async () => new Response(bytes.slice(), { status: 200 })) as typeof fetch,
    random: () => 0,
  };
  expect(await checkForData(NOW, deps)).toEqual({ outcome: 'applied', version });
}

const DATA_MESSAGES = ['get-data-status', 'update-data-now', 'roll-back-data', 'get-catalog', 'get-provider-names'] as const;

describe('the data messages', () => {
  beforeEach(async () => {
    resetBrowser();
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Upstream', version: '0.1.0' });
    // A store install (the polyfill calls getSelf with a callback).
    (fakeBrowser.management as unknown as { getSelf: (callback?: (info: object) => void) => Promise<object> }).getSelf = (callback) => {
      callback?.({ installType: 'normal' });
      return Promise.resolve({ installType: 'normal' });
    };
    // Nothing here may reach a network: a handler that fetched would fail the test.
    vi.stubGlobal('fetch', fetchRefused);
    await clearAll();
    await deleteStoredPack();
    forgetLoadedData();
  });
  afterAll(() => vi.unstubAllGlobals());

  it('take no parameters, and come from Upstream’s own pages only', () => {
    for (const type of DATA_MESSAGES) {
      expect(parseRequest({ type, payload: {} })).toEqual({ type, payload: {} });
      expect(parseRequest({ type, payload: { url: 'https://evil.example/pack' } })).toBeNull();
    }
    for (const handler of [getDataStatus, updateDataNow, rollBackData, getCatalog, getProviderNames]) expect(handler.callers).toEqual(['extension-page']);
  });

  it('with the bundled data: no catalog is sent (the page has it), names come from it, and pages get no markers', async () => {
    const ctx = testContext();
    expect(await getCatalog.handle({}, EXTENSION_PAGE, ctx)).toEqual({ ok: true, value: { provenance: ctx.data.provenance, catalog: null } });
    const names = await getProviderNames.handle({}, EXTENSION_PAGE, ctx);
    expect(names.ok && names.value).toHaveLength(CATALOG.providers.length);
    const report = { hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 1, scripts: [], iframes: [], dom: [], meta: [] };
    expect(await pageReport.handle(report, pageSender(3, 'www.notion.so'), ctx)).toEqual({ ok: true, value: null });
  });

  it('get-data-status: the data in use, its release notes, and what the last check found', async () => {
    const bundled = await getDataStatus.handle({}, EXTENSION_PAGE, testContext());
    expect(bundled).toEqual({ ok: true, value: { provenance: expect.objectContaining({ source: 'bundled', version: null }), changelog: [], source: null, lastCheckAt: null, nextCheckAt: null, last: null } });
    await applyPack(2);
    const reply = await getDataStatus.handle({}, EXTENSION_PAGE, testContext());
    expect(reply).toMatchObject({ ok: true, value: { provenance: { source: 'pack', version: 2 }, source: null, nextCheckAt: null, last: { outcome: 'applied', version: 2 } } });
    expect(reply.ok && reply.value.changelog.length).toBeGreaterThan(0);
  });

  it('update-data-now: a build without an update address asks nothing and answers the data in use', async () => {
    fetchRefused.mockClear();
    const reply = await updateDataNow.handle({}, EXTENSION_PAGE, testContext());
    expect(reply).toEqual({ ok: true, value: { provenance: expect.objectContaining({ source: 'bundled' }), changelog: [], source: null, lastCheckAt: null, nextCheckAt: null, last: null } });
    expect(fetchRefused).not.toHaveBeenCalled();
  });

  it('roll-back-data: back to the bundled data in one step, and the reply says which version was left', async () => {
    await applyPack(3);
    const reply = await rollBackData.handle({}, EXTENSION_PAGE, testContext());
    expect(reply).toMatchObject({ ok: true, value: { provenance: { source: 'bundled', version: null }, changelog: [], last: { outcome: 'rolled-back', version: 3 } } });
    expect((await activeData()).info.provenance.source).toBe('bundled');
    // With nothing to leave, a second rollback changes nothing.
    expect(await rollBackData.handle({}, EXTENSION_PAGE, testContext())).toEqual(reply);
  });
});
