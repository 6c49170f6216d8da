import { beforeAll, describe, expect, it } from 'vitest';
import { claudeSummary } from '../fixtures/status/scenarios.ts';
import { badge, evaluateInWorker, openExtensionPage, openPopup, tabDetections, tabIdFor, waitFor, type ExtensionBrowser } from './support/browser.ts';
import type { Page } from 'playwright-core';
import { useExtensionWorld } from './support/harness.ts';
import type { Answer, HttpsWorld } from './support/https-world.ts';

const json = (value: unknown): Answer => ({ status: 200, type: 'application/json', body: JSON.stringify(value) });
const MB = 1024 * 1024;
const SHOP = 'shop.acme-hardware.com';

/**
 * Claude's status page turned hostile: 60,000 components that all flip on every read, an open incident whose
 * half-megabyte latest update is re-stamped on every read and links to another site, and a hundred new incidents
 * per read. Just under the 4 MB a status read may take.
 */
function hostileSummary(read: number, now = new Date()): unknown {
  const summary = claudeSummary('outage', now) as unknown as { components: unknown[]; incidents: Record<string, unknown>[]; page: Record<string, unknown> };
  const status = read % 2 === 0 ? 'major_outage' : 'operational';
  for (let n = 0; n < 60_000; n++) summary.components.push({ id: `h${n}`, name: `n${n}`, status });
  const restamped = {
    ...summary.incidents[0],
    shortlink: 'https://phish.example/login',
    incident_updates: [{ id: `u${read}`, status: 'identified', body: 'x'.repeat(500_000), created_at: now.toISOString(), display_at: now.toISOString() }],
  };
  const invented = Array.from({ length: 100 }, (_, n) => ({ id: `r${read}i${n}`, name: `Invented ${n}`, status: 'investigating', impact: 'minor', shortlink: 'https://phish.example/', incident_updates: [], components: [] }));
  summary.incidents = [restamped, ...invented];
  return summary;
}

/** What Upstream's origin uses on disk (IndexedDB and the rest), as the browser counts it. */
async function storageUsage(browser: ExtensionBrowser): Promise<number> {
  const page = await openExtensionPage(browser, 'options');
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await page.close();
  return usage;
}

