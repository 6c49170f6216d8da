/**
 * Options: the catalog data in use (bundled, or a data pack), "Update data now", rollback to the bundled data in
 * one click, what the last check found (with the reason in words when a pack was refused), and the pack's
 * release notes. Everything here comes from the worker; the page itself never loads the catalog.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../model/i18n.ts';
import type { ChangelogEntry } from '../../pack/format.ts';
import type { InvalidPart, PackRefusal } from '../../pack/open.ts';
import type { CheckResult, FetchFailure } from '../../pack/updates.ts';
import { t } from '../../platform/i18n.ts';
import type { ProtocolError } from '../../protocol/messages.ts';
import type { DataStatusView } from '../../protocol/views.ts';
import { ago } from '../shared/components.tsx';
import { dateTimeText, provenanceText } from '../shared/data.ts';
import { errorText, send } from '../shared/send.ts';

/** The part of a pack that failed its checks, in words; the validator's own sentence is for pack builders. */
const INVALID_PART_WORDS: Record<InvalidPart, MessageKey> = {
  version: 'packPartVersion',
  published: 'packPartPublished',
  catalog: 'packPartCatalog',
  'release-notes': 'packPartReleaseNotes',
  markers: 'packPartMarkers',
};

/** Why a pack was refused, as a sentence. */
export function refusalText(refusal: PackRefusal): string {
  switch (refusal.reason) {
    case 'too-large':
      return t('refusalTooLarge', String(Math.round(refusal.limit / (1024 * 1024))));
    case 'malformed':
      return t('refusalMalformed');
    case 'unknown-key':
      return t('refusalUnknownKey');
    case 'bad-signature':
      return t('refusalBadSignature');
    case 'no-verifier':
      return t('refusalNoVerifier');
    case 'unsupported-schema':
      return t('refusalUnsupportedSchema', refusal.schema);
    case 'not-newer':
      return refusal.version === refusal.newest ? t('refusalSameVersion', String(refusal.version)) : t('refusalNotNewer', String(refusal.version), String(refusal.newest));
    case 'older-than-bundled':
      return t('refusalOlderThanBundled', dateTimeText(refusal.published));
    case 'from-the-future':
      return t('refusalFromTheFuture', dateTimeText(refusal.published));
    case 'invalid':
      return t('refusalInvalid', t(INVALID_PART_WORDS[refusal.part]), String(refusal.problems));
  }
}

function failureText(failure: FetchFailure): string {
  switch (failure.reason) {
    case 'network':
      return t('fetchFailedNetwork');
    case 'timeout':
      return t('fetchFailedTimeout');
    case 'http':
      return t('fetchFailedHttp', String(failure.status));
    case 'insecure-redirect':
      return t('fetchFailedInsecure');
  }
}

/** What the last check (or rollback) did, in a sentence. */
export function checkText(last: CheckResult, at: string | null): string {
  const when = at ? ago(at) : '';
  switch (last.outcome) {
    case 'applied':
      return t('dataCheckApplied', when, String(last.version));
    case 'up-to-date':
      return t('dataCheckUpToDate', when);
    case 'refused':
      return t('dataCheckRefused', when, refusalText(last.refusal));
    case 'failed':
      return t('dataCheckFailed', when, failureText(last.failure));
    case 'rolled-back':
      return t('dataRolledBack', String(last.version));
    case 'dropped':
      return t('dataDropped', String(last.version), refusalText(last.refusal));
  }
}

const CHANGE_WORDS: Record<ChangelogEntry['kind'], MessageKey> = {
  'product-added': 'changeProductAdded',
  'product-removed': 'changeProductRemoved',
  'claims-changed': 'changeClaimsChanged',
  'detection-changed': 'changeDetectionChanged',
  'provider-added': 'changeProviderAdded',
  'provider-removed': 'changeProviderRemoved',
  'provider-moved': 'changeProviderMoved',
  'components-changed': 'changeComponentsChanged',
};

/** A status page's address without the scheme: "status.claude.com" or "example.com/status". */
function pageText(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url;
  }
}

export function changeText(entry: ChangelogEntry): string {
  if (entry.kind === 'provider-moved') return t('changeProviderMoved', entry.name, pageText(entry.from), pageText(entry.to));
  return t(CHANGE_WORDS[entry.kind], entry.name);
}

export function DataSection() {
  const [status, setStatus] = useState<DataStatusView | ProtocolError | null>(null);
  const [busy, setBusy] = useState<'update' | 'rollback' | null>(null);
  useEffect(() => {
    void send('get-data-status', {}).then((reply) => setStatus(reply.ok ? reply.value : reply.error));
  }, []);

  const act = async (which: 'update' | 'rollback') => {
    setBusy(which);
    const reply = await send(which === 'update' ? 'update-data-now' : 'roll-back-data', {});
    setStatus(reply.ok ? reply.value : reply.error);
    setBusy(null);
  };

  if (status === null) return null;
  return (
    <section aria-labelledby="catalog-data-heading">
      <h2 id="catalog-data-heading">{t('catalogDataHeading')}</h2>
      {'code' in status ? (
        <p class="note">{errorText(status)}</p>
      ) : (
        <>
          <p data-testid="data-in-use">{provenanceText(status.provenance)}</p>
          <p class="muted">{status.source === null ? t('dataUpdatesOff') : t('dataUpdatesFrom', pageText(status.source))}</p>
          <div class="actions">
            {status.source !== null && (
              <button type="button" onClick={() => void act('update')} disabled={busy !== null}>
                {busy === 'update' ? t('updatingData') : t('updateDataNow')}
              </button>
            )}
            {status.provenance.source === 'pack' && (
              <button type="button" onClick={() => void act('rollback')} disabled={busy !== null}>
                {t('rollBackData')}
              </button>
            )}
          </div>
          <p role="status" data-testid="data-check">
            {status.last ? checkText(status.last, status.lastCheckAt) : status.source !== null ? t('dataNeverChecked') : ''}
          </p>
          {status.nextCheckAt && <p class="muted">{t('dataNextCheck', dateTimeText(status.nextCheckAt))}</p>}
          <h3>{t('changelogHeading')}</h3>
          {status.changelog.length === 0 ? (
            <p class="muted">{status.provenance.source === 'pack' ? t('changelogEmpty') : t('changelogBundled')}</p>
          ) : (
            <ul class="plain-list changelog">
              {status.changelog.map((entry, i) => (
                <li key={i}>{changeText(entry)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
