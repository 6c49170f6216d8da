import { googleDashboard } from './google-dashboard.ts';

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
 * The endpoint is fixed whatever `pageUrl` says, so `pageUrl` may be a product's own history page; incident
 * `uri`s ("incidents/<id>") are relative to the dashboard.
 */
const dashboard = googleDashboard('google-cloud', 'https://status.cloud.google.com/');

export const GOOGLE_CLOUD_INCIDENTS = dashboard.incidentsUrl;
export const parseGoogleCloudIncidents = dashboard.parse;
/** Recent incidents of the configured products, ended ones included, from the same `incidents.json`. */
export const parseGoogleCloudRecent = dashboard.parseRecent;
export const googleCloud = dashboard.adapter;
