import type { ParseResult, StatusAdapter } from '../adapter.ts';
import type { StatusPageRef } from '../../catalog/types.ts';
import type { RecentResult } from '../../model/health.ts';
import { parseGoogleDashboard, parseGoogleDashboardRecent } from './google-dashboard.ts';

/** Google Cloud Service Health; incident `uri`s ("incidents/<id>") are relative to it. */
export const GOOGLE_CLOUD_DASHBOARD = 'https://status.cloud.google.com/';
export const GOOGLE_CLOUD_INCIDENTS = `${GOOGLE_CLOUD_DASHBOARD}incidents.json`;

export function parseGoogleCloudIncidents(
  payload: unknown,
  pageUrl: string,
  now: Date,
  params?: StatusPageRef['params'],
): ParseResult {
  return parseGoogleDashboard(payload, { dashboardUrl: GOOGLE_CLOUD_DASHBOARD, pageUrl, now, params });
}

/** Recent incidents of the configured products, ended ones included, from the same `incidents.json`. */
export function parseGoogleCloudRecent(
  payload: unknown,
  pageUrl: string,
  now: Date,
  params?: StatusPageRef['params'],
): RecentResult {
  return parseGoogleDashboardRecent(payload, { dashboardUrl: GOOGLE_CLOUD_DASHBOARD, pageUrl, now, params });
}

/**
 * Google Cloud Service Health (`status.cloud.google.com/incidents.json`), read for a few products.
 *
 * `page.params`:
 * - `productIds` (string | string[], required): product ids from `https://status.cloud.google.com/products.json`;
 *   one component each. Vertex Gemini API (titled "Gemini on Agent Platform" since the rename) is
 *   `Z0FZJAMvEB4j3NbCJs6B`.
 * - `productNames` (string | string[], optional): display names, in the order of `productIds`; by default
 *   the title the incidents give the product, else its id.
 *
 * The endpoint is fixed whatever `pageUrl` says, so `pageUrl` may be a product's own history page.
 */
export const googleCloud: StatusAdapter = {
  platform: 'google-cloud',
  async read(page, fetcher, now) {
    const payload = await fetcher.json(GOOGLE_CLOUD_INCIDENTS);
    return parseGoogleCloudIncidents(payload, page.pageUrl, now, page.params);
  },
  async recent(page, fetcher, now) {
    return parseGoogleCloudRecent(await fetcher.json(GOOGLE_CLOUD_INCIDENTS), page.pageUrl, now, page.params);
  },
};