/** Rows in one of the worker's IndexedDB stores, counted from an extension page (same origin). */
async function countRows(browser: ExtensionBrowser, store: string): Promise<number> {
  return evaluateInWorker(
    browser.context,
    (name: string) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('upstream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
    store,
  );
}

/** Runs a read-only request on the worker's IndexedDB from an extension page (same origin), which wakes no stopped worker. */
function readDb<T>(page: Page, store: 'health' | 'status-events', read: 'count-before' | 'newest-attempt', cutoff = ''): Promise<T> {
  return page.evaluate(
    ([name, kind, before]) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('upstream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const objects = open.result.transaction(name).objectStore(name);
          const request: IDBRequest = kind === 'count-before' ? objects.index('by-at').count(IDBKeyRange.upperBound(before, true)) : objects.getAll();
          request.onsuccess = () => {
            open.result.close();
            const attempts = kind === 'newest-attempt' ? (request.result as { lastAttemptAt: string | null }[]).map((record) => record.lastAttemptAt ?? '').sort() : [];
            resolve((kind === 'count-before' ? request.result : (attempts.at(-1) ?? '')) as T);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [store, read, cutoff] as const,
  );
}
/** Status events older than `cutoff` (ISO). */
const oldEvents = (page: Page, cutoff: string) => readDb<number>(page, 'status-events', 'count-before', cutoff);
/** The newest read attempt of any provider (ISO), from the health records a poll writes. */
const newestAttempt = (page: Page) => readDb<string>(page, 'health', 'newest-attempt');

describe('hostile status pages, hostile pages and a year of history, in real Chromium', () => {
  const world = useExtensionWorld();
  let server: HttpsWorld;
  let browser: ExtensionBrowser;

  beforeAll(() => {
    ({ server, browser } = world);
  });

  it('ten reads of a hostile status page keep storage under 5 MB, the popup opens within a second, links stay on the status host', async () => {
    // Large, yet under the 4 MB a status read takes: every read is parsed and cut, not refused.
    const size = JSON.stringify(hostileSummary(0)).length;
    expect(size).toBeGreaterThan(3.5 * MB);
    expect(size).toBeLessThan(4 * MB);
    const baseline = await storageUsage(browser);
    const notion = await browser.context.newPage();
    await notion.goto('https://www.notion.so/');
    const tab = await tabIdFor(browser.context, 'www.notion.so');
    let reads = 0;
    server.world.statusOverrides.set('status.claude.com', (_req, path) => {
      if (path === '/api/v2/status.json') return json({ page: { id: 'p', updated_at: new Date().toISOString() }, status: { indicator: 'major', description: 'Major outage' } });
      if (path === '/api/v2/summary.json') return json(hostileSummary(++reads));
      return null;
    });
    const options = await openExtensionPage(browser, 'options');
    for (let n = 0; n < 10; n++) {
      const started = reads;
      await options.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh-now', payload: {} }));
      expect(reads).toBeGreaterThan(started);
    }
    await options.close();
    expect(reads).toBeGreaterThanOrEqual(10);
    const usage = await storageUsage(browser);
    console.log(`storage after ${reads} hostile reads: ${(usage / MB).toFixed(2)} MB (${(baseline / MB).toFixed(2)} MB before them)`);
    expect(usage).toBeLessThanOrEqual(5 * MB);
    expect(await countRows(browser, 'incidents')).toBeLessThanOrEqual(200);

    const opened = Date.now();
    const popup = await openPopup(browser, tab);
    await popup.getByRole('region', { name: 'What to do now' }).waitFor();
    const popupMs = Date.now() - opened;
    console.log(`popup rendered in ${popupMs} ms`);
    expect(popupMs).toBeLessThan(1000);
    expect((await badge(browser.context, tab)).text).toBe('OUT');
    const popupLinks = await popup.locator('a[href^="http"]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(popupLinks.filter((href) => href.includes('phish.example'))).toEqual([]);
    await popup.close();

    const provider = await openExtensionPage(browser, { app: '/provider/anthropic' });
    await provider.getByRole('heading', { name: /Uptime, last 30 days/ }).waitFor({ timeout: 5000 });
    const links = await provider.locator('a.incident-title').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(0);
    // The status page itself, or Statuspage's own short links; never the page's other link.
    expect(links.filter((href) => !href.startsWith('https://status.claude.com') && !href.startsWith('https://stspg.io/'))).toEqual([]);
    await provider.close();
    await notion.close();
    server.world.statusOverrides.delete('status.claude.com');
  }, 240_000);

  it('a page sees no event, no answer to a forged scan, and no extension URL in any stack; its widget is still confirmed by its global', async () => {
    server.world.pages.set(
      `${SHOP}/trap`,
      `<!doctype html><title>Acme</title><script>
        const seen = (window.__seen = { events: [], stacks: [], getterCalls: 0 });
        let forging = false;
        const keep = (label) => { const stack = String(new Error().stack); if (/-extension:\\/\\//.test(stack)) seen.stacks.push(label + ': ' + stack); };
        for (const type of ['upstream:scan', 'upstream:globals', 'upstream:report']) {
          document.addEventListener(type, () => forging || seen.events.push(type), true);
          window.addEventListener(type, () => forging || seen.events.push(type), true);
        }
        // A getter on a global the catalog watches: reading it would run page code inside the extension's.
        Object.defineProperty(window, 'Intercom', { get() { seen.getterCalls++; keep('getter'); return function () {}; }, configurable: true });
        // Built-ins any injected code might call, replaced by spies.
        const spy = (owner, name) => { const original = owner[name]; owner[name] = function (...args) { keep(name); return original.apply(this, args); }; };
        for (const [owner, name] of [[Object, 'getOwnPropertyDescriptor'], [Object, 'keys'], [Object, 'hasOwn'], [Array.prototype, 'push'], [Array.prototype, 'join'],
          [Array.prototype, 'filter'], [String.prototype, 'split'], [JSON, 'stringify'], [JSON, 'parse'], [Reflect, 'has'], [EventTarget.prototype, 'dispatchEvent'],
          [EventTarget.prototype, 'addEventListener'], [Document.prototype, 'querySelector'], [Promise.prototype, 'then']]) spy(owner, name);
        // A forged scan request: an extension listening for it would answer, or be seen reacting.
        setTimeout(() => { forging = true; document.dispatchEvent(new CustomEvent('upstream:scan')); forging = false; }, 300);
      </script><h1>Acme Hardware</h1><script type="text/plain" src="https://widget.intercom.io/widget/acmehw01"></script>`,
    );
    // The widget's loader tag is inert here (a browser fetches no script of that type), so no request of the widget
    // makes it certain: only its global can, and the check of the global runs against the page's traps.
    const page = await browser.context.newPage();
    await page.goto(`https://${SHOP}/trap`);
    const tab = await tabIdFor(browser.context, SHOP, '/trap');
    const found = await waitFor(
      () => tabDetections(browser.context, tab),
      (record) => record?.detections.some((d) => d.productId === 'intercom-fin' && d.evidence.some((e) => e.signal === 'global')) ?? false,
    );
    expect(found?.detections.find((d) => d.productId === 'intercom-fin')?.confidence).toBe('high');
    await page.waitForTimeout(1500);
    const seen = await page.evaluate(() => (window as unknown as { __seen: unknown }).__seen);
    expect(seen).toEqual({ events: [], stacks: [], getterCalls: 0 });
    await page.close();
  }, 60_000);

  it('forged document and history events spend none of a page’s reads: a widget added after them is still found', async () => {
    // While loading, the page forges the events a content script might wait for; then, once loaded, more history
    // events than the 12 reads a path gets, a second apart; only then does its widget arrive.
    server.world.pages.set(
      `${SHOP}/forged`,
      `<!doctype html><title>Acme</title><script>
        for (const type of ['readystatechange', 'DOMContentLoaded']) document.dispatchEvent(new Event(type));
        let fired = 0;
        const timer = setInterval(() => {
          dispatchEvent(new PopStateEvent('popstate'));
          if (++fired < 14) return;
          clearInterval(timer);
          const widget = document.createElement('script');
          widget.src = 'https://widget.intercom.io/widget/acmehw02';
          document.body.append(widget);
        }, 1100);
      </script><h1>Acme Hardware</h1>`,
    );
    const page = await browser.context.newPage();
    await page.goto(`https://${SHOP}/forged`);
    const tab = await tabIdFor(browser.context, SHOP, '/forged');
    const found = await waitFor(
      () => tabDetections(browser.context, tab),
      (record) => record?.detections.some((d) => d.productId === 'intercom-fin' && d.evidence.some((e) => e.matched === 'widget.intercom.io/widget/acmehw02')) ?? false,
      40_000,
    );
    expect(found).not.toBeNull();
    await page.close();
  }, 60_000);

  it('the content script’s world can read nothing from Upstream’s storage', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.notion.so/private-page');
    await tabIdFor(browser.context, 'www.notion.so', '/private-page');
    const cdp = await browser.context.newCDPSession(page);
    const contexts: { id: number; name: string; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const isolated = await waitFor(
      async () => contexts.find((context) => context.auxData?.type === 'isolated' && context.name === 'Upstream'),
      (context) => context !== undefined,
      10_000,
    );
    const attempt = async (expression: string) => {
      const { result } = (await cdp.send('Runtime.evaluate', { expression, contextId: isolated!.id, awaitPromise: true, returnByValue: true })) as { result: { value: unknown } };
      return result.value;
    };
    // The content script's own API is there (it sends messages); storage is refused in both areas.
    expect(await attempt(`typeof chrome.runtime.sendMessage`)).toBe('function');
    for (const area of ['local', 'session']) {
      const read = await attempt(`chrome.storage.${area}.get(null).then((items) => 'read ' + Object.keys(items).length + ' keys', (error) => 'refused: ' + error.message)`);
      expect(read).toMatch(/^refused/);
      const write = await attempt(`chrome.storage.${area}.set({ settings: {} }).then(() => 'wrote', (error) => 'refused: ' + error.message)`);
      expect(write).toMatch(/^refused/);
    }
    await cdp.detach();
    await page.close();
  });

  it('a page listing 300 scripts and 300 frames of other sites leaves only its catalog match in the tab’s record', async () => {
    const foreign = (kind: string, n: number) => `https://cdn${n}.tracker-${kind}.example/${'p'.repeat(200)}/${n}.js`;
    const scripts = Array.from({ length: 300 }, (_, n) => `<script src="${foreign('s', n)}"></script>`).join('');
    const frames = Array.from({ length: 300 }, (_, n) => `<iframe src="${foreign('f', n)}"></iframe>`).join('');
    server.world.pages.set(`${SHOP}/crowded`, `<!doctype html><title>Acme</title>${scripts}${frames}<script src="https://widget.intercom.io/widget/acmehw01"></script>`);
    const page = await browser.context.newPage();
    await page.goto(`https://${SHOP}/crowded`, { waitUntil: 'domcontentloaded' });
    const tab = await tabIdFor(browser.context, SHOP, '/crowded');
    await waitFor(
      () => tabDetections(browser.context, tab),
      (record) => record?.detections.some((d) => d.productId === 'intercom-fin' && d.evidence.some((e) => e.signal === 'script')) ?? false,
    );
    const stored = await evaluateInWorker(browser.context, async (id: number) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { report: { scripts: string[]; iframes: string[] } }, tab);
    expect(stored.report.scripts).toEqual(['widget.intercom.io/widget/acmehw01']);
    expect(stored.report.iframes).toEqual([]);
    expect(JSON.stringify(stored).length).toBeLessThan(4096);
    await page.close();
  });

  it('pages repeating a widget’s own URLs under hundreds of paths keep each tab’s record and cached view within their bounds', async () => {
    // 300 scripts and 300 frames per page, every one matching Ada's patterns, each URL the 300 characters a report keeps.
    const long = (prefix: string, n: number) => `${prefix}${n}/${'a'.repeat(300)}`.slice(0, 300 + 'https://'.length);
    const scripts = Array.from({ length: 300 }, (_, n) => `<script src="${long('https://static.ada.support/embed2.js/', n)}"></script>`).join('');
    const frames = Array.from({ length: 300 }, (_, n) => `<iframe src="${long('https://messaging-assets.ada.support/', n)}"></iframe>`).join('');
    // Several tabs at once, each read as it loads (its 300 frames hold the page's load, and a product found by its
    // requests first waits for that before its globals are asked about).
    const pages = [];
    for (const path of ['/flood-1', '/flood-2', '/flood-3']) {
      server.world.pages.set(`${SHOP}${path}`, `<!doctype html><title>Acme</title>${scripts}${frames}`);
      const page = await browser.context.newPage();
      await page.goto(`https://${SHOP}${path}`, { waitUntil: 'domcontentloaded' });
      const tab = await tabIdFor(browser.context, SHOP, path);
      pages.push(page);
      const stored = await waitFor(
        () =>
          evaluateInWorker(
            browser.context,
            async (id: number) => {
              const keys = [`tab:${id}`, `view:${id}`];
              const items = await chrome.storage.session.get(keys);
              return keys.map((key) => (items[key] === undefined ? null : JSON.stringify(items[key])));
            },
            tab,
          ),
        // The page reports its scripts; the worker sees its frames load: both, in whichever order they come.
        ([record, view]) => [record, view].every((stored) => stored?.includes('"signal":"iframe"') && stored.includes('"signal":"script"')),
        90_000,
      );
      const [record, view] = stored as [string, string];
      const detection = (JSON.parse(record) as { detections: { productId: string; evidence: { signal: string }[] }[] }).detections.find((d) => d.productId === 'ada')!;
      expect(detection.evidence.filter((e) => e.signal === 'script')).toHaveLength(3);
      expect(detection.evidence.filter((e) => e.signal === 'iframe')).toHaveLength(3);
      // The documented bounds: 24,000 characters of detections (with the page's address), 64,000 for the view.
      expect(record.length).toBeLessThanOrEqual(25_000);
      expect(view.length).toBeLessThanOrEqual(64_000);
      console.log(`tab ${tab}: record ${record.length} characters, cached view ${view.length}`);
    }
    for (const page of pages) await page.close();
  }, 300_000);

  it('pruning a year of history lets a forced poll write its reading within 10 s; a worker stopped mid-prune keeps what it pruned and a restarted one finishes it', async () => {
    // A year of history, as if every provider's components had flipped all year.
    const seeded = await evaluateInWorker(
      browser.context,
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('upstream');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['status-events', 'incidents'], 'readwrite');
            const events = tx.objectStore('status-events');
            const incidents = tx.objectStore('incidents');
            const start = Date.now() - 365 * 86_400_000;
            let rows = 0;
            for (let n = 0; n < 300_000; n++) {
              const at = new Date(start + n * 100_000).toISOString();
              events.add({ providerId: `p${n % 30}`, componentId: `c${n % 50}`, componentName: 'Component', at, from: 'operational', to: 'degraded' });
              rows++;
            }
            for (let n = 0; n < 3000; n++) {
              const at = new Date(start + n * 10_000_000).toISOString();
              incidents.put({ providerId: `p${n % 30}`, incident: { id: `old${n}`, title: 'Old', impact: 'degraded', status: 'resolved', startedAt: at, url: '', componentIds: [], maintenance: false }, updates: [], firstSeenAt: at, lastSeenAt: at, resolvedAt: at });
              rows++;
            }
            tx.oncomplete = () => {
              open.result.close();
              resolve(rows);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      undefined,
    );
    const before = await countRows(browser, 'status-events');
    expect(before).toBeGreaterThanOrEqual(300_000);

    // The user shortens retention to 30 days (pruning starts at once) and presses "Check now".
    const options = await openExtensionPage(browser, 'options');
    // Every pruning from here on cuts at least this old: the retention counted from before the setting changed.
    const cutoff = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const initial = await oldEvents(options, cutoff);
    await options.evaluate(async () => {
      const stored = (await chrome.storage.local.get('settings')).settings ?? {};
      await chrome.storage.local.set({ settings: { ...stored, retentionDays: 30 } });
    });
    const asked = new Date().toISOString();
    // Its answer may never come: the worker is stopped below.
    void options.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh-now', payload: {} })).catch(() => undefined);
    // The poll's write (one transaction with its history rows) lands while old rows are still waiting to go.
    await waitFor(() => newestAttempt(options), (attempt) => attempt >= asked, 10_000);
    console.log(`a forced poll wrote its reading ${Date.now() - Date.parse(asked)} ms after it was asked for`);
    // Counted after the write: old rows only ever go, so they were waiting when it landed.
    const waiting = await oldEvents(options, cutoff);
    expect(waiting).toBeGreaterThan(0);
    console.log(`${waiting} of ${seeded} seeded rows were still to prune`);

    // Stop the worker while it prunes: the batches it finished stay deleted (one transaction would roll back).
    await waitFor(() => countRows(browser, 'status-events'), (rows) => rows < before, 60_000);
    const cdp = await browser.context.newCDPSession(options);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${browser.extensionId}/`));
    await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
    await cdp.detach();
    const stopped = await oldEvents(options, cutoff);
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(initial);

    // Without anything else happening, the alarm the pruning held wakes a worker that finishes it: nothing older
    // than the retention is left, and what is within it stays.
    await waitFor(() => oldEvents(options, cutoff), (old) => old === 0, 150_000);
    expect(await countRows(browser, 'status-events')).toBeGreaterThan(0);
    await options.close();
  }, 300_000);
});
