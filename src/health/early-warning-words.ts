/** The early warning in words, for the popup and the provider page (kept apart so the pages load only this). */
import type { Translate } from '../model/i18n.ts';
import { joinNames } from '../model/text.ts';
import type { EarlyWarningView, FailureCount, Warning } from './early-warning.ts';
import { EARLY_WARNING } from './early-warning-policy.ts';

/** A duration as a reader wants it: never more than it was ("1 min" for 1 min 50 s), under a minute in words. */
export function durationText(ms: number, t: Translate): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('ewUnderAMinute');
  return minutes < 120 ? t('durationMinutes', String(minutes)) : t('durationHours', (minutes / 60).toFixed(1));
}

/** The span a count covers ("in 2 min"): rounded up, since the outcomes lie within it. */
function spanText(ms: number, t: Translate): string {
  return ms < 60_000 ? t('ewUnderAMinute') : t('durationMinutes', String(Math.ceil(ms / 60_000)));
}

function pagesText(productName: string, view: EarlyWarningView, t: Translate): string {
  const names = joinNames(t, view.providers);
  const many = view.providers.length > 1;
  switch (view.pages) {
    case 'calm':
      return many ? t('ewPagesCalmMany', names) : t('ewPagesCalmOne', names);
    case 'maintenance':
      return t('ewPagesMaintenance', names);
    case 'trouble':
      return t('ewPagesTrouble', names);
    case 'unread':
      return t('ewPagesUnread', names);
    case 'unknown':
      return t('ewPagesUnknown', names);
    case 'none':
      return t('ewPagesNone', productName);
  }
}

/** The early warning in one line ("Your Claude requests are failing: 3 of the last 4 in 2 min; …"), or null. */
export function warningLine(productName: string, view: EarlyWarningView, t: Translate): string | null {
  const warning = view.warning;
  if (!warning) return null;
  const counts = [String(warning.failed), String(warning.total), spanText(warning.lastAt - warning.firstAt, t)] as const;
  if (warning.kind === 'connection') {
    return warning.because === 'offline' ? t('ewOffline', productName) : t('ewConnection', productName, ...counts);
  }
  return t('ewFailing', productName, ...counts, pagesText(productName, view, t));
}

/** What failed, in numbers: "2 × HTTP 503, 1 × no answer within 60 s". */
export function failuresText(warning: Warning, t: Translate): string {
  const label = (entry: FailureCount): string => {
    switch (entry.kind) {
      case 'server-error':
        return t('ewHttpStatus', String(entry.status ?? '5xx'));
      case 'overloaded':
        return t('ewOverloaded');
      case 'rate-limited':
        return t('ewRateLimited');
      case 'network':
        return t('ewNoConnection');
      case 'timeout':
        return t('ewTimeout', String(EARLY_WARNING.timeoutMs / 1000));
    }
  };
  return warning.failures.map((entry) => t('ewTimes', String(entry.count), label(entry))).join(t('listSeparator'));
}

/** How much earlier Upstream knew, once a page said so; null before. */
export function admissionLine(productName: string, view: EarlyWarningView, t: Translate): string | null {
  const admission = view.admission;
  if (!admission) return null;
  return admission.leadMs > 0
    ? t('ewAdmittedLater', durationText(admission.leadMs, t), productName, admission.providerName)
    : t('ewAdmittedFirst', admission.providerName, productName);
}

