import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { claudeSummary } from '../fixtures/status/scenarios.ts';
import { axeViolations } from './support/axe.ts';
import { catalogWith, movedProvider, newSigningKey, PACKBOT_MARKER, PACKBOT_SCRIPT_HOST, packbotProduct, signedPack } from '../support/packs.ts';
import { badge, launchWithExtension, openExtensionPage, openPopup, setSecondsPerMinute, tabDetections, tabIdFor, waitFor, type ExtensionBrowser } from './support/browser.ts';
import { ALL_CLEAR, ALL_HOSTS, startHttpsWorld, type Answer, type HttpsWorld } from './support/https-world.ts';

const DATA_HOST = 'data.upstream.test';
const PACK_URL = `https://${DATA_HOST}/upstream-data.pack`;
const MOVED_HOST = 'status.claude-moved.test';

/** The extension built for this test: its update address is the test world's, its one key made here. */
async function buildWithTestKey(outDir: string, publicKey: string): Promise<void> {
  const settings: Record<string, string> = { BROWSER: 'chrome', UPSTREAM_DATA_URL: PACK_URL, UPSTREAM_DATA_TEST_KEYS: publicKey, UPSTREAM_DATA_KEYS: '' };
  const saved = Object.keys(settings).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, settings);
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
}

/** Every chunk a page of the build loads, following its static and dynamic imports. */
function pageChunks(outDir: string, page: string): string[] {
  const html = readFileSync(join(outDir, page), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => join(outDir, match[1]!));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from\s*|import\s*\(\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) queue.push(resolve(dirname(file), match[1]!));
  }
  return [...seen];
}

/** Statuspage answers for the moved page: an outage of the Claude API, as its new home serves it. */
function movedPage(_req: IncomingMessage, path: string): Answer | null {
  const summary = claudeSummary('outage', new Date());
  if (path === '/api/v2/summary.json') return { status: 200, type: 'application/json', body: JSON.stringify(summary) };
  if (path === '/api/v2/status.json') return { status: 200, type: 'application/json', body: JSON.stringify({ page: summary.page, status: summary.status }) };
  return { status: 404, type: 'text/plain', body: 'not found' };
}

/**
 * Data packs in a real Chromium against the local HTTPS world: a test build accepts a key made by this test
 * (only because it is installed unpacked); a tampered pack is refused and Options says so; a signed pack moves
 * Anthropic to another status page and adds a widget, and both take effect without reinstalling: the next poll
 * reads the new page, and a fresh tab's content script looks for the new widget.
 */
