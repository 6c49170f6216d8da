/**
 * Upstream's own pages as a user meets them: each page's JavaScript and CSS (gzipped, as the files the page
 * loads), and the time from navigation start to the page first showing what it is for (the `upstream:<page>`
 * User Timing mark): for the popup, the tab's product and its status, from what the worker has stored.
 * Measured in Chromium with Upstream on a Notion tab in the local HTTPS world. The popup opens as the real popup
 * (`action.openPopup()` from the worker, the Notion tab active: test/e2e/support/real-popup.ts); the options page and the app open in tabs. The floor, in the same
 * run, opened both ways: a blank page of the same extension whose one module script only sets its mark, which is
 * what the browser spends opening an extension page before a line of Upstream runs. Every round opens each page
 * once, so drift over the run weighs on pages and floors alike.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { badge, EXTENSION_DIR, inWorker, launchWithExtension, tabIdFor, waitFor, type ExtensionBrowser } from '../test/e2e/support/browser.ts';
import { closeRealPopup, connectDebugger, DEBUGGING_PORT_ARGS, openRealPopup, POPUP_PATH, type DebuggerClient } from '../test/e2e/support/real-popup.ts';
import { ALL_CLEAR, ALL_HOSTS, startHttpsWorld } from '../test/e2e/support/https-world.ts';

const RUNS = Number(process.env.PAGE_WEIGHT_RUNS ?? 15);
export const PAGES = { popup: POPUP_PATH, options: 'src/ui/options/index.html', app: 'src/ui/app/index.html' } as const;
type PageName = keyof typeof PAGES;

/** The floor page, added to a copy of the build (never shipped). */
const FLOOR_PAGE = 'floor.html';
/** What the popup must show on the Notion tab for its mark to count. */
const NOTION_PRODUCT = 'Notion AI';

export type OpenedAs = 'popup' | 'tab';

export interface PageWeight {
  page: PageName | 'floor';
  openedAs: OpenedAs;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** Median ms from navigation start to the page's `upstream:<page>` mark. */
  firstRenderMs: number;
}

/**
 * What a built page loads as code and style, read from its HTML: the scripts, preloads and stylesheets it names
 * (from the extension's root or beside the page), and its inline style as one more piece.
 */
function codeOf(page: PageName): { files: number; pieces: Buffer[] } {
  const html = readFileSync(join(EXTENSION_DIR, PAGES[page]), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => {
    const reference = match[1]!;
    return reference.startsWith('/') ? reference.slice(1) : join(dirname(PAGES[page]), reference);
  });
  const inlineStyles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => Buffer.from(match[1]!));
  return { files: files.length, pieces: [...files.map((file) => readFileSync(join(EXTENSION_DIR, file))), ...inlineStyles] };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A copy of the build with the floor page in it: a blank page with one module script that sets its mark. */
function buildWithFloorPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'page-weight-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  writeFileSync(join(dir, FLOOR_PAGE), '<!doctype html><meta charset="utf-8"><title>floor</title><div id="app"></div><script type="module" src="/floor.js"></script>');
  writeFileSync(join(dir, 'floor.js'), "performance.mark('upstream:floor');\n");
  return dir;
}

interface Shown {
  at: number;
  text: string;
}

/** When `name` was marked in this page, and the page's text at that moment; null before. Runs in the page. */
function readMark(name: string): Shown | null {
  const entry = performance.getEntriesByName(name)[0];
  return entry ? { at: entry.startTime, text: document.body.textContent ?? '' } : null;
}

/** Waits for the page's mark: `read` runs `readMark` in the page. */
async function shownAt(read: () => Promise<Shown | null>): Promise<Shown> {
  return (await waitFor(read, (shown) => shown !== null))!;
}

async function openInTab(context: BrowserContext, url: string, mark: string): Promise<Shown> {
  const tab = await context.newPage();
  await tab.goto(url);
  const shown = await shownAt(() => tab.evaluate(readMark, mark));
  await tab.close();
  return shown;
}

/** Opens `path` as the extension's popup over `activeTab`, as a click on the toolbar button does. */
async function openAsPopup(browser: ExtensionBrowser, client: DebuggerClient, activeTab: Page, path: string, mark: string): Promise<Shown> {
  const popup = await openRealPopup(browser, client, activeTab, path);
  const shown = await shownAt(() => popup.evaluate(readMark, mark));
  await closeRealPopup(browser, popup);
  return shown;
}

export async function measurePageWeights(): Promise<PageWeight[]> {
  const server = await startHttpsWorld();
  const extensionDir = buildWithFloorPage();
  const browser = await launchWithExtension(ALL_HOSTS, server.port, extensionDir, DEBUGGING_PORT_ARGS);
  const client = await connectDebugger(browser);
  try {
    const notion = await browser.context.newPage();
    await notion.goto('https://www.notion.so/');
    const tabId = await tabIdFor(browser.context, 'www.notion.so');
    await waitFor(() => badge(browser.context, tabId), (shown) => ALL_CLEAR.test(shown.title));
    const base = `chrome-extension://${browser.extensionId}/`;
    const openers: { page: PageName | 'floor'; openedAs: OpenedAs; open: () => Promise<Shown> }[] = [
      { page: 'popup', openedAs: 'popup', open: () => openAsPopup(browser, client, notion, PAGES.popup, 'upstream:popup') },
      { page: 'floor', openedAs: 'popup', open: () => openAsPopup(browser, client, notion, FLOOR_PAGE, 'upstream:floor') },
      { page: 'options', openedAs: 'tab', open: () => openInTab(browser.context, base + PAGES.options, 'upstream:options') },
      { page: 'app', openedAs: 'tab', open: () => openInTab(browser.context, base + PAGES.app, 'upstream:app') },
      { page: 'floor', openedAs: 'tab', open: () => openInTab(browser.context, base + FLOOR_PAGE, 'upstream:floor') },
    ];
    const times = openers.map((): number[] => []);
    for (let round = 0; round < RUNS + 1; round++) {
      for (const [index, opener] of openers.entries()) {
        const shown = await opener.open();
        if (opener.page === 'popup' && !shown.text.includes(NOTION_PRODUCT)) throw new Error(`the popup showed no ${NOTION_PRODUCT}: "${shown.text.slice(0, 200)}"`);
        // The first round compiles each page's code: it is the warm-up, not a sample.
        if (round > 0) times[index]!.push(shown.at);
      }
    }
    await inWorker(browser.context, (popup: string) => chrome.action.setPopup({ popup }), PAGES.popup);
    return openers.map(({ page, openedAs }, index) => {
      const { files, pieces: bytes } = page === 'floor' ? { files: 1, pieces: [] } : codeOf(page);
      return {
        page,
        openedAs,
        files,
        rawBytes: bytes.reduce((sum, b) => sum + b.length, 0),
        gzipBytes: bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
        firstRenderMs: median(times[index]!),
      };
    });
  } finally {
    await client.disconnect();
    await browser.close();
    await server.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}
