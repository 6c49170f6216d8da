// Binds the pure Translate type to browser.i18n, for the worker and the pages alike.
import { browser } from './browser.ts';
import type { Translate } from '../model/i18n.ts';

/**
 * Messages in the browser's language; the browser itself falls back to the default locale (English), which has
 * every key (checked by the i18n test), so pages need not bundle the English messages.
 */
export const t: Translate = (key, ...substitutions) => browser.i18n.getMessage(key, substitutions) || key;
