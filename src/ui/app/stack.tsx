import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../platform/i18n.ts';
import type { StackEntry, StackView } from '../../protocol/views.ts';
import { stackToCsv, stackToJson, stackToMarkdown } from '../../stack/export.ts';
import { sharedPointsOfFailure } from '../../stack/stack.ts';
import { ago, LevelPill } from '../shared/components.tsx';
import { DependencyRow } from '../shared/dependency.tsx';
import { joinNames } from '../../model/text.ts';
import { errorText, send } from '../shared/send.ts';
import type { ProtocolError, Result } from '../../protocol/messages.ts';
import { usePageTitle } from './page-title.ts';
import { download } from './download.ts';
import { productHref, providerHref } from './route.ts';
import { utcDay } from '../../model/patterns.ts';

function ToolRow({ entry, names, onChange }: { entry: StackEntry; names: ReadonlyMap<string, string>; onChange: (change: Promise<Result<null>>) => Promise<void> }) {
  const { member, status } = entry;
  const pin = () => onChange(send('set-pinned', { productId: member.productId, pinned: !member.pinned }));
  const forget = () => onChange(send('forget-product', { productId: member.productId }));
  const name = names.get(member.productId) ?? member.productId;
  return (
    <li class="card tool" data-product={member.productId}>
      <div class="card-head">
        <a href={productHref(member.productId)} class="card-title">
          {name}
        </a>
        {status.level !== null ? <LevelPill value={status.level} /> : <span class="pill pill-unknown">{t('noPublicStatus')}</span>}
      </div>
      <div class="muted">
        {[
          member.lastSeenAt ? t('lastUsedAgo', ago(member.lastSeenAt)) : null,
          entry.alternatives.length > 0 ? t('alternativesList', joinNames(t, entry.alternatives.slice(0, 3).map((alternative) => alternative.name))) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
      <div class="actions">
        <button type="button" aria-pressed={member.pinned} onClick={() => void pin()}>
          {member.pinned ? t('pinned') : t('pinToStack')}
        </button>
        <button type="button" onClick={() => void forget()} aria-label={t('forgetTool', name)}>
          {t('forget')}
        </button>
      </div>
    </li>
  );
}

function today(): string {
  return utcDay(new Date());
}

export function StackPage() {
  const [view, setView] = useState<StackView | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  usePageTitle(t('navStack'));
  const load = useCallback(async () => {
    const reply = await send('get-stack', {});
    if (reply.ok) setView(reply.value);
    setError(reply.ok ? null : reply.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // A refused or failed change is said in words; the list shown is what the worker stored either way.
  const [changeError, setChangeError] = useState<ProtocolError | null>(null);
  const change = useCallback(
    async (reply: Promise<Result<null>>) => {
      const result = await reply;
      setChangeError(result.ok ? null : result.error);
      await load();
    },
    [load],
  );

  if (error && !view) return <p class="note">{errorText(error)}</p>;
  const names = new Map(view?.entries.map((entry) => [entry.member.productId, entry.status.productName]) ?? []);
  const shared = view ? sharedPointsOfFailure(view.groups) : [];
  return (
    <>
      <h1 tabIndex={-1}>{t('myStackTitle')}</h1>
      <p class="muted">{t('myStackIntro')}</p>
      {changeError && (
        <p class="note" role="alert">
          {t('stackChangeFailed', errorText(changeError))}
        </p>
      )}
      {error && view && <p class="note">{errorText(error)}</p>}
      {view && view.entries.length === 0 && <p>{t('myStackEmpty')}</p>}
      {shared.length > 0 && (
        <section aria-labelledby="spof-heading" class="spof">
          <h2 id="spof-heading">{t('sharedPointsHeading')}</h2>
          <ul class="plain-list">
            {shared.map((group) => (
              <li key={group.providerId} data-provider={group.providerId}>
                <strong>{t('sharedPoint', String(group.productIds.length), group.providerName)}</strong> <LevelPill value={group.level} />{' '}
                <span class="muted">{joinNames(t, group.productIds.map((id) => names.get(id) ?? id))}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view && view.groups.length > 0 && (
        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading">{t('byProviderHeading')}</h2>
          <ul class="groups">
            {view.groups.map((group) => (
              <DependencyRow key={group.providerId} class="group" providerId={group.providerId} providerName={group.providerName} providerHref={providerHref(group.providerId)} level={group.level}>
                <p class="muted">{joinNames(t, group.productIds.map((id) => names.get(id) ?? id))}</p>
              </DependencyRow>
            ))}
          </ul>
        </section>
      )}
      {view && view.entries.length > 0 && (
        <section aria-labelledby="tools-heading">
          <h2 id="tools-heading">{t('toolsHeading', String(view.entries.length))}</h2>
          <ul class="cards">
            {view.entries.map((entry) => (
              <ToolRow key={entry.member.productId} entry={entry} names={names} onChange={change} />
            ))}
          </ul>
        </section>
      )}
      {view && view.entries.length > 0 && (
        <section aria-labelledby="export-heading">
          <h2 id="export-heading">{t('backupHeading')}</h2>
          <p class="muted">{t('backupIntro')}</p>
          <div class="actions">
            <button type="button" onClick={() => download(`upstream-stack-${today()}.md`, 'text/markdown', stackToMarkdown(view.report, t))}>
              {t('downloadMarkdown')}
            </button>
            <button type="button" onClick={() => download(`upstream-stack-${today()}.csv`, 'text/csv', stackToCsv(view.report, t))}>
              {t('downloadCsv')}
            </button>
            <button type="button" onClick={() => download(`upstream-stack-${today()}.json`, 'application/json', stackToJson(view.report))}>
              {t('downloadJson')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
