/**
 * The extension's popup as a click on Upstream's toolbar button opens it: `action.openPopup()` from the worker,
 * over whichever tab is active. Playwright does not list extension popups, so the popup is reached through a
 * second client on the browser's debugging port (launch with `DEBUGGING_PORT_ARGS`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import puppeteer, { type Browser as DebuggerClient, type Page as PopupPage } from 'puppeteer-core';
import { inWorker, waitFor, type ExtensionBrowser } from './browser.ts';

/** A debugging port the system picks; the browser writes it into the profile. */
export const DEBUGGING_PORT_ARGS = ['--remote-debugging-port=0'] as const;
export const POPUP_PATH = 'src/ui/popup/index.html';

export type { DebuggerClient, PopupPage };

export async function connectDebugger(browser: ExtensionBrowser): Promise<DebuggerClient> {
  const port = readFileSync(join(browser.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  return puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
}

/** Opens `path` (the popup unless told otherwise) as the extension's popup over `activeTab`. */
export async function openRealPopup(browser: ExtensionBrowser, client: DebuggerClient, activeTab: Page, path: string = POPUP_PATH): Promise<PopupPage> {
  await activeTab.bringToFront();
  await inWorker(browser.context, (popup: string) => chrome.action.setPopup({ popup }), path);
  const opened = client.waitForTarget((target) => target.url().includes(`/${path}`), { timeout: 10_000 });
  await inWorker(browser.context, () => chrome.action.openPopup(), null);
  return (await opened).asPage();
}

/** Closes the popup and waits until the browser has let it go: only then can another one open. */
export async function closeRealPopup(browser: ExtensionBrowser, popup: PopupPage): Promise<void> {
  await popup.close();
  const openPopups = () => inWorker(browser.context, async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.POPUP] })).length, null);
  await waitFor(openPopups, (open) => open === 0);
}
