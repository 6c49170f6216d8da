import { render } from 'preact';
import './popup.css';
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
  const tabId = targetTabId();
  // The storage API sets itself up on its first call, milliseconds while the popup opens: that happens while the
  // tab query is in flight, so the read of the tab's view below costs only its own round trip.
  const storageReady = browser.storage.session.get([]).catch(() => null);
  // The view the worker last painted for the tab is rendered in the first frame; the worker's answer follows.
  void tabId.then(async (id) => {
    await storageReady;
    render(<Popup tabId={id} initial={id === null ? null : await cachedTabView(id)} />, root);
  });
}
