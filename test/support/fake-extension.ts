/**
 * The browser APIs for unit tests of the worker's shell, from @webext-core/fake-browser. Import this first:
 * the polyfill wraps `chrome` when the shell's modules load, as in a real Chromium.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import type { Sender } from '../../src/background/handler.ts';
import { english } from '../../src/model/english.ts';
import type { MessageKey } from '../../src/model/i18n.ts';

(globalThis as unknown as { chrome: unknown }).chrome = fakeBrowser;

/** Resets every fake API; pages get the English messages, as a browser does for a key its locale lacks. */
export function resetBrowser(): void {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
    english(key as MessageKey, ...(substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions.map(String) : [substitutions]));
}

export const EXTENSION_PAGE: Sender = { caller: 'extension-page' };
export const pageSender = (tabId: number, pageHostname: string): Sender => ({ caller: 'page', tabId, pageHostname });

export { fakeBrowser };
