import type { Translate } from '../../model/i18n.ts';

/** "just now", "4 min ago", "3 h ago", "2 days ago": how long ago an ISO time was. */
export function timeAgo(t: Translate, iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return t('justNow');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('minutesAgo', String(minutes));
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('hoursAgo', String(hours));
  return t('daysAgo', String(Math.round(hours / 24)));
}
