import { fakeBrowser, pageSender, resetBrowser } from '../support/fake-extension.ts';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventContext } from '../../src/background/context.ts';
import { activeData, forgetLoadedData, loadData } from '../../src/background/data.ts';
import { deleteStoredPack, readStoredPack, readUpdateState, writeStoredPack } from '../../src/background/data-store.ts';
import { checkForData, dataStatus, DATA_CHECK_ALARM, ensureDataCheckAlarm, fetchPack, rollBack, type UpdateDeps } from '../../src/background/data-updates.ts';
import { clearAll } from '../../src/background/db.ts';
import { getCatalog } from '../../src/background/handlers/get-catalog.ts';
import { getProviderNames } from '../../src/background/handlers/get-provider-names.ts';
import { pageReport } from '../../src/background/handlers/page-report.ts';
import { readTab, writeTab } from '../../src/background/tab-store.ts';
import { CATALOG } from '../../src/catalog/index.ts';
import type { Product } from '../../src/catalog/types.ts';
import type { DataSourceConfig } from '../../src/pack/config.ts';
import { MAX_PACK_BYTES } from '../../src/pack/format.ts';
import { catalogWith, movedProvider, newSigningKey, packbotProduct, signedPack } from '../support/packs.ts';
import { EXTENSION_PAGE } from '../support/fake-extension.ts';

const NOW = new Date();
const HOUR_MS = 3_600_000;
const URL_ = 'https://data.upstream.test/upstream.pack';
const key = await newSigningKey();
const otherKey = await newSigningKey();
const SOURCE: DataSourceConfig = { url: URL_, keys: [key.publicKey], testKeys: [], builtAt: new Date(NOW.getTime() - 48 * HOUR_MS).toISOString() };
const published = (hoursAgo = 1) => new Date(NOW.getTime() - hoursAgo * HOUR_MS);

const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;
const packbot = packbotProduct(NOW);
const changed = catalogWith({ products: [packbot], providers: [movedProvider(anthropic, 'https://status.claude-moved.test')] });

/** The update address as the tests play it: what it serves next, and what it was asked. */
function server() {
  const asked: { url: string; init: RequestInit | undefined }[] = [];
  let answer: () => Response = () => new Response(null, { status: 404 });
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    asked.push({ url: String(input), init });
    return answer();
  }) as typeof fetch;
  return {
    asked,
    deps: { source: SOURCE, fetch: fetchImpl, random: () => 0 } satisfies UpdateDeps,
    serve(bytes: Uint8Array, etag: string | null = null) {
      answer = () => new Response(bytes.slice(), { status: 200, headers: etag ? { etag } : {} });
    },
    answer(make: () => Response) {
      answer = make;
    },
  };
}

/** How the extension was installed, as management.getSelf says (the polyfill calls it with a callback). */
function installedAs(installType: 'normal' | 'development'): void {
  const self = { installType };
  (fakeBrowser.management as unknown as { getSelf: (callback?: (info: typeof self) => void) => Promise<typeof self> }).getSelf = (callback) => {
    callback?.(self);
    return Promise.resolve(self);
  };
}

const ifNoneMatch = (init: RequestInit | undefined) => new Headers(init?.headers).get('if-none-match');

