import type { ParseResult, StatusAdapter } from '../adapter.ts';
import type { StatusPageRef } from '../../catalog/types.ts';
import type { RecentResult } from '../../model/health.ts';
import { parseGoogleDashboard, parseGoogleDashboardRecent } from './google-dashboard.ts';

/** Google Workspace Status Dashboard; incident `uri`s are relative to it. */
export const GOOGLE_WORKSPACE_DASHBOARD = 'https://www.google.com/appsstatus/dashboard/';
export const GOOGLE_WORKSPACE_INCIDENTS = `${GOOGLE_WORKSPACE_DASHBOARD}incidents.json`;

export function parseGoogleWorkspaceIncidents(
  payload: unknown,
  pageUrl: string,
  now: Date,
  params?: StatusPageRef['params'],
): ParseResult {
  return parseGoogleDashboard(payload, { dashboardUrl: GOOGLE_WORKSPACE_DASHBOARD, pageUrl, now, params });
}

/** Recent incidents of the configured products, ended ones included, from the same `incidents.json`. */
export function parseGoogleWorkspaceRecent(
  payload: unknown,
  pageUrl: string,
  now: Date,
  params?: StatusPageRef['params'],
): RecentResult {
  return parseGoogleDashboardRecent(payload, { dashboardUrl: GOOGLE_WORKSPACE_DASHBOARD, pageUrl, now, params });
}

/**
 * Google Workspace Status Dashboard (`www.google.com/appsstatus/dashboard/incidents.json`), the dashboard
 * that carries the consumer Gemini app. Same engine and fields as Google Cloud's, plus
 * `currently_affected_products`, which this adapter prefers over `affected_products` for open incidents.
 *
 * `page.params`:
 * - `productIds` (string | string[], required): Workspace product ids; the Gemini app is `npdyhgECDJ6tB66MxXyo`.
 * - `productNames` (string | string[], optional): display names, in the order of `productIds`; by default
 *   the title the incidents give the product, else its id.
 *
 * The endpoint is fixed whatever `pageUrl` says, so `pageUrl` may be a product's own history page.
 */
export const googleWorkspace: StatusAdapter = {
  platform: 'google-workspace',
  async read(page, fetcher, now) {
    const payload = await fetcher.json(GOOGLE_WORKSPACE_INCIDENTS);
    return parseGoogleWorkspaceIncidents(payload, page.pageUrl, now, page.params);
  },
  async recent(page, fetcher, now) {
    return parseGoogleWorkspaceRecent(await fetcher.json(GOOGLE_WORKSPACE_INCIDENTS), page.pageUrl, now, page.params);
  },
};
