/**
 * What the browser spends on Upstream's content script per page, measured as the renderer does it: the page's
 * total script time (`ScriptDuration` from CDP `Performance.getMetrics`, every world, every evaluation) for one
 * load, in three Chromiums side by side: no extension, a minimal extension whose content script only reads the
 * hostname and the script URLs, and Upstream as built. Four heavy real pages from the corpus, each loaded
 * `RUNS` times per setup in rotation; the page's own inline scripts run (its network requests fail fast).
 * Reported: the mean of the middle 60 % of the runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CORPUS_DIR } from '../test/fixtures/corpus/corpus.ts';
import { CHROMIUM } from '../test/e2e/support/browser.ts';

export const PAGES = ['yahoo-1.html', 'guardian-1.html', 'wikipedia.html', 'nytimes-1.html'];
export const SETUPS = ['none', 'minimal', 'upstream'] as const;
export type Setup = (typeof SETUPS)[number];
const RUNS = Number(process.env.PAGE_COST_RUNS ?? 11);
/** After load: the content script's re-scans come a second after DOM changes settle. */
const SETTLE_MS = 2500;

/** The floor any detecting extension pays: a content script that reads the hostname and the script URLs. */
function minimalExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minimal-extension-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Minimal content script',
      version: '1.0',
      content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_start' }],
    }),
  );
  writeFileSync(
    join(dir, 'content.js'),
    `const host = location.hostname;
document.addEventListener('DOMContentLoaded', () => {
  const urls = [];
  for (const script of document.scripts) if (script.src) urls.push(script.src);
  globalThis.__minimal = [host, urls.length];
});`,
  );
  return dir;
}

async function launch(setup: Setup, extensionDir: string | null): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), `page-cost-${setup}-`));
  const args = ['--host-resolver-rules=MAP * ~NOTFOUND', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args });
  if (extensionDir) await (context.serviceWorkers()[0] ? Promise.resolve() : context.waitForEvent('serviceworker').then(() => undefined).catch(() => undefined));
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Script time of one load of `file`, in ms; a load that fails is retried once, then reported with its setup. */
async function scriptTimeOfLoad(context: BrowserContext, file: string, setup: Setup): Promise<number> {
  try {
    return await measureLoad(context, file);
  } catch (error) {
    console.error(`page cost: ${setup} ${file} failed once (${String(error)}), retrying`);
    return measureLoad(context, file);
  }
}

async function measureLoad(context: BrowserContext, file: string): Promise<number> {
  const page = await context.newPage();
  const html = readFileSync(join(CORPUS_DIR, file), 'utf8');
  const origin = `https://www.${file.replace(/\.html$/, '').replace(/[^a-z0-9-]/gi, '-')}.example`;
  await page.route('**/*', (route) => {
    const request = route.request();
    if (request.resourceType() !== 'document') return route.abort();
    return route.fulfill({ body: request.url().endsWith('/article') ? html : '<!doctype html><title>start</title>', contentType: 'text/html' });
  });
  // Start on the same origin, so the measured load stays in the renderer the metrics session is attached to.
  await page.goto(`${origin}/start`, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const scriptDuration = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0;
  };
  const before = await scriptDuration();
  await page.goto(`${origin}/article`, { waitUntil: 'load' }).catch(() => undefined);
  await page.waitForTimeout(SETTLE_MS);
  const spent = (await scriptDuration()) - before;
  await cdp.detach();
  await page.close();
  return spent * 1000;
}

export interface PageCost {
  page: string;
  /** Script ms per load, by setup: the mean of the middle 60 % of the runs. */
  typical: Record<Setup, number>;
}

/**
 * The renderer counts script time in coarse steps (a load's total is often a whole number of milliseconds), so a
 * median lands on a step; the mean of the middle runs averages the steps out and still drops the outliers.
 */
const middleMean = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * 0.2);
  const middle = sorted.slice(cut, sorted.length - cut);
  return middle.reduce((sum, value) => sum + value, 0) / middle.length;
};

export async function measurePageCost(): Promise<PageCost[]> {
  const minimal = minimalExtension();
  const browsers = {
    none: await launch('none', null),
    minimal: await launch('minimal', minimal),
    upstream: await launch('upstream', resolve('dist/chrome')),
  };
  try {
    const results: PageCost[] = [];
    for (const file of PAGES) {
      const samples: Record<Setup, number[]> = { none: [], minimal: [], upstream: [] };
      // One warm-up load each (compilation caches), then the runs in rotation so drift hits all setups alike.
      for (const setup of SETUPS) await scriptTimeOfLoad(browsers[setup].context, file, setup);
      for (let run = 0; run < RUNS; run++) {
        for (const setup of SETUPS) samples[setup].push(await scriptTimeOfLoad(browsers[setup].context, file, setup));
      }
      results.push({ page: file, typical: { none: middleMean(samples.none), minimal: middleMean(samples.minimal), upstream: middleMean(samples.upstream) } });
    }
    return results;
  } finally {
    await Promise.all(Object.values(browsers).map((browser) => browser.close()));
    rmSync(minimal, { recursive: true, force: true });
  }
}