describe('data packs in the worker', () => {
  beforeEach(async () => {
    resetBrowser();
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Upstream', version: '0.1.0' });
    installedAs('normal');
    // The worker's status reads after a change go nowhere: unit tests never touch the network.
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('no network in unit tests')));
    await clearAll();
    await deleteStoredPack();
    forgetLoadedData();
  });
  afterAll(() => vi.unstubAllGlobals());

  it('applies a newer signed pack: the worker’s catalog, what pages are told, and the content script’s markers change', async () => {
    const { deps, serve } = server();
    serve(signedPack(changed, { version: 1, published: published() }, key), '"v1"');
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'applied', version: 1 });

    const data = await activeData();
    expect(data.index.product('packbot-assistant')?.name).toBe('Packbot assistant');
    expect(data.index.provider('anthropic')?.status.pageUrl).toBe('https://status.claude-moved.test');
    const status = await dataStatus(SOURCE);
    expect(status.provenance).toEqual({ source: 'pack', version: 1, published: published().toISOString(), extensionVersion: '0.1.0' });
    expect(status.changelog).toEqual([
      { kind: 'provider-moved', id: 'anthropic', name: 'Anthropic', from: 'https://status.claude.com', to: 'https://status.claude-moved.test' },
      { kind: 'product-added', id: 'packbot-assistant', name: 'Packbot assistant' },
    ]);
    expect(status.last).toEqual({ outcome: 'applied', version: 1 });
    // The next check is a day later, and an alarm wakes the worker for it.
    expect(Date.parse(status.nextCheckAt!) - NOW.getTime()).toBe(24 * HOUR_MS);
    expect((await fakeBrowser.alarms.get(DATA_CHECK_ALARM))?.scheduledTime).toBe(Date.parse(status.nextCheckAt!));

    // A page's report is answered with the pack's markers, which name the new widget's script host and marker.
    const ctx = await eventContext();
    const report = { hostname: 'shop.example.com', path: '/', timeOrigin: 1, seq: 1, scripts: [], iframes: [], dom: [], meta: [] };
    const reply = await pageReport.handle(report, pageSender(4, 'shop.example.com'), ctx);
    expect(reply.ok && reply.value?.markers.urlHosts).toContain('widget.packbot.test/embed/');
    expect(reply.ok && reply.value?.markers.dom).toContain('#packbot-launcher');
    // The pages: the catalog page is sent the pack's catalog, Options the providers' names.
    const catalog = await getCatalog.handle({}, EXTENSION_PAGE, ctx);
    expect(catalog.ok && catalog.value.catalog?.products.some((product) => product.id === 'packbot-assistant')).toBe(true);
    const names = await getProviderNames.handle({}, EXTENSION_PAGE, ctx);
    expect(names.ok && names.value.find((provider) => provider.id === 'anthropic')).toEqual({ id: 'anthropic', name: 'Anthropic' });
  });

  it('sends nothing about the user: no cookies, no referrer, only the ETag it was given', async () => {
    const { deps, serve, asked, answer } = server();
    serve(signedPack(changed, { version: 1, published: published() }, key), '"v1"');
    await checkForData(NOW, deps);
    expect(asked[0]).toMatchObject({ url: URL_, init: { method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' } });
    expect(ifNoneMatch(asked[0]!.init)).toBeNull();
    // The next check revalidates; a 304 leaves everything as it is.
    answer(() => new Response(null, { status: 304 }));
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'up-to-date' });
    expect(ifNoneMatch(asked[1]!.init)).toBe('"v1"');
    expect((await activeData()).info.provenance.version).toBe(1);
  });

  it('refuses a tampered pack, keeps the data in use, says why, and reads the next one in full', async () => {
    const { deps, serve, asked } = server();
    serve(signedPack(changed, { version: 1, published: published() }, key), '"v1"');
    await checkForData(NOW, deps);
    const tampered = signedPack(changed, { version: 2, published: published() }, key);
    tampered[tampered.length - 3]! ^= 1;
    serve(tampered, '"v2"');
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'refused', refusal: { reason: 'bad-signature' } });
    expect((await activeData()).info.provenance.version).toBe(1);
    expect((await readStoredPack())?.version).toBe(1);
    const state = await readUpdateState();
    expect(state.last).toEqual({ outcome: 'refused', refusal: { reason: 'bad-signature' } });
    expect(state.etag).toBeNull();
    await checkForData(NOW, deps);
    expect(ifNoneMatch(asked[2]!.init)).toBeNull();
  });

  it('refuses a pack signed with another key, an older version, an unknown format and an oversize download, keeping the data', async () => {
    const { deps, serve, answer } = server();
    serve(signedPack(changed, { version: 5, published: published() }, key));
    await checkForData(NOW, deps);
    const refusals: unknown[] = [];
    for (const bytes of [
      signedPack(changed, { version: 6, published: published() }, otherKey),
      signedPack(changed, { version: 4, published: published() }, key),
      signedPack(changed, { version: 6, published: published(), edit: (document) => (document.schema = 9) }, key),
    ]) {
      serve(bytes);
      refusals.push(await checkForData(NOW, deps));
    }
    // Too large: the body stops being read past the limit, whatever the server claims.
    let pulled = 0;
    answer(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              pulled += 1;
              controller.enqueue(new Uint8Array(1024 * 1024));
            },
          }),
          { status: 200 },
        ),
    );
    refusals.push(await checkForData(NOW, deps));
    expect(refusals).toEqual([
      { outcome: 'refused', refusal: { reason: 'unknown-key', keyId: otherKey.keyId } },
      { outcome: 'refused', refusal: { reason: 'not-newer', version: 4, newest: 5 } },
      { outcome: 'refused', refusal: { reason: 'unsupported-schema', schema: '9' } },
      { outcome: 'refused', refusal: { reason: 'too-large', limit: MAX_PACK_BYTES } },
    ]);
    expect(pulled).toBeLessThanOrEqual(MAX_PACK_BYTES / (1024 * 1024) + 2);
    expect((await activeData()).info.provenance.version).toBe(5);
    // The same version again is no news.
    serve(signedPack(changed, { version: 5, published: published() }, key));
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'up-to-date' });
  });

  it('backs off after server errors and waits at least as long as Retry-After asks', async () => {
    const { deps, answer } = server();
    answer(() => new Response('busy', { status: 503, headers: { 'retry-after': '7200' } }));
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'failed', failure: { reason: 'http', status: 503 } });
    let state = await readUpdateState();
    expect(state.failures).toBe(1);
    expect(Date.parse(state.nextCheckAt!) - NOW.getTime()).toBe(2 * HOUR_MS);
    answer(() => new Response('broken', { status: 500 }));
    await checkForData(NOW, deps);
    state = await readUpdateState();
    expect(state.failures).toBe(2);
    expect(Date.parse(state.nextCheckAt!) - NOW.getTime()).toBe(HOUR_MS);
    answer(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'failed', failure: { reason: 'network' } });
    expect((await activeData()).info.provenance.source).toBe('bundled');
  });

  it('rolls back to the bundled data in one step, and does not apply that version again; a newer one it does', async () => {
    const { deps, serve } = server();
    serve(signedPack(changed, { version: 3, published: published() }, key));
    await checkForData(NOW, deps);
    await rollBack(NOW);
    expect((await activeData()).info.provenance.source).toBe('bundled');
    expect((await activeData()).index.product('packbot-assistant')).toBeUndefined();
    expect(await readStoredPack()).toBeUndefined();
    expect((await dataStatus(SOURCE)).last).toEqual({ outcome: 'rolled-back', version: 3 });
    // A restarted worker starts with the bundled data too.
    forgetLoadedData();
    expect((await activeData()).info.provenance.source).toBe('bundled');

    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'refused', refusal: { reason: 'not-newer', version: 3, newest: 3 } });
    expect((await activeData()).info.provenance.source).toBe('bundled');
    serve(signedPack(changed, { version: 4, published: published() }, key));
    expect(await checkForData(NOW, deps)).toEqual({ outcome: 'applied', version: 4 });
  });

  it('loads the stored pack at a worker start, and checks it again under a build that did not accept it', async () => {
    const { deps, serve } = server();
    serve(signedPack(changed, { version: 2, published: published() }, key));
    await checkForData(NOW, deps);
    forgetLoadedData();
    expect((await activeData()).info.provenance.version).toBe(2);

    // An update of the extension that still accepts the key keeps the pack.
    await writeStoredPack({ ...(await readStoredPack())!, checkedBy: 'an earlier build' });
    expect((await loadData(SOURCE)).info.provenance.version).toBe(2);
    expect((await readStoredPack())?.checkedBy).not.toBe('an earlier build');
    // One that retired the key drops it, and says why.
    await writeStoredPack({ ...(await readStoredPack())!, checkedBy: 'an earlier build' });
    expect((await loadData({ ...SOURCE, keys: [otherKey.publicKey] })).info.provenance.source).toBe('bundled');
    expect(await readStoredPack()).toBeUndefined();
    expect((await readUpdateState()).last).toEqual({ outcome: 'dropped', version: 2, refusal: { reason: 'unknown-key', keyId: key.keyId } });
  });

  it('drops a stored pack older than the data bundled with a newer build', async () => {
    const { deps, serve } = server();
    serve(signedPack(changed, { version: 2, published: published(5) }, key));
    await checkForData(NOW, deps);
    await writeStoredPack({ ...(await readStoredPack())!, checkedBy: 'an earlier build' });
    expect((await loadData({ ...SOURCE, builtAt: published(1).toISOString() })).info.provenance.source).toBe('bundled');
    expect((await readUpdateState()).last).toMatchObject({ outcome: 'dropped', refusal: { reason: 'older-than-bundled' } });
  });

  it('accepts a test build’s key only when installed unpacked, never from a store', async () => {
    const { deps, serve } = server();
    const testBuild = { ...deps, source: { ...SOURCE, keys: [], testKeys: [key.publicKey] } };
    serve(signedPack(changed, { version: 1, published: published() }, key));
    expect(await checkForData(NOW, testBuild)).toEqual({ outcome: 'refused', refusal: { reason: 'unknown-key', keyId: key.keyId } });
    installedAs('development');
    expect(await checkForData(NOW, testBuild)).toEqual({ outcome: 'applied', version: 1 });
  });

  it('detects the products of open tabs again when a pack adds one on their site', async () => {
    const packdesk: Product = { ...packbot, id: 'packdesk', name: 'Packdesk', kind: 'first-party', detect: { hosts: ['app.packdesk.test'] } };
    const report = { hostname: 'app.packdesk.test', path: '/inbox', timeOrigin: 1, seq: 1, scripts: [], iframes: [], dom: [], meta: [] };
    await writeTab(9, { hostname: 'app.packdesk.test', report, globals: [], detections: [] });
    const { deps, serve } = server();
    serve(signedPack(catalogWith({ products: [packdesk] }), { version: 1, published: published() }, key));
    await checkForData(NOW, deps);
    expect((await readTab(9))?.detections.map((detection) => detection.productId)).toEqual(['packdesk']);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 9 })).not.toBe('');
  });

  it('never asks from a build without an update address; with one, keeps one check scheduled', async () => {
    const { deps, asked } = server();
    const none = { ...deps, source: { ...SOURCE, url: null } };
    expect(checkForData(NOW, none)).toBeNull();
    await ensureDataCheckAlarm(NOW, none);
    expect(await fakeBrowser.alarms.get(DATA_CHECK_ALARM)).toBeUndefined();
    expect(asked).toEqual([]);
    expect((await dataStatus({ ...SOURCE, url: null })).source).toBeNull();

    await ensureDataCheckAlarm(NOW, deps);
    const first = await fakeBrowser.alarms.get(DATA_CHECK_ALARM);
    expect(first?.scheduledTime).toBe(NOW.getTime() + 60_000);
    expect((await readUpdateState()).nextCheckAt).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    // A restarted worker keeps the time it had.
    await ensureDataCheckAlarm(new Date(NOW.getTime() + 5000), deps);
    expect((await fakeBrowser.alarms.get(DATA_CHECK_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
  });

  it('fetchPack: a download that takes too long or leaves https is a failure, not a pack', async () => {
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
    expect(await fetchPack(URL_, null, NOW, hanging, 50)).toEqual({ kind: 'failed', failure: { reason: 'timeout' }, retryAfterMs: null });
    const redirected = (async () => {
      const response = new Response('{}', { status: 200 });
      Object.defineProperty(response, 'url', { value: 'http://data.upstream.test/upstream.pack' });
      return response;
    }) as typeof fetch;
    expect(await fetchPack(URL_, null, NOW, redirected)).toEqual({ kind: 'failed', failure: { reason: 'insecure-redirect' }, retryAfterMs: null });
  });
});
