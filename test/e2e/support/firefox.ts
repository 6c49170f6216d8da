/**
 * Launches Debian's Firefox ESR on a fresh profile with dist/firefox installed as a temporary add-on, every
 * hostname resolved to the local HTTPS world (no test touches the internet).
 *
 * Two protocols, each for what it can do:
 * - WebDriver BiDi (puppeteer-core): launch, temporary install, web pages in tabs, screenshots.
 * - Firefox's remote debugging protocol (./firefox-rdp.ts): evaluation in the add-on's own documents (the
 *   background page, extension pages in tabs), which BiDi does not reach, and the console of every process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import type { Browser as WebExtensionBrowser } from 'webextension-polyfill';
import { RemoteDebugger, type ConsoleEntry, type Packet, type TargetForm } from './firefox-rdp.ts';
import { startHttpsWorld, type HttpsWorld } from './https-world.ts';

/** The WebExtension API as the add-on's documents see it (functions passed to `evaluate` run there). */
declare const browser: WebExtensionBrowser;

export const FIREFOX_EXTENSION_DIR = resolve('dist/firefox');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * The add-on's internal UUID, fixed through a pref so its pages have a known origin. Firefox otherwise draws
 * one at random per profile.
 */
const EXTENSION_UUID = '3c1e5f0a-7b2d-4e8f-9a6c-0d4b2e1f5a7c';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** A document of the add-on (the background page, an extension page in a tab): code runs in it. */
export interface ExtensionDocument {
  url: string;
  /** Runs `fn(arg)` in the document; the result travels as JSON. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
}

export interface ExtensionTab extends ExtensionDocument {
  tabId: number;
  /** The same tab through BiDi (screenshots; the page's DOM stays out of its reach). */
  page: Page;
  /** Waits until the visible text of `selector` (default `main`) satisfies `accept`; returns it. */
  waitForText(accept: (text: string) => boolean, selector?: string): Promise<string>;
  close(): Promise<void>;
}

export interface FirefoxWithExtension {
  browser: Browser;
  extensionId: string;
  background: ExtensionDocument;
  /** Opens an extension page (a path inside the package, e.g. `src/ui/options/index.html`) in a new tab. */
  openExtensionPage(path: string): Promise<ExtensionTab>;
  /** Errors, warnings and console.error/warn calls from Upstream (its documents and its content scripts) since launch. */
  consoleProblems(): ConsoleEntry[];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `read` until `accept` holds, then returns the value; fails with the last value seen. */
async function poll<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

/** The add-on's documents (the background page, extension pages in tabs), as its watcher reports them. */
class AddonDocuments {
  private readonly targets = new Map<string, TargetForm>();
  /** Every document the add-on ever had, by inner window id (their console messages are the add-on's). */
  readonly windowIds = new Set<number>();

  constructor(rdp: RemoteDebugger, watcher: string) {
    rdp.listen((packet: Packet) => {
      if (packet.from !== watcher) return;
      const form = packet.target as TargetForm | undefined;
      if (packet.type === 'target-available-form' && form) {
        this.targets.set(form.actor, form);
        this.windowIds.add(form.innerWindowId);
      } else if (packet.type === 'target-destroyed-form' && form) {
        this.targets.delete(form.actor);
      }
    });
  }

  /** The newest document whose URL passes `test` (a reload or navigation replaces the target). */
  find(test: (url: string) => boolean): TargetForm | undefined {
    return [...this.targets.values()].filter((target) => test(target.url)).sort((a, b) => b.innerWindowId - a.innerWindowId)[0];
  }
}

interface RawEntry extends ConsoleEntry {
  innerWindowId: number;
}

/**
 * Errors, warnings and console.error/warn calls anywhere in the browser (every process, as the Browser Toolbox
 * sees them), so that content scripts in web pages are covered too. `problems` keeps those from Upstream's code or
 * documents.
 */
class BrowserConsole {
  private readonly entries: RawEntry[] = [];
  /** The watcher's targets (processes and frames): each reports its own resources. */
  private readonly targets = new Set<string>();

  constructor(rdp: RemoteDebugger, watcher: string) {
    rdp.listen((packet: Packet) => {
      if (packet.from === watcher && packet.type === 'target-available-form') this.targets.add((packet.target as TargetForm).actor);
      if (packet.type !== 'resources-available-array' || !(packet.from === watcher || this.targets.has(packet.from))) return;
      for (const [kind, resources] of packet.array as [string, Record<string, unknown>[]][]) {
        for (const resource of resources) this.record(kind, resource);
      }
    });
  }

