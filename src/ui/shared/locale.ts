import { browser } from '../../platform/browser.ts';

/** The page's language follows the browser's UI language, so screen readers pronounce a translation right. */
export function applyUiLanguage(): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
}
