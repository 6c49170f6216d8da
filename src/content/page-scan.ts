// The content script (isolated world), on every http(s) page: reports the page's detection signals to the
// background at document start, when the DOM is ready, and in a bounded number of re-scans for widgets that
// load late or single-page-app navigations. It is bundled on its own with no runtime imports (vite.config.ts).
import type { Request } from '../protocol/messages.ts';
import { collect, planMarkers, type Markers } from './collect.ts';
import pageMarkers from './page-markers.json';

const markers: Markers = pageMarkers;

// Firefox and Chrome 148+ have `browser`; older Chrome only `chrome`. Both return promises in MV3.
const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

/** Re-scans per page (a single-page-app navigation starts a new budget), and the quiet time after a DOM change. */
const MAX_SCANS = 12;
const RESCAN_DELAY_MS = 1000;

const plan = planMarkers(markers);
let lastSent = '';
/** Numbers this document's reports (never reset: the worker keeps the newest). */
let seq = 0;
/** Scans since the path last changed. */
let scansOnPath = 0;
let scannedPath = location.pathname;
let timer: ReturnType<typeof setTimeout> | undefined;

function scan(): void {
  timer = undefined;
  seq++;
  scansOnPath++;
  scannedPath = location.pathname;
  const report = collect(document, plan);
  const key = JSON.stringify(report);
  if (key === lastSent) return;
  lastSent = key;
  report.seq = seq;
  const message: Request<'page-report'> = { type: 'page-report', payload: report };
  api.runtime.sendMessage(message).catch(() => {
    lastSent = ''; // The worker may be restarting: send again on the next scan.
  });
}

function scheduleScan(): void {
  if (timer !== undefined) return;
  if (location.pathname !== scannedPath) scansOnPath = 0;
  if (scansOnPath < MAX_SCANS) timer = setTimeout(scan, RESCAN_DELAY_MS);
}

// At document start the hostname alone recognises first-party products, so the badge is right early.
scan();
const onReady = () => {
  scan();
  // A DOM change only marks the page for a re-scan a second later; nothing runs per mutation.
  new MutationObserver(scheduleScan).observe(document.documentElement, { childList: true, subtree: true });
  addEventListener('popstate', scheduleScan);
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onReady, { once: true });
else onReady();
