import browser from 'webextension-polyfill';
// The one browser-API file under shared/: it binds the pure Translate type to browser.i18n for worker and pages.
import { english, type Translate } from '../model/i18n.ts';

/** Messages in the browser's language, falling back to English for any the locale lacks. */
export const t: Translate = (key, ...substitutions) => browser.i18n.getMessage(key, substitutions) || english(key, ...substitutions);
