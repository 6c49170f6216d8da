/**
 * The content script's own cost on real pages, in real Chromium: the 130 corpus pages are loaded (their
 * network requests fail fast: no host resolves), then the content script's collection code, bundled exactly
 * as it ships, runs against the live DOM. Reported per page: the median of 7 batches of 50 runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM } from '../test/e2e/support/browser.ts';
import { CORPUS } from './detection.ts';
import { summarize, type Timing } from './stats.ts';

async function bundledCollector(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      lib: { entry: 'bench/content-script-entry.ts', formats: ['iife'], name: 'UpstreamBench' },
      minify: false,
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: { code?: string }[] };
  return output.output[0]!.code!;
}

export async function measureContentScript(): Promise<{ perPage: Timing; heaviest: { page: string; median: number; elements: number }; slowest: { page: string; median: number; scripts: number }[] }> {
  const code = await bundledCollector();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--host-resolver-rules=MAP * ~NOTFOUND', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  const medians: number[] = [];
  const pages: { page: string; median: number; scripts: number }[] = [];
  let heaviest = { page: '', median: 0, elements: 0 };
  try {
    const context = await browser.newContext({ javaScriptEnabled: true });
    for (const file of readdirSync(CORPUS).filter((name) => name.endsWith('.html')).sort()) {
      const page = await context.newPage();
      await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.fulfill({ body: readFileSync(join(CORPUS, file), 'utf8'), contentType: 'text/html' }) : route.abort()));
      await page.goto(`https://www.${file.replace(/\.html$/, '').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}.example/article`, { waitUntil: 'domcontentloaded' }).catch(() => undefined);
      // Content scripts run in an isolated world, where the page's own scripts cannot wrap DOM methods:
      // measure there too (the page's world would charge us for its monkey-patching).
      const cdp = await context.newCDPSession(page);
      const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'upstream-bench' })) as { executionContextId: number };
      await cdp.send('Runtime.evaluate', { expression: code, contextId: executionContextId });
      const evaluation = (await cdp.send('Runtime.evaluate', {
        contextId: executionContextId,
        returnByValue: true,
        // performance.now() is coarse in pages (about 0.1 ms): time batches of 50 runs, take the median batch.
        expression: `(() => {
          const samples = [];
          for (let batch = 0; batch < 7; batch++) {
            const start = performance.now();
            for (let i = 0; i < 50; i++) UpstreamBench.run();
            samples.push((performance.now() - start) / 50);
          }
          samples.sort((a, b) => a - b);
          return { median: samples[3], elements: document.getElementsByTagName('*').length, scripts: document.scripts.length };
        })()`,
      })) as { result: { value: { median: number; elements: number; scripts: number } } };
      const result = evaluation.result.value;
      await cdp.detach();
      medians.push(result.median);
      pages.push({ page: file, median: result.median, scripts: result.scripts });
      if (result.elements > heaviest.elements) heaviest = { page: file, median: result.median, elements: result.elements };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { perPage: summarize(medians), heaviest, slowest: pages.sort((a, b) => b.median - a.median).slice(0, 5) };
}
