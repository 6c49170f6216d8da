import { CATALOG } from '../catalog/index.ts';
import { requestHostPatterns, type DetectionIndex, type ProductDetection } from '../detect/engine.ts';
import type { PageSignals } from '../detect/signals.ts';
import type { PageReport } from '../protocol/messages.ts';
import { readPageGlobals } from './page-globals.ts';
import type { TabRequest } from './tab-store.ts';

/**
 * Match patterns for the hosts whose requests reveal a product (empty when the catalog names none). Listeners
 * are registered at the worker's start, before any event, so this comes from the bundled catalog.
 */
export const REQUEST_URL_PATTERNS = requestHostPatterns(CATALOG.products).map((host) => `*://${host}/*`);

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

/** The report without anything no detection used as evidence: the page's other URLs are never stored. */
export function matchedOnly(report: PageReport, detections: readonly ProductDetection[]): PageReport {
  const used = new Set(detections.flatMap((found) => found.evidence.map((evidence) => `${evidence.signal}\u0000${evidence.matched}`)));
  const keep = (signal: string, values: string[]) => values.filter((value) => used.has(`${signal}\u0000${value}`));
  return { ...report, scripts: keep('script', report.scripts), iframes: keep('iframe', report.iframes), dom: keep('dom', report.dom), meta: keep('meta', report.meta) };
}
