/** Which catalog data a page shows, in words: a data pack's version and date, or the copy bundled with Upstream. */
import { browser } from '../../platform/browser.ts';
import { t } from '../../platform/i18n.ts';
import type { DataProvenance } from '../../protocol/views.ts';

/** A date and time in the browser's language, e.g. "3 Dec 2026, 14:05". */
export function dateTimeText(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** "Catalog data: version 42, published 3 Dec 2026, 14:05." or "Catalog data: bundled with Upstream 0.1.0, built …". */
export function provenanceText(data: DataProvenance): string {
  if (data.source === 'pack' && data.version !== null) return t('dataFromPack', String(data.version), data.published ? dateTimeText(data.published) : '');
  return data.published ? t('dataBundled', data.extensionVersion, dateTimeText(data.published)) : t('dataBundledUndated', data.extensionVersion);
}

/** What a page says when it could not ask the worker: it shows the catalog bundled with this version. */
export function bundledProvenance(): DataProvenance {
  return { source: 'bundled', version: null, published: null, extensionVersion: browser.runtime.getManifest().version };
}
