import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser as WebExtensionBrowser } from 'webextension-polyfill';
import { CATALOG } from '../../src/catalog/index.ts';
import { CLAUDE_INCIDENT_TITLE, CLAUDE_LATEST_UPDATE } from '../fixtures/status/scenarios.ts';
import { badge, EXTENSION_ORIGIN, FIREFOX_EXTENSION_DIR, launchFirefoxWithExtension, tabIdFor, useFirefoxWorld, waitFor, type ExtensionTab } from './support/firefox.ts';
import { ALL_CLEAR, startHttpsWorld } from './support/https-world.ts';
import { pngSize, popupScene, STORE_SIZE, storeScreenshot } from './support/store-screenshots.ts';

/** The WebExtension API in the add-on's documents, where the functions below run. */
declare const browser: WebExtensionBrowser;

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const sourceManifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { permissions: string[] };
const messages = JSON.parse(readFileSync('dist/firefox/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;

/** #C5221F and #188038, as Firefox answers getBadgeBackgroundColor. */
const OUTAGE_RED = [0xc5, 0x22, 0x1f, 255];
const OPERATIONAL_GREEN = [0x18, 0x80, 0x38, 255];

/** Clicks the button whose visible text is `name`; fails when there is none. */
function click(tab: ExtensionTab, name: string): Promise<void> {
  return tab.evaluate((label: string) => {
    const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label);
    if (!button) throw new Error(`no button "${label}"`);
    button.click();
  }, name);
}

/** Upstream in Firefox ESR, installed as a temporary add-on the way about:debugging does. */
describe('in Firefox, installed as a temporary add-on', () => {
  const world = useFirefoxWorld();

  it('runs its background page with the package\'s version and permissions', async () => {
    const { firefox } = world;
    const self = await firefox.background.evaluate(async () => {
      const info = await browser.management.getSelf();
      const manifest = browser.runtime.getManifest();
      return { installType: info.installType, version: info.version, background: manifest.background, permissions: manifest.permissions, url: location.href };
    });
    expect(self.installType).toBe('development');
    expect(self.version).toBe(pkg.version);
    expect(self.background).toMatchObject({ scripts: [expect.any(String)] });
    expect(self.permissions).toEqual(sourceManifest.permissions);
    expect(self.url.startsWith(EXTENSION_ORIGIN)).toBe(true);
    expect(firefox.consoleProblems()).toEqual([]);
  });

  it('when Anthropic is down, a Notion tab says so: badge text and colour, then the popup', async () => {
    const { server, firefox } = world;
    const notion = await firefox.browser.newPage();
    await notion.goto('https://www.notion.so/');
    const news = await firefox.browser.newPage();
    await news.goto('https://www.example.com/');
    const notionTab = await tabIdFor(firefox, 'www.notion.so');
    const newsTab = await tabIdFor(firefox, 'www.example.com');

    // All clear: no badge text; the title names the providers.
    const clear = await waitFor(() => badge(firefox, notionTab), (b) => ALL_CLEAR.test(b.title), 'the all-clear badge');
    expect(clear.text).toBe('');
    expect(clear.color).toEqual(OPERATIONAL_GREEN);
    expect(await badge(firefox, newsTab)).toMatchObject({ text: '', title: 'Upstream' });

    // The Claude API goes down: the badge warns after the next poll, in red, on the Notion tab only.
    server.setClaude('outage');
    const warned = await waitFor(() => badge(firefox, notionTab), (b) => b.text !== '', 'the outage badge');
    expect(warned).toEqual({ text: 'OUT', title: 'Upstream\nNotion AI → Anthropic: major outage', color: OUTAGE_RED });
    expect(await badge(firefox, newsTab)).toMatchObject({ text: '', title: 'Upstream' });

    const popup = await firefox.openExtensionPage(`src/ui/popup/index.html?tab=${notionTab}`);
    const text = await popup.waitForText((shown) => shown.includes(CLAUDE_INCIDENT_TITLE));
    expect(text).toContain('Notion AI runs on Anthropic, OpenAI, ');
    expect(text).toContain('Anthropic: major outage on the Claude API');
    expect(text).toContain(CLAUDE_LATEST_UPDATE);
    expect(
      await popup.evaluate((title: string) => [...document.querySelectorAll('a')].find((link) => link.textContent === title)?.getAttribute('href'), CLAUDE_INCIDENT_TITLE),
    ).toBe('https://stspg.io/upstrm0');
    expect(await popup.evaluate(() => document.querySelector('[data-provider="openai"]')?.getAttribute('data-level'))).toBe('operational');

    // The store's first screenshot: the badge as Firefox holds it, above the popup as captured.
    await popup.page.setViewport({ width: 480, height: 600 });
    const popupPng = Buffer.from(await popup.page.screenshot({ type: 'png' }));
    const scene = await firefox.browser.newPage();
    await scene.setContent(
      popupScene({
        popup: popupPng,
        icon: readFileSync('dist/firefox/icons/icon-32.png'),
        badge: warned,
        name: messages.extensionName!.message,
        description: messages.extensionDescription!.message,
        hover: warned.title,
      }),
    );
    expect(pngSize(await storeScreenshot(scene, '1-popup-outage'))).toEqual(STORE_SIZE);
    await scene.close();

    // Pinning from the popup keeps Notion AI in My stack.
    await click(popup, 'Pin to my stack');
    await popup.waitForText((shown) => shown.includes('Pinned to my stack'));
    await popup.close();

    // Anthropic resolves it: the badge clears.
    server.setClaude('resolved');
    const cleared = await waitFor(() => badge(firefox, notionTab), (b) => b.text === '', 'the badge to clear');
    expect(cleared.title).toMatch(ALL_CLEAR);
    await news.close();
    expect(firefox.consoleProblems()).toEqual([]);
    // The outage again, for the pages that follow.
    server.setClaude('outage');
    await waitFor(() => badge(firefox, notionTab), (b) => b.text === 'OUT', 'the outage badge again');
  });

  it('renders the catalog, a provider page during the outage, my stack and options', async () => {
    const { firefox } = world;
    const catalog = await firefox.openExtensionPage('src/ui/app/index.html#/');
    await catalog.waitForText((shown) => shown.includes('Notion AI'));
    expect(await catalog.evaluate(() => document.querySelectorAll('.cards > li').length)).toBe(CATALOG.products.length);
    // Opening the catalog asks for every provider's status: all of them are read in Firefox, none stays unknown.
    await waitFor(() => catalog.evaluate(() => document.querySelectorAll('.pill-unknown').length), (unknown) => unknown === 0, 'every provider to be read');
    expect(await catalog.evaluate(() => document.querySelectorAll('.pill').length)).toBeGreaterThan(CATALOG.products.length);
    expect(await catalog.evaluate(() => document.querySelector('h1')?.textContent)).toBe(messages.catalogTitle!.message);
    expect(pngSize(await storeScreenshot(catalog.page, '4-catalog'))).toEqual(STORE_SIZE);

    // A product page: pin a second tool that rents from Anthropic.
    await catalog.evaluate(() => (location.hash = '#/product/cursor'));
    await catalog.waitForText((shown) => shown.includes('Pin to my stack'));
    await click(catalog, 'Pin to my stack');
    await catalog.waitForText((shown) => shown.includes('Pinned to my stack'));

    // The provider page: the live status per component and the open incident.
    await catalog.evaluate(() => (location.hash = '#/provider/anthropic'));
    await catalog.waitForText((shown) => shown.includes('Open incidents') && shown.includes(CLAUDE_INCIDENT_TITLE));
    await waitFor(() => catalog.evaluate(() => document.querySelector('[data-component="api"]')?.getAttribute('data-level')), (level) => level === 'major_outage', 'the API component to read major outage');
    expect(await catalog.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Anthropic');
    expect(pngSize(await storeScreenshot(catalog.page, '2-provider-outage'))).toEqual(STORE_SIZE);
    await catalog.close();

    const stack = await firefox.openExtensionPage('src/ui/app/index.html#/stack');
    const shared = await stack.waitForText((shown) => shown.includes('2 of your tools depend on Anthropic'));
    expect(shared).toContain('2 of your tools depend on OpenAI');
    expect(await stack.evaluate(() => [...document.querySelectorAll('.tool')].map((tool) => tool.getAttribute('data-product')))).toEqual(['cursor', 'notion-ai']);
    expect(pngSize(await storeScreenshot(stack.page, '3-my-stack'))).toEqual(STORE_SIZE);
    await stack.close();

    const options = await firefox.openExtensionPage('src/ui/options/index.html');
    await options.waitForText((shown) => shown.includes('Options'));
    expect(await options.evaluate(() => document.querySelector('h1')?.textContent)).toBe(messages.optionsTitle!.message);
    expect(await options.evaluate(() => document.querySelectorAll('input, select').length)).toBeGreaterThan(3);
    expect(pngSize(await storeScreenshot(options.page, '5-options'))).toEqual(STORE_SIZE);
    await options.close();

    expect(firefox.consoleProblems()).toEqual([]);
  });

  it('sees a widget by the frame its page embeds: Firefox reports the frame to the background, the page is never read for it', async () => {
    const { server, firefox } = world;
    server.world.pages.set('help.acme-hardware.com/', '<!doctype html><title>Acme help</title><h1>Help</h1><iframe src="https://www.chatbase.co/chatbot-iframe/acme?key=x"></iframe>');
    const page = await firefox.browser.newPage();
    await page.goto('https://help.acme-hardware.com/');
    const tab = await tabIdFor(firefox, 'help.acme-hardware.com');
    const evidence = await waitFor(
      () =>
        firefox.background.evaluate(async (id: number) => {
          const record = (await browser.storage.session.get(`tab:${id}`))[`tab:${id}`] as { detections: { productId: string; evidence: { signal: string; matched: string }[] }[] } | undefined;
          return (record?.detections ?? []).flatMap((detection) => detection.evidence.map((item) => `${detection.productId} ${item.signal} ${item.matched}`));
        }, tab),
      (found) => found.length >= 2,
      'the Chatbase frame to be seen',
    );
    expect(evidence.sort()).toEqual(['chatbase iframe www.chatbase.co/chatbot-iframe/acme', 'chatbase request www.chatbase.co']);
    await page.close();
    expect(firefox.consoleProblems()).toEqual([]);
  });
});

/**
 * The console check above passes only if it would see a problem: a copy of the package with a line added to the
 * content script and to the background script must be caught, from a web page's tab and from the add-on.
 */
describe('the Firefox console check', () => {
  it('catches errors from a content script in a web page, the background page and an extension page', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'upstream-probed-'));
    cpSync(FIREFOX_EXTENSION_DIR, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { background: { scripts: string[] }; content_scripts: { js: string[] }[] };
    appendFileSync(join(copy, manifest.content_scripts[0]!.js[0]!), '\nsetTimeout(() => { throw new Error("content script probe"); });\n');
    appendFileSync(join(copy, manifest.background.scripts[0]!), '\nconsole.error("background probe");\n');
    const server = await startHttpsWorld();
    const firefox = await launchFirefoxWithExtension(server.port, copy);
    try {
      const page = await firefox.browser.newPage();
      await page.goto('https://www.notion.so/');
      // A web page's own errors are not Upstream's.
      await page.evaluate(() => console.error('the page itself'));
      const options = await firefox.openExtensionPage('src/ui/options/index.html');
      await options.evaluate(() => console.warn('extension page probe'));
      const problems = await waitFor(async () => firefox.consoleProblems(), (found) => found.length >= 3, 'the three probes');
      expect(problems).toEqual(
        expect.arrayContaining([
          { level: 'error', text: 'Error: content script probe', source: `${EXTENSION_ORIGIN}/${manifest.content_scripts[0]!.js[0]}` },
          { level: 'error', text: 'background probe', source: `${EXTENSION_ORIGIN}/${manifest.background.scripts[0]}` },
          { level: 'warn', text: 'extension page probe', source: expect.any(String) },
        ]),
      );
      expect(problems).toHaveLength(3);
    } finally {
      await firefox.close();
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
