// The content script (isolated world), on every http(s) page: reads the page's detection signals when the DOM is
// ready, then again a second after the DOM changes, for widgets that load late or single-page-app navigations.
// It reports to the worker only once it has found something of the catalog's: the worker learns each tab's
// address from the tab itself (which recognises a product's own site), so most pages never message it, and never
// touch the extension API, which the browser sets up on first use at a cost every page would pay.
// It is bundled on its own with no runtime imports (vite.config.ts).
import { USE_MARKERS, type Request } from '../protocol/messages.ts';
import { PageCollector, planMarkers, type MarkerPlan, type Markers } from './collect.ts';
import pagePlan from './page-plan.json';

/** The bundled markers, planned at build time. */
const plan: MarkerPlan = pagePlan;

// Firefox and Chrome 148+ have `browser`; older Chrome only `chrome`. Both return promises in MV3. Read on first
// send only.
const api = (): typeof chrome => (globalThis as { browser?: typeof chrome }).browser ?? chrome;

/**
 * Reads per path (a single-page-app navigation starts a new budget); the quiet time between a DOM change and the
 * read it causes; and, once a path's reads are spent, how often a change is looked at only for a new path.
 */
const MAX_SCANS = 12;
const RESCAN_DELAY_MS = 1000;
const PATH_WATCH_MS = 5000;

let collector = new PageCollector(plan);
/** Whether a data pack's markers replaced the bundled ones (at most once per document). */
let adopted = false;
let lastSent = '';
/** Whether this document has reported anything: from then on every change is reported, emptier ones too. */
let reported = false;
/** Numbers this document's reports (never reset: the worker keeps the newest). */
let seq = 0;
let scansOnPath = 0;
let scannedPath = location.pathname;
let observer: MutationObserver | undefined;

function send(): void {
  // Until something of the catalog's is found, a read costs no report at all.
  if (!reported && collector.empty) return;
  seq++;
  const report = collector.report(document, seq);
  const key = JSON.stringify({ ...report, seq: 0, timeOrigin: 0 });
  if (key === lastSent) return;
  lastSent = key;
  reported = true;
  const message: Request<'page-report'> = { type: 'page-report', payload: report };
  api().runtime.sendMessage(message).then(adoptMarkers, () => {
    lastSent = ''; // The worker may be restarting: send again on the next read.
  });
}

/** While a data pack is in use, the worker answers a report with its markers: the page is read for those from then on. */
function adoptMarkers(reply: unknown): void {
  const value = (reply as { value?: { markers?: Markers } | null } | undefined)?.value;
  if (value?.markers) useMarkers(value.markers);
}

function useMarkers(next: Markers): void {
  if (adopted) return;
  adopted = true;
  collector = new PageCollector(planMarkers(next));
  if (document.readyState === 'loading') return; // onReady reads the page with them.
  collector.readAll(document);
  send();
}

/**
 * The first DOM change after a read stops the observing until the next read: the records are never looked at
 * (reading the added nodes would make the browser build a script object for each, on every page), and a page
 * that keeps changing costs one callback per read, not one per change.
 */
function onChange(): void {
  observer?.disconnect();
  setTimeout(readChanges, scansOnPath < MAX_SCANS ? RESCAN_DELAY_MS : PATH_WATCH_MS);
}

function readChanges(): void {
  const navigated = location.pathname !== scannedPath;
  if (navigated) {
    // A single-page-app navigation: the new view is read whole, with a new budget.
    scannedPath = location.pathname;
    scansOnPath = 0;
    collector.readAll(document);
  } else if (scansOnPath < MAX_SCANS) collector.readAgain(document);
  if (navigated || scansOnPath < MAX_SCANS) {
    scansOnPath++;
    send();
  }
  observe();
}

function observe(): void {
  observer ??= new MutationObserver(onChange);
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

// While a data pack is in use, the worker hands its markers to a page that has reported nothing yet by calling this
// in the content script's own world, which the page cannot see (`background/navigation.ts`).
(globalThis as { [USE_MARKERS]?: (next: Markers) => void })[USE_MARKERS] = useMarkers;
// A single-page-app navigation is noticed by the path changing when the new view's nodes arrive: no history
// event is listened to, so the page cannot spend the rescans by firing forged ones.
const onReady = () => {
  collector.readAll(document);
  send();
  observe();
};
let ready = false;
// The page's scripts can dispatch a forged `readystatechange`: the document's state decides, not the event.
// On `window`, in the capture phase, from document_start: the first listener on the event's path, which no page
// listener can stop before it.
const onReadyState = () => {
  if (ready || document.readyState === 'loading') return;
  ready = true;
  removeEventListener('readystatechange', onReadyState, true);
  onReady();
};
if (document.readyState === 'loading') addEventListener('readystatechange', onReadyState, true);
else onReady();
