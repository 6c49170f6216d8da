import { render } from 'preact';
import { applyUiLanguage } from '../shared/locale.ts';
import { browser } from '../../platform/browser.ts';
import { cachedTabView } from './cached-view.ts';
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
  // The view the worker last painted for the tab is rendered in the first frame; the worker's answer follows.
  void targetTabId().then(async (tabId) => render(<Popup tabId={tabId} initial={tabId === null ? null : await cachedTabView(tabId)} />, root));
}
