import type Browser from 'webextension-polyfill';

/**
 * The extension API for Upstream's pages: Firefox's `browser`, or Chrome's `chrome`, whose MV3 methods return
 * promises as well. Pages call only promise-returning methods, so they load no polyfill (28 KB of the popup);
 * the worker keeps it, for message listeners that answer with a promise.
 */
const scope = globalThis as unknown as { browser?: Browser.Browser; chrome: Browser.Browser };
export const browser: Browser.Browser = scope.browser ?? scope.chrome;
