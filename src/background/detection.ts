import { CATALOG } from '../catalog/index.ts';
import { frameUrlPatterns, requestHostPatterns, type DetectionIndex, type ProductDetection } from '../detect/engine.ts';
import type { PageSignals } from '../detect/signals.ts';
import type { PageReport } from '../protocol/messages.ts';
import { readPageGlobals } from './page-globals.ts';
import { readFrames, type TabFrames, type TabRequest } from './tab-store.ts';

/**
 * Match patterns for the hosts whose requests reveal a product (empty when the catalog names none). Listeners
 * are registered at the worker's start, before any event, so this comes from the bundled catalog.
 */
export const REQUEST_URL_PATTERNS = requestHostPatterns(CATALOG.products).map((host) => `*://${host}/*`);

/** Match patterns for the frames that reveal a product (the catalog's iframe patterns), from the bundled catalog too. */
export const FRAME_URL_PATTERNS = frameUrlPatterns(CATALOG.products);

export function detectTab(detection: DetectionIndex, report: PageReport, requests: TabRequest[], globals: readonly string[] = []): ProductDetection[] {
  const signals: PageSignals = {
    ...report,
    globals: [...globals],
    // A document's requests start after its time origin (same browser clock as webRequest's timeStamp);
    // earlier ones belong to the page before it.
    requests: requests.filter((request) => request.at >= report.timeOrigin).map((request) => request.host),
  };
  return withinTabBound(detection.detect(signals));
}

/**
 * Characters a tab's detections may take in its stored record, each value of evidence counted twice (the report
 * keeps it too). The popup's cached view carries the same evidence, so this bounds both.
 */
export const TAB_DETECTIONS_CHARS = 24_000;

function storedCost(detection: ProductDetection): number {
  return JSON.stringify(detection).length + detection.evidence.reduce((sum, evidence) => sum + evidence.matched.length + 3, 0);
}

/**
 * The detections a tab keeps: all of them on any real page. A page matching many products with long URLs keeps
 * one value per product and signal (confidence counts kinds, so it is unchanged), then loses its least confident
 * products past the bound.
 */
export function withinTabBound(detections: ProductDetection[], budget = TAB_DETECTIONS_CHARS): ProductDetection[] {
  if (detections.reduce((sum, detection) => sum + storedCost(detection), 0) <= budget) return detections;
  const kept: ProductDetection[] = [];
  let used = 0;
  for (const detection of detections) {
    const evidence = detection.evidence.filter((item, i, all) => all.findIndex((other) => other.signal === item.signal) === i);
    const thinned = { ...detection, evidence };
    used += storedCost(thinned);
    if (used > budget) break;
    kept.push(thinned);
  }
  return kept;
}

/** Detections confident enough to act on (badge, notifications, watching the providers). */
export function actionable(detections: ProductDetection[]): ProductDetection[] {
  return detections.filter((detection) => detection.confidence !== 'low');
}

export interface TabDetection {
  /** The report, cut to what matched. */
  report: PageReport;
  globals: string[];
  detections: ProductDetection[];
}

/**
 * A tab's products from its page's report and requests, and, when a product found that way is not yet certain
 * and the catalog knows its globals, from the globals its page defines (`known`: those found before on the same
 * document). What is kept of the report is only what matched a catalog pattern.
 */
export async function detectTabProducts(
  detection: DetectionIndex,
  tabId: number,
  report: PageReport,
  requests: TabRequest[],
  known: readonly string[] = [],
): Promise<TabDetection> {
  let globals = [...known];
  let detections = detectTab(detection, report, requests, globals);
  const wanted = detection.globalsToConfirm(detections).filter((name) => !globals.includes(name));
  if (wanted.length > 0) {
    const found = await readPageGlobals(tabId, wanted);
    if (found.length > 0) {
      globals = [...globals, ...found].sort();
      detections = detectTab(detection, report, requests, globals);
    }
  }
  return { report: matchedOnly(report, detections), globals, detections };
}

/**
 * How long after a top-level document started loading the worker may hear of the navigation from the tab (it
 * may have had to start first): within this, that document is the one the address is of.
 */
const NAVIGATION_NEWS_MS = 5_000;

/**
 * The frames of the document a record describes. A page's report is dated by its document's time origin. An
 * address learned from the tab is dated when the worker heard of it, which can be after the page's first frames
 * loaded: the document start the browser reported just before is taken instead. An address with no such start
 * is a single-page-app view (or a page restored as it was left), dated from the moment it showed.
 */
export function documentFrames(seen: TabFrames, report: PageReport, addressOnly: boolean): string[] {
  let since = report.timeOrigin;
  if (addressOnly && seen.documentAt <= since && since - seen.documentAt <= NAVIGATION_NEWS_MS) since = seen.documentAt;
  return seen.frames.filter((entry) => entry.at >= since).map((entry) => entry.frame);
}

/**
 * The report with the frames the tab's document loaded (seen by the worker, not the page): those the report
 * kept from an earlier detection first, each once.
 */
export function withFrames(report: PageReport, frames: readonly string[]): PageReport {
  if (frames.length === 0) return report;
  return { ...report, iframes: [...new Set([...report.iframes, ...frames])] };
}

/** A tab's page as the worker knows it: the record's report (or address) with the frames its document loaded. */
export async function withTabFrames(tabId: number, report: PageReport, addressOnly: boolean): Promise<PageReport> {
  return withFrames(report, documentFrames(await readFrames(tabId), report, addressOnly));
}

/** The report without anything no detection used as evidence: the page's other URLs are never stored. */
export function matchedOnly(report: PageReport, detections: readonly ProductDetection[]): PageReport {
  const used = new Set(detections.flatMap((found) => found.evidence.map((evidence) => `${evidence.signal}\u0000${evidence.matched}`)));
  const keep = (signal: string, values: string[]) => values.filter((value) => used.has(`${signal}\u0000${value}`));
  return { ...report, scripts: keep('script', report.scripts), iframes: keep('iframe', report.iframes), dom: keep('dom', report.dom), meta: keep('meta', report.meta) };
}
