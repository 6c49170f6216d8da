/**
 * What a body is when it is not the data a status platform serves: a browser check (a CDN's bot challenge),
 * a web page, some other JSON, or other text. Only the start of the body is looked at.
 */
import type { FormatFound } from '../model/health.ts';

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