describe('signed data packs, without an extension update', () => {
  let outDir: string;
  let server: HttpsWorld;
  let browser: ExtensionBrowser;
  let key: Awaited<ReturnType<typeof newSigningKey>>;
  /** What the update address serves now. */
  let served: { bytes: Uint8Array; etag: string } | null = null;

  beforeAll(async () => {
    key = await newSigningKey();
    outDir = mkdtempSync(join(tmpdir(), 'upstream-pack-build-'));
    await buildWithTestKey(outDir, key.publicKey);
    server = await startHttpsWorld();
    server.world.statusOverrides.set(DATA_HOST, (req) => {
      if (!served) return { status: 404, type: 'text/plain', body: 'no pack yet' };
      if (req.headers['if-none-match'] === served.etag) return { status: 304, type: 'application/octet-stream', body: '', headers: { etag: served.etag } };
      return { status: 200, type: 'application/octet-stream', body: Buffer.from(served.bytes).toString('utf8'), headers: { etag: served.etag } };
    });
    server.world.statusOverrides.set(MOVED_HOST, movedPage);
    server.world.pages.set(
      'shop.acme-hardware.com/packbot',
      `<!doctype html><html lang="en"><head><title>Acme</title><script async src="https://${PACKBOT_SCRIPT_HOST}/embed/v2.js"></script></head>` +
        `<body><h1>Hardware</h1><div id="${PACKBOT_MARKER.slice(1)}"></div></body></html>`,
    );
    browser = await launchWithExtension([...ALL_HOSTS, DATA_HOST, MOVED_HOST], server.port, outDir);
    await setSecondsPerMinute(browser.context, 2);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  const changed = () => catalogWith({ products: [packbotProduct(new Date())], providers: [movedProvider(CATALOG.providers.find((provider) => provider.id === 'anthropic')!, `https://${MOVED_HOST}`)] });

  it('the Options page of the build loads no catalog (it asks the worker for names)', () => {
    // Prose from the catalog, as the bundler writes it into whichever chunk holds the catalog.
    const product = CATALOG.products[0]!.features[0]!.dependencies[0]!.sources[0]!.summary.slice(0, 40);
    const provider = CATALOG.providers[0]!.sources[0]!.summary.slice(0, 40);
    const holds = (chunks: string[], text: string) => chunks.some((file) => readFileSync(file, 'utf8').includes(text));
    const options = pageChunks(outDir, 'src/ui/options/index.html');
    expect(options.length).toBeGreaterThan(1);
    expect(holds(options, product) || holds(options, provider)).toBe(false);
    // The catalog page does bundle it: the check finds the catalog where it is.
    expect(holds(pageChunks(outDir, 'src/ui/app/index.html'), product)).toBe(true);
  });

  it('refuses a tampered pack, says so in Options, and keeps the bundled data', async () => {
    const bytes = signedPack(changed(), { version: 1, published: new Date() }, key);
    // One character of the payload changed after signing (the version 1 becomes 7).
    const at = Buffer.from(bytes).indexOf('"version":1') + '"version":'.length;
    bytes[at] = '7'.charCodeAt(0);
    served = { bytes, etag: '"tampered"' };
    const options = await openExtensionPage(browser, 'options');
    await expect.poll(() => options.getByTestId('data-in-use').textContent()).toMatch(/^Catalog data: bundled with Upstream \d+\.\d+\.\d+, built /);
    await options.getByRole('button', { name: 'Update data now' }).click();
    await expect.poll(() => options.getByTestId('data-check').textContent(), { timeout: 20_000 }).toMatch(/a data pack was refused, and the data in use stays\. Its signature does not match its contents/);
    expect(await options.getByTestId('data-in-use').textContent()).toMatch(/bundled with Upstream/);
    expect(await options.getByRole('button', { name: 'Roll back to the bundled data' }).count()).toBe(0);
    await options.close();
  });

  it('applies a signed pack: the moved status page is read on the next poll, and the pages say which data they show', async () => {
    const { context } = browser;
    const notion = await context.newPage();
    await notion.goto('https://www.notion.so/');
    const notionTab = await tabIdFor(context, 'www.notion.so');
    await waitFor(() => badge(context, notionTab), (b) => ALL_CLEAR.test(b.title));

    const published = new Date();
    served = { bytes: signedPack(changed(), { version: 1, published }, key), etag: '"v1"' };
    const options = await openExtensionPage(browser, 'options');
    await options.getByRole('button', { name: 'Update data now' }).click();
    await expect.poll(() => options.getByTestId('data-check').textContent(), { timeout: 20_000 }).toMatch(/data version 1 was applied/);
    expect(await options.getByTestId('data-in-use').textContent()).toMatch(/^Catalog data: version 1, published /);
    const notes = await options.locator('.changelog li').allTextContents();
    expect(notes).toEqual([`Anthropic moved its status page: status.claude.com → ${MOVED_HOST}`, 'New product: Packbot assistant']);
    // The section with a pack in use, its rollback and release notes, is accessible in both colour schemes.
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      expect(await axeViolations(options), colorScheme).toEqual([]);
    }

    // No reinstall, no reload: the worker's next poll reads Anthropic's new page, which reports an outage.
    const moved = await waitFor(() => badge(context, notionTab), (b) => b.text === 'OUT', 30_000);
    expect(moved.title).toBe('Upstream\nNotion AI → Anthropic: major outage');
    expect(server.world.log.some((entry) => entry.host === MOVED_HOST && entry.path.startsWith('/api/v2/'))).toBe(true);

    const popup = await openPopup(browser, notionTab);
    await expect.poll(() => popup.locator('.data-version').textContent()).toMatch(/^Catalog data: version 1, published /);
    await popup.close();

    // A second check revalidates with the ETag and finds nothing newer.
    const before = server.world.log.length;
    await options.getByRole('button', { name: 'Update data now' }).click();
    await expect.poll(() => options.getByTestId('data-check').textContent(), { timeout: 20_000 }).toMatch(/no newer data/);
    expect(server.world.log.slice(before).filter((entry) => entry.host === DATA_HOST).map((entry) => entry.status)).toEqual([304]);
    await options.close();
  });

  it('detects the widget the pack added on a fresh tab, and the catalog page lists it', async () => {
    const { context } = browser;
    const shop = await context.newPage();
    await shop.goto('https://shop.acme-hardware.com/packbot');
    const shopTab = await tabIdFor(context, 'shop.acme-hardware.com', '/packbot');
    const found = await waitFor(
      () => tabDetections(context, shopTab),
      (tab) => tab?.detections.some((detection) => detection.productId === 'packbot-assistant') ?? false,
    );
    const packbot = found!.detections.find((detection) => detection.productId === 'packbot-assistant')!;
    expect(packbot.confidence).toBe('high');
    expect(packbot.evidence.map((evidence) => evidence.signal).sort()).toEqual(['dom', 'script']);

    const catalog = await openExtensionPage(browser, { app: '/?q=Packbot' });
    await expect.poll(() => catalog.locator('[data-product="packbot-assistant"] .card-title').textContent()).toBe('Packbot assistant');
    expect(await catalog.locator('.data-version').textContent()).toMatch(/^Catalog data: version 1, published /);
    await catalog.close();
  });

  it('rolls back to the bundled data in one click: the old status page is read again', async () => {
    const { context } = browser;
    const notionTab = await tabIdFor(context, 'www.notion.so');
    const options = await openExtensionPage(browser, 'options');
    await options.getByRole('button', { name: 'Roll back to the bundled data' }).click();
    await expect.poll(() => options.getByTestId('data-check').textContent()).toMatch(/You rolled back from data version 1 to the bundled data/);
    expect(await options.getByTestId('data-in-use').textContent()).toMatch(/bundled with Upstream/);
    await waitFor(() => badge(context, notionTab), (b) => ALL_CLEAR.test(b.title), 30_000);
    await options.close();
  });
});