  private record(kind: string, resource: Record<string, unknown>): void {
    if (kind === 'error-message') {
      const error = resource.pageError as { errorMessage: string; sourceName: string; warning: boolean; error: boolean; innerWindowID: number };
      if (!error.error && !error.warning) return;
      if (TOLERATED_WARNINGS.some((pattern) => pattern.test(error.errorMessage))) return;
      this.entries.push({ level: error.error ? 'error' : 'warning', text: error.errorMessage, source: error.sourceName, innerWindowId: error.innerWindowID });
    } else if (kind === 'console-message') {
      const message = (resource.message ?? resource) as { level: string; arguments: unknown[]; filename: string; innerWindowID: number };
      if (message.level !== 'error' && message.level !== 'warn') return;
      const text = message.arguments.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      this.entries.push({ level: message.level, text, source: message.filename, innerWindowId: message.innerWindowID });
    }
  }

  problems(origin: string, windowIds: ReadonlySet<number>): ConsoleEntry[] {
    return this.entries
      .filter((entry) => entry.source.startsWith(origin) || windowIds.has(entry.innerWindowId))
      .map(({ level, text, source }) => ({ level, text, source }));
  }
}

/**
 * Warnings Firefox reports about the test setup itself, not about Upstream: the debugger that reads the add-on's
 * documents keeps its event page alive (a real install suspends it when idle).
 */
const TOLERATED_WARNINGS = [/^Background event page was not terminated on idle because a DevTools toolbox is attached/];

function extensionDocument(rdp: RemoteDebugger, watch: AddonDocuments, test: (url: string) => boolean, url: string): ExtensionDocument {
  return {
    url,
    async evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
      const target = await poll(async () => watch.find(test), Boolean, `a document at ${url}`);
      // `__name`: what a transpiler that keeps function names wraps nested functions in; harmless otherwise.
      const text = `((__name) => Promise.resolve().then(() => (${fn.toString()})(${JSON.stringify(arg ?? null)})))((f) => f)
        .then((value) => JSON.stringify({ value: value ?? null }), (error) => JSON.stringify({ error: String(error?.stack ? \`\${error}\\n\${error.stack}\` : error) }))`;
      const outcome = JSON.parse((await rdp.evaluate(target!.consoleActor, text)) as string) as { value: T } | { error: string };
      if ('error' in outcome) throw new Error(`in ${url}: ${outcome.error}`);
      return outcome.value;
    },
  };
}

/**
 * Firefox with Upstream (dist/firefox, or another unpacked copy) installed temporarily, as about:debugging would.
 * `port` is the local HTTPS world's: every hostname resolves to 127.0.0.1 and port 443 is forwarded there; plain
 * http goes nowhere.
 */
