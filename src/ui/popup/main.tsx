import { render } from 'preact';
import { applyUiLanguage } from '../shared/locale.ts';
import browser from 'webextension-polyfill';
import { Popup } from './popup.tsx';

/** `?tab=<id>` shows a given tab (tests, or the view opened in a tab); otherwise the active tab. */
async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

applyUiLanguage();
const root = document.getElementById('app');
if (root) {
  void targetTabId().then((tabId) => render(<Popup tabId={tabId} />, root));
}
