import { CATALOG } from '../catalog/index.ts';
import { requestHostPatterns, type DetectionIndex, type ProductDetection } from '../detect/engine.ts';
import type { PageSignals } from '../detect/signals.ts';
import type { PageReport } from '../protocol/messages.ts';
import type { TabRequest } from './tab-store.ts';

/**
 * Match patterns for the hosts whose requests reveal a product (empty when the catalog names none). Listeners
 * are registered at the worker's start, before any event, so this comes from the bundled catalog.
 */
export const REQUEST_URL_PATTERNS = requestHostPatterns(CATALOG.products).map((host) => `*://${host}/*`);

export function detectTab(detection: DetectionIndex, report: PageReport, requests: TabRequest[]): ProductDetection[] {
  const signals: PageSignals = {
    ...report,
    // A document's requests start after its time origin (same browser clock as webRequest's timeStamp);
    // earlier ones belong to the page before it.
    requests: requests.filter((request) => request.at >= report.timeOrigin).map((request) => request.host),
  };
  return detection.detect(signals);
}

/** Detections confident enough to act on (badge, notifications, watching the providers). */
export function actionable(detections: ProductDetection[]): ProductDetection[] {
  return detections.filter((detection) => detection.confidence !== 'low');
}
