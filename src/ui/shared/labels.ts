import type { Category, Confidence, ProductKind, RequestSource, Source } from '../../catalog/types.ts';
import type { ReadError } from '../../model/health.ts';
import { t } from '../../platform/i18n.ts';
import type { MessageKey } from '../../model/i18n.ts';

/** Message names allow only letters, digits and underscores. */
const key = (prefix: 'category_' | 'confidence_' | 'kind_' | 'sourceKind_' | 'dateKind_', id: string) => `${prefix}${id.replace(/-/g, '_')}` as MessageKey;

export const categoryName = (category: Category) => t(key('category_', category));
export const confidenceName = (confidence: Confidence) => t(key('confidence_', confidence));
export const kindName = (kind: ProductKind) => t(key('kind_', kind));
export const sourceKindName = (kind: Source['kind'] | RequestSource['kind']) => t(key('sourceKind_', kind));
export const dateKindName = (dateKind: Source['dateKind']) => t(key('dateKind_', dateKind));

/** An incident's title, or words for one its status page left untitled. */
export function incidentTitle(incident: { title: string; maintenance: boolean }): string {
  return incident.title.trim() || t(incident.maintenance ? 'untitledMaintenance' : 'untitledIncident');
}

const INCIDENT_STAGES = new Set(['investigating', 'identified', 'monitoring', 'resolved', 'scheduled', 'in_progress', 'verifying', 'completed', 'active', 'open', 'postmortem', 'update']);

/** An incident's stage in the user's words when it is one status pages share; otherwise the page's own word. */
export function incidentStatusText(status: string): string {
  const stage = status.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return INCIDENT_STAGES.has(stage) ? t(`incidentStatus_${stage}` as MessageKey) : status;
}

/** Status platforms by the names their makers give them (brand names: not translated). */
const PLATFORM_BRANDS: Record<string, string> = {
  'atlassian-statuspage': 'Atlassian Statuspage',
  'incident-io': 'incident.io',
  'better-stack': 'Better Stack',
  instatus: 'Instatus',
  'google-cloud': 'Google Cloud Service Health',
  'google-workspace': 'Google Workspace Status Dashboard',
  'aws-health': 'AWS Health Dashboard',
  checkly: 'Checkly',
  flashduty: 'Flashduty',
  rootly: 'Rootly',
};

/** Platforms without a product name of their own, described in the user's language. */
const PLATFORM_WORDS: Record<string, MessageKey> = {
  'google-dashboard': 'platform_google_dashboard',
  'azure-status': 'platform_azure_status',
  datadog: 'platform_datadog',
  rss: 'platform_rss',
  'cloudflare-status': 'platform_cloudflare_status',
};

export function platformName(platform: string): string {
  if (Object.hasOwn(PLATFORM_BRANDS, platform)) return PLATFORM_BRANDS[platform] ?? platform;
  const words = Object.hasOwn(PLATFORM_WORDS, platform) ? PLATFORM_WORDS[platform] : undefined;
  return words ? t(words) : platform;
}

/** Why a status page could not be read, as a clause ("it did not answer in time"). */
export function readErrorText(error: ReadError): string {
  switch (error.kind) {
    case 'http':
      return error.status === 429 ? t('readError_http_429') : t('readError_http', String(error.status));
    case 'format':
      if (error.found === 'challenge') return t('readError_format_challenge');
      if (error.platform !== undefined) return t('readError_format_platform', platformName(error.platform));
      return error.found === 'html' ? t('readError_format_html') : error.found === 'json' ? t('readError_format_json') : t('readError_format');
    case 'too-large':
      return t('readError_too_large');
    default:
      return t(`readError_${error.kind}`);
  }
}
