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

export async function measureContentScript(): Promise<{ perPage: Timing; heaviest: { page: string; median: number; elements: number } }> {
  const code = await bundledCollector();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--host-resolver-rules=MAP * ~NOTFOUND', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  const medians: number[] = [];
  let heaviest = { page: '', median: 0, elements: 0 };
  try {
    const context = await browser.newContext({ javaScriptEnabled: true });
    for (const file of readdirSync(CORPUS).filter((name) => name.endsWith('.html')).sort()) {
      const page = await context.newPage();
      await page.route('**/*', (route) => (route.request().resourceType() === 'document' ? route.fulfill({ body: readFileSync(join(CORPUS, file), 'utf8'), contentType: 'text/html' }) : route.abort()));
      await page.goto(`https://www.${file.replace(/\.html$/, '').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}.example/article`, { waitUntil: 'domcontentloaded' }).catch(() => undefined);
      await page.addScriptTag({ content: code });
      const result = await page.evaluate(() => {
        const bench = (globalThis as unknown as { UpstreamBench: { run(): void } }).UpstreamBench;
        // performance.now() is coarse in pages (about 0.1 ms): time batches of 50 runs, take the median batch.
        const samples: number[] = [];
        for (let batch = 0; batch < 7; batch++) {
          const start = performance.now();
          for (let i = 0; i < 50; i++) bench.run();
          samples.push((performance.now() - start) / 50);
        }
        samples.sort((a, b) => a - b);
        return { median: samples[3]!, elements: document.getElementsByTagName('*').length };
      });
      medians.push(result.median);
      if (result.elements > heaviest.elements) heaviest = { page: file, median: result.median, elements: result.elements };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { perPage: summarize(medians), heaviest };
}