export async function launchFirefoxWithExtension(port: number, extensionDir = FIREFOX_EXTENSION_DIR): Promise<FirefoxWithExtension> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no manifest.json: run \`npm run build\` first`);
  if (!existsSync(FIREFOX)) throw new Error(`Firefox was not found at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`);
  const geckoId = (JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } })
    .browser_specific_settings.gecko.id;
  const profile = mkdtempSync(join(tmpdir(), 'upstream-firefox-'));
  const debuggerPort = await freePort();
  const session = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    args: ['--start-debugger-server', String(debuggerPort)],
    extraPrefsFirefox: {
      // Every hostname is the local world; https on 443 reaches it, plain http (port 80) is refused.
      'network.dns.forceResolve': '127.0.0.1',
      'network.socket.forcePort': `443=${port};80=1`,
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      // The debugger server about:debugging uses, without the prompt that asks a person to allow it.
      'devtools.debugger.remote-enabled': true,
      'devtools.chrome.enabled': true,
      'devtools.debugger.prompt-connection': false,
      // The parent process's watcher covers content processes too, as the Browser Toolbox does.
      'devtools.browsertoolbox.scope': 'everything',
    },
  });
  const cleanUp = async () => {
    await session.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const extensionId = await session.installExtension(extensionDir);
    const rdp = await RemoteDebugger.connect(debuggerPort);
    const { addons } = (await rdp.request('root', 'listAddons')) as Packet & { addons: { id: string; actor: string }[] };
    const addon = addons.find((candidate) => candidate.id === extensionId);
    if (!addon) throw new Error(`the debugger does not list ${extensionId}`);
    const addonWatcher = (await rdp.request(addon.actor, 'getWatcher', {})).actor as string;
    const watch = new AddonDocuments(rdp, addonWatcher);
    await rdp.request(addonWatcher, 'watchTargets', { targetType: 'frame' });
    // The whole browser's console: the parent process's watcher, with every process and frame as targets.
    const parent = (await rdp.request('root', 'getProcess', { id: 0 })).processDescriptor as { actor: string };
    const browserWatcher = (await rdp.request(parent.actor, 'getWatcher', {})).actor as string;
    const browserConsole = new BrowserConsole(rdp, browserWatcher);
    await rdp.request(browserWatcher, 'watchTargets', { targetType: 'process' });
    await rdp.request(browserWatcher, 'watchTargets', { targetType: 'frame' });
    await rdp.request(browserWatcher, 'watchResources', { resourceTypes: ['console-message', 'error-message'] });

    const backgroundUrl = `${EXTENSION_ORIGIN}/_generated_background_page.html`;
    const background = extensionDocument(rdp, watch, (url) => url === backgroundUrl, backgroundUrl);

    const openExtensionPage = async (path: string): Promise<ExtensionTab> => {
      const url = `${EXTENSION_ORIGIN}/${path}`;
      const known = new Set(await session.pages());
      const tabId = await background.evaluate(async (address: string) => (await browser.tabs.create({ url: address })).id!, url);
      const withoutHash = url.split('#')[0]!;
      const inTab = extensionDocument(rdp, watch, (candidate) => candidate.split('#')[0] === withoutHash, url);
      await poll(() => inTab.evaluate(() => window.document.readyState), (state) => state === 'complete', `${path} to load`);
      // BiDi sees the new tab but not its moz-extension address: it is the one page that was not there before.
      const page = await poll(async () => (await session.pages()).find((candidate) => !known.has(candidate)), Boolean, `the tab of ${path} through BiDi`);
      return {
        ...inTab,
        tabId,
        page: page!,
        waitForText: (accept, selector = 'main') =>
          poll(() => inTab.evaluate((css: string) => (window.document.querySelector(css) as HTMLElement | null)?.innerText ?? '', selector), accept, `text in ${selector} of ${path}`),
        close: () => background.evaluate((id: number) => browser.tabs.remove(id), tabId),
      };
    };

    return {
      browser: session,
      extensionId,
      background,
      openExtensionPage,
      consoleProblems: () => browserConsole.problems(EXTENSION_ORIGIN, watch.windowIds),
      async close() {
        rdp.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The tab id Upstream recorded for a page showing `hostname` (the background keeps `tab:<id>` in storage.session). */
export async function tabIdFor(firefox: FirefoxWithExtension, hostname: string): Promise<number> {
  const ids = await poll(
    () =>
      firefox.background.evaluate(async (host: string) => {
        const all = await browser.storage.session.get(null);
        return Object.entries(all)
          .filter(([key, value]) => key.startsWith('tab:') && (value as { hostname: string }).hostname === host)
          .map(([key]) => Number(key.slice(4)));
      }, hostname),
    (found) => found.length === 1,
    `Upstream to record the tab showing ${hostname}`,
  );
  return ids[0]!;
}

export interface BadgeState {
  text: string;
  title: string;
  /** RGBA, as browser.action.getBadgeBackgroundColor answers. */
  color: [number, number, number, number];
}

/** The toolbar badge of a tab, read through browser.action in the background page. */
export function badge(firefox: FirefoxWithExtension, tabId: number): Promise<BadgeState> {
  return firefox.background.evaluate(
    async (id: number) => ({
      text: await browser.action.getBadgeText({ tabId: id }),
      title: await browser.action.getTitle({ tabId: id }),
      color: (await browser.action.getBadgeBackgroundColor({ tabId: id })) as [number, number, number, number],
    }),
    tabId,
  );
}

export { poll as waitFor };

export interface FirefoxHarness {
  server: HttpsWorld;
  firefox: FirefoxWithExtension;
}

/**
 * Registers the suite's setup: the local HTTPS world, Firefox with Upstream installed temporarily, and the
 * schedule running with minutes as two seconds (honoured for temporary installs only). Filled in before the first
 * test runs.
 */
export function useFirefoxWorld(): FirefoxHarness {
  const harness = {} as FirefoxHarness;
  beforeAll(async () => {
    harness.server = await startHttpsWorld();
    harness.firefox = await launchFirefoxWithExtension(harness.server.port);
    await harness.firefox.background.evaluate(() => browser.storage.local.set({ 'test.secondsPerMinute': 2 }));
  });
  afterAll(async () => {
    await harness.firefox?.close();
    await harness.server?.close();
  });
  return harness;
}
