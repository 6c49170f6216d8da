/**
 * Upstream's own pages as a user meets them: each page's JavaScript and CSS (gzipped, as the files the page
 * loads), and the time from navigation start to the page first showing what it is for (the `upstream:<page>`
 * User Timing mark): for the popup, the tab's product and its status, from what the worker has stored.
 * Measured in Chromium with Upstream on a Notion tab in the local HTTPS world, the extension's pages opened
 * in tabs (`RUNS` times each, median).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { badge, EXTENSION_DIR, launchWithExtension, tabIdFor, waitFor } from '../test/e2e/support/browser.ts';
import { ALL_CLEAR, ALL_HOSTS, startHttpsWorld } from '../test/e2e/support/https-world.ts';

const RUNS = Number(process.env.PAGE_WEIGHT_RUNS ?? 15);
export const PAGES = { popup: 'src/ui/popup/index.html', options: 'src/ui/options/index.html', app: 'src/ui/app/index.html' } as const;
type PageName = keyof typeof PAGES;

export interface PageWeight {
  page: PageName;
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

export async function measurePageWeights(): Promise<PageWeight[]> {
  const server = await startHttpsWorld();
  const browser = await launchWithExtension(ALL_HOSTS, server.port);
  try {
    const notion = await browser.context.newPage();
    await notion.goto('https://www.notion.so/');
    const tabId = await tabIdFor(browser.context, 'www.notion.so');
    await waitFor(() => badge(browser.context, tabId), (shown) => ALL_CLEAR.test(shown.title));
    const results: PageWeight[] = [];
    for (const page of Object.keys(PAGES) as PageName[]) {
      const files = filesOf(page);
      const bytes = files.map((file) => readFileSync(join(EXTENSION_DIR, file)));
      const times: number[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        const tab = await browser.context.newPage();
        const query = page === 'popup' ? `?tab=${tabId}` : '';
        await tab.goto(`chrome-extension://${browser.extensionId}/${PAGES[page]}${query}`);
        const shownAt = await tab.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, `upstream:${page}`);
        // The first open compiles the page's code: it is the warm-up, not a sample.
        if (run > 0) times.push(Number(await shownAt.jsonValue()));
        await tab.close();
      }
      results.push({ page, files: files.length, rawBytes: bytes.reduce((sum, b) => sum + b.length, 0), gzipBytes: bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0), firstRenderMs: median(times) });
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}
