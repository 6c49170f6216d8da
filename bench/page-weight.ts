/**
 * Upstream's own pages as a user meets them: each page's JavaScript and CSS (gzipped, as the files the page
 * loads), and the time from navigation start to the page first showing what it is for (the `upstream:<page>`
 * User Timing mark): for the popup, the tab's product and its status, from what the worker has stored.
 * Measured in Chromium with Upstream on a Notion tab in the local HTTPS world, the extension's pages opened
 * in tabs (`RUNS` times each, median). The floor, in the same run: a blank page of the same extension whose one
 * module script only sets its mark, which is what the browser spends loading any extension page before a line
 * of Upstream runs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { badge, EXTENSION_DIR, launchWithExtension, tabIdFor, waitFor } from '../test/e2e/support/browser.ts';
import { ALL_CLEAR, ALL_HOSTS, startHttpsWorld } from '../test/e2e/support/https-world.ts';

const RUNS = Number(process.env.PAGE_WEIGHT_RUNS ?? 15);
export const PAGES = { popup: 'src/ui/popup/index.html', options: 'src/ui/options/index.html', app: 'src/ui/app/index.html' } as const;
type PageName = keyof typeof PAGES;

/** The floor page, added to a copy of the build (never shipped). */
const FLOOR_PAGE = 'floor.html';

export interface PageWeight {
  page: PageName | 'floor';
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** Median ms from navigation start to the page's `upstream:<page>` mark. */
  firstRenderMs: number;
}

/** The scripts, preloads and styles a built page loads, read from its HTML. */
function filesOf(page: PageName): string[] {
  const html = readFileSync(join(EXTENSION_DIR, PAGES[page]), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
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

/** Median ms from navigation start to `mark` over `RUNS` opens of `url`, after one warm-up open. */
async function timeToMark(context: BrowserContext, url: string, mark: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const tab = await context.newPage();
    await tab.goto(url);
    const shownAt = await tab.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, mark);
    // The first open compiles the page's code: it is the warm-up, not a sample.
    if (run > 0) times.push(Number(await shownAt.jsonValue()));
    await tab.close();
  }
  return median(times);
}

export async function measurePageWeights(): Promise<PageWeight[]> {
  const server = await startHttpsWorld();
  const extensionDir = buildWithFloorPage();
  const browser = await launchWithExtension(ALL_HOSTS, server.port, extensionDir);
  try {
    const notion = await browser.context.newPage();
    await notion.goto('https://www.notion.so/');
    const tabId = await tabIdFor(browser.context, 'www.notion.so');
    await waitFor(() => badge(browser.context, tabId), (shown) => ALL_CLEAR.test(shown.title));
    const results: PageWeight[] = [];
    for (const page of Object.keys(PAGES) as PageName[]) {
      const files = filesOf(page);
      const bytes = files.map((file) => readFileSync(join(EXTENSION_DIR, file)));
      const query = page === 'popup' ? `?tab=${tabId}` : '';
      const firstRenderMs = await timeToMark(browser.context, `chrome-extension://${browser.extensionId}/${PAGES[page]}${query}`, `upstream:${page}`);
      results.push({ page, files: files.length, rawBytes: bytes.reduce((sum, b) => sum + b.length, 0), gzipBytes: bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0), firstRenderMs });
    }
    const floorMs = await timeToMark(browser.context, `chrome-extension://${browser.extensionId}/${FLOOR_PAGE}`, 'upstream:floor');
    results.push({ page: 'floor', files: 1, rawBytes: 0, gzipBytes: 0, firstRenderMs: floorMs });
    return results;
  } finally {
    await browser.close();
    await server.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}
