/**
 * What a body is when it is not the data a status platform serves: a browser check (a CDN's bot challenge),
 * a web page, some other JSON, or other text. Only the start of the body is looked at.
 */
import type { FormatFound } from '../model/health.ts';
import { isRecord } from '../model/json.ts';

const HEAD_CHARS = 4096;

/** Markers of a browser check: Cloudflare's "Just a moment..." page and its challenge platform. */
const CHALLENGE = /<title>\s*just a moment\.\.\.\s*<\/title>|challenge-platform|_cf_chl_opt|cf-browser-verification|id="challenge-form"|checking your browser before accessing/i;

export function whatIsIt(body: string): FormatFound {
  const head = body.slice(0, HEAD_CHARS).trimStart();
  if (CHALLENGE.test(head)) return 'challenge';
  if (/^<(?:!doctype html|html|head|body)\b/i.test(head) || /<html[\s>]/i.test(head)) return 'html';
  if (/^[[{]/.test(head)) return 'json';
  return 'text';
}

/** Status platforms recognisable from a JSON body alone. */
export const RECOGNIZED_PLATFORMS = [
  'atlassian-statuspage',
  'incident-io',
  'better-stack',
  'instatus',
  'google-dashboard',
  'aws-health',
  'datadog',
  'flashduty',
  'checkly',
  'rootly',
  'cloudflare-status',
] as const;
export type RecognizedPlatform = (typeof RECOGNIZED_PLATFORMS)[number];

const ULID = /^01[0-9A-HJKMNP-TV-Z]{24}$/;
const STATUSPAGE_ID = /^[a-z0-9]{12}$/;

/**
 * Which platform produced a JSON body, by the fields each one alone uses; null when none is recognised. Used
 * to say what a page answers when it no longer answers in its own platform's shape (it moved, or changed).
 */
export function identifyPlatform(value: unknown): RecognizedPlatform | null {
  if (Array.isArray(value)) {
    const first = value.find(isRecord);
    if (!first) return null;
    if ('affected_products' in first || 'status_impact' in first || 'external_desc' in first) return 'google-dashboard';
    if ('arn' in first || 'impacted_services' in first || 'event_log' in first) return 'aws-health';
    return null;
  }
  if (!isRecord(value)) return null;
  if (typeof value.success === 'boolean' && isRecord(value.result) && !('page' in value)) return 'cloudflare-status';
  const data = isRecord(value.data) ? value.data : null;
  if (data?.type === 'status_page' && Array.isArray(value.included)) return 'better-stack';
  if (isRecord(value.summary) && ('expose_status_summary_api' in value.summary || 'structure' in value.summary)) return 'incident-io';
  if ('page_title' in value && 'ongoing_incidents' in value) return 'incident-io';
  if (data && isRecord(data.page) && 'page_id' in data.page && ('active_changes' in data || 'components' in data.page)) return 'flashduty';
  if (Array.isArray(value.metadata) && 'uptime' in value) return 'checkly';
  if ('pageType' in value || 'domainPrefix' in value) return 'datadog';
  const page = isRecord(value.page) ? value.page : null;
  if (page && typeof page.status === 'string' && /^[A-Z]+$/.test(page.status)) return 'instatus';
  if (Array.isArray(value.components) && value.components.some((c) => isRecord(c) && typeof c.status === 'string' && /^[A-Z_]+$/.test(c.status))) return 'instatus';
  const status = isRecord(value.status) ? value.status : null;
  if (page && status && 'indicator' in status) {
    if (typeof page.id === 'string' && ULID.test(page.id)) return 'incident-io';
    if (typeof page.id === 'string' && STATUSPAGE_ID.test(page.id)) return 'atlassian-statuspage';
    if (!('id' in page)) return 'rootly';
  }
  if (page && Array.isArray(value.incidents) && !('id' in page)) return 'rootly';
  return null;
}
