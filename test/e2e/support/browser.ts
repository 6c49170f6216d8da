/**
 * Launches Debian's Chromium with the built extension on a fresh profile, every hostname of the test
 * world mapped to the local HTTPS server and everything else unresolvable (no test touches the internet).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { ReadError } from '../../../src/model/health.ts';

export const EXTENSION_DIR = resolve('dist/chrome');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** The fresh profile's directory (removed on close). */
  profileDir: string;
  close(): Promise<void>;
}

/**
 * `extensionDir`: another build than dist/chrome, e.g. one a test made with its own data-pack key.
 * `extraArgs`: more command-line switches, e.g. a debugging port for a second client.
 */
export async function launchWithExtension(hosts: readonly string[], port: number, extensionDir = EXTENSION_DIR, extraArgs: readonly string[] = []): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} is missing: run \`npm run build\` first`);
  const profile = mkdtempSync(join(tmpdir(), 'upstream-e2e-'));
  const rules = [...hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE localhost'].join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    profileDir: profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The current service worker: the browser may have stopped and restarted it since launch. */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().at(-1) ?? (await context.waitForEvent('serviceworker'));
}

/** Evaluates in the worker, retrying on a worker that was stopped or restarted under us. */
export async function inWorker<T, A>(context: BrowserContext, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const worker = await currentWorker(context);
      return (await worker.evaluate(fn as (arg: unknown) => Promise<unknown>, arg as unknown)) as T;
    } catch (error) {
      const gone = error instanceof Error && /restarted|closed|destroyed|Target/.test(error.message);
      if (!gone || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** Polls `read` until `accept` holds, then returns the value; fails with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

/**
 * The tab id Upstream recorded for a page showing `hostname` (and `path`, when given): tests cannot see tab
 * ids otherwise. A closed tab's record may linger a moment, so give the path when several pages share a host.
 */
export async function tabIdFor(context: BrowserContext, hostname: string, path?: string): Promise<number> {
  const readTabs = () =>
    inWorker(
      context,
      async ([host, wanted]: readonly [string, string | null]) => {
        const all = await chrome.storage.session.get(null);
        return Object.entries(all)
          .filter(([key, value]) => {
            const record = value as { hostname: string; report?: { path: string } };
            return key.startsWith('tab:') && record.hostname === host && (wanted === null || record.report?.path === wanted);
          })
          .map(([key]) => Number(key.slice(4)));
      },
      [hostname, path ?? null] as const,
    );
  const ids = await waitFor(readTabs, (found) => found.length === 1);
  return ids[0]!;
}

export async function badge(context: BrowserContext, tabId: number): Promise<{ text: string; title: string }> {
  return inWorker(context, async (id: number) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
  }), tabId);
}

export async function openPopup(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/src/ui/popup/index.html?tab=${tabId}`);
  return popup;
}

/** Runs the polling schedule with minutes as seconds (honoured only for unpacked installs; src/background/settings.ts). */
export async function setSecondsPerMinute(context: BrowserContext, seconds: number): Promise<void> {
  await inWorker(context, (value: number) => chrome.storage.local.set({ 'test.secondsPerMinute': value }), seconds);
}

/** Makes the worker poll a provider at another address (unpacked installs only), e.g. an old redirecting one. */
export async function overrideStatusPage(context: BrowserContext, providerId: string, pageUrl: string | null): Promise<void> {
  await inWorker(
    context,
    async ([id, url]: readonly [string, string | null]) => {
      const key = 'test.statusPageUrls';
      const current = ((await chrome.storage.local.get(key))[key] ?? {}) as Record<string, string>;
      if (url === null) Reflect.deleteProperty(current, id);
      else current[id] = url;
      await chrome.storage.local.set({ [key]: current });
    },
    [providerId, pageUrl] as const,
  );
}

/** The worker's stored health record for a provider (IndexedDB "upstream", store "health"). */
export async function healthRecord(context: BrowserContext, providerId: string): Promise<{
  consecutiveFailures: number;
  lastAttemptAt: string | null;
  lastError: ReadError | null;
  health: { level: string; fetchedAt: string; pageUpdatedAt: string | null } | null;
} | undefined> {
  return inWorker(
    context,
    (id: string) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('upstream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('health').objectStore('health').get(id);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    providerId,
  );
}

export interface StoredDetection {
  productId: string;
  confidence: 'high' | 'medium' | 'low';
  evidence: { signal: string; matched: string; pattern: string }[];
}

/** What Upstream detected on a tab's current page (from the worker's storage.session record). */
export async function tabDetections(context: BrowserContext, tabId: number): Promise<{ path: string; detections: StoredDetection[] } | null> {
  return inWorker(
    context,
    async (id: number) => {
      const key = `tab:${id}`;
      const record = (await chrome.storage.session.get(key))[key] as { report: { path: string }; detections: StoredDetection[] } | undefined;
      return record ? { path: record.report.path, detections: record.detections } : null;
    },
    tabId,
  );
}

/** The ids of the notifications Upstream is showing (chrome.notifications.getAll in the worker). */
export async function notificationIds(context: BrowserContext): Promise<string[]> {
  return inWorker(context, async () => Object.keys(await chrome.notifications.getAll()), undefined);
}

/** Dismisses every notification, as a user would. */
export async function clearNotifications(context: BrowserContext): Promise<void> {
  await inWorker(
    context,
    async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    },
    undefined,
  );
}

/** A value the worker keeps in storage.local. */
export async function storedValue(context: BrowserContext, key: string): Promise<unknown> {
  return inWorker(context, async (name: string) => (await chrome.storage.local.get(name))[name], key);
}

/** Runs `fn` in the worker (retrying over a restart), for tests that need one more look inside. */
export async function evaluateInWorker<T, A>(context: BrowserContext, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
  return inWorker(context, fn, arg);
}

/** An Upstream extension page: the catalog app at a route (`/`, `/stack`, `/provider/anthropic`) or the options page. */
export async function openExtensionPage(browser: ExtensionBrowser, page: { app: string } | 'options'): Promise<Page> {
  const tab = await browser.context.newPage();
  const path = page === 'options' ? 'src/ui/options/index.html' : `src/ui/app/index.html#${page.app}`;
  await tab.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return tab;
}
