import { googleDashboard } from './google-dashboard.ts';

/**
 * Google Workspace Status Dashboard (`www.google.com/appsstatus/dashboard/incidents.json`), the dashboard
 * that carries the consumer Gemini app. Same engine and fields as Google Cloud's, plus
 * `currently_affected_products`, which is preferred over `affected_products` for open incidents.
 *
 * `page.params`:
 * - `productIds` (string | string[], required): Workspace product ids; the Gemini app is `npdyhgECDJ6tB66MxXyo`.
 * - `productNames` (string | string[], optional): display names, in the order of `productIds`.
 */
const dashboard = googleDashboard('google-workspace', 'https://www.google.com/appsstatus/dashboard/');

export const GOOGLE_WORKSPACE_INCIDENTS = dashboard.incidentsUrl;
export const parseGoogleWorkspaceIncidents = dashboard.parse;
/** Recent incidents of the configured products, ended ones included, from the same `incidents.json`. */
export const parseGoogleWorkspaceRecent = dashboard.parseRecent;
export const googleWorkspace = dashboard.adapter;
