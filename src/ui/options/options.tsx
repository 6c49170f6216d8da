import { useEffect, useState } from 'preact/hooks';
import { t } from '../../platform/i18n.ts';
import { parseRelayUrl, SETTING_BOUNDS, type UserSettings } from '../../protocol/settings.ts';
import { ago, appUrl } from '../shared/components.tsx';
import { errorText, send } from '../shared/send.ts';
import type { ProtocolError } from '../../protocol/messages.ts';
import type { ProblemView, ProviderName } from '../../protocol/views.ts';
import { useSettings } from '../shared/use-settings.ts';
import { DataSection } from './data-section.tsx';

type LevelSetting = keyof UserSettings['notifications']['levels'];
const LEVEL_LABELS: Record<LevelSetting, 'notifyOnDegraded' | 'notifyOnOutage' | 'notifyOnMaintenance' | 'notifyOnRecovery'> = {
  degraded: 'notifyOnDegraded',
  outage: 'notifyOnOutage',
  maintenance: 'notifyOnMaintenance',
  recovery: 'notifyOnRecovery',
};

/** A number field that saves when the value is complete and valid (on change), clamped to its bounds. */
function NumberField(props: { id: string; label: string; hint: string; value: number; min: number; max: number; onSave: (value: number) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        aria-describedby={`${props.id}-hint`}
        onChange={(event) => {
          const value = Number(event.currentTarget.value);
          if (Number.isFinite(value)) props.onSave(value);
        }}
      />
      <p id={`${props.id}-hint`} class="muted">
        {props.hint}
      </p>
    </div>
  );
}

/** The relay's address: saved when it is an https URL (or emptied); anything else is said and not saved. */
function RelayField(props: { value: string | null; onSave: (value: string | null) => void }) {
  const [invalid, setInvalid] = useState(false);
  return (
    <div class="field">
      <label for="relay-url">{t('relayLabel')}</label>
      <input
        id="relay-url"
        type="url"
        inputMode="url"
        placeholder="https://"
        value={props.value ?? ''}
        aria-describedby="relay-url-hint"
        aria-invalid={invalid}
        onChange={(event) => {
          const entered = event.currentTarget.value.trim();
          const relayUrl = parseRelayUrl(entered);
          setInvalid(entered !== '' && relayUrl === null);
          if (entered === '' || relayUrl !== null) props.onSave(relayUrl);
        }}
      />
      <p id="relay-url-hint" class="muted" role={invalid ? 'alert' : undefined}>
        {invalid ? t('relayInvalid') : t('relayHint')}
      </p>
    </div>
  );
}

function ClearHistory() {
  const [state, setState] = useState<'idle' | 'confirm' | 'done' | ProtocolError>('idle');
  const clear = async () => {
    const reply = await send('clear-history', {});
    setState(reply.ok ? 'done' : reply.error);
  };
  return (
    <div class="field">
      {state === 'confirm' ? (
        <div class="actions">
          <button type="button" class="danger" onClick={() => void clear()}>
            {t('clearHistoryConfirm')}
          </button>
          <button type="button" onClick={() => setState('idle')}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setState('confirm')}>
          {t('clearHistory')}
        </button>
      )}
      <p class="muted" role="status">
        {state === 'done' ? t('historyCleared') : typeof state === 'object' ? errorText(state) : t('clearHistoryHint')}
      </p>
    </div>
  );
}

const PROBLEM_LABELS: Record<ProblemView['kind'], 'problemBadge' | 'problemNotification' | 'problemStorageAccess'> = {
  badge: 'problemBadge',
  notification: 'problemNotification',
  'storage-access': 'problemStorageAccess',
};

/** What Upstream could not do this session: a badge or notification that failed is not a silent one. */
function Problems() {
  const [problems, setProblems] = useState<ProblemView[] | ProtocolError | null>(null);
  useEffect(() => {
    void send('get-problems', {}).then((reply) => setProblems(reply.ok ? reply.value : reply.error));
  }, []);
  if (problems === null) return null;
  return (
    <section aria-labelledby="problems-heading">
      <h2 id="problems-heading">{t('problemsHeading')}</h2>
      {!Array.isArray(problems) ? (
        <p class="note">{errorText(problems)}</p>
      ) : problems.length === 0 ? (
        <p class="muted">{t('problemsNone')}</p>
      ) : (
        <>
          <p class="muted">{t('problemsIntro')}</p>
          <ul class="plain-list problems">
            {problems.map((problem, i) => (
              <li key={i}>
                {problem.detail === null
                  ? t('problemAtNoDetail', t(PROBLEM_LABELS[problem.kind] ?? 'problemBadge'), ago(problem.at))
                  : t('problemAt', t(PROBLEM_LABELS[problem.kind] ?? 'problemBadge'), ago(problem.at), problem.detail)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The providers of the data in use, by name: asked of the worker, so this page never loads the catalog. */
function useProviderNames(): ProviderName[] | ProtocolError | null {
  const [providers, setProviders] = useState<ProviderName[] | ProtocolError | null>(null);
  useEffect(() => {
    void send('get-provider-names', {}).then((reply) =>
      setProviders(reply.ok ? [...reply.value].sort((a, b) => a.name.localeCompare(b.name)) : reply.error),
    );
  }, []);
  return providers;
}

export function Options() {
  const [settings, save] = useSettings();
  const providers = useProviderNames();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    document.title = `${t('optionsTitle')} · ${t('extensionName')}`;
  }, []);
  if (!settings) return null;
  const update = (change: (current: UserSettings) => UserSettings) => {
    void save(change(settings)).then(() => setSaved(true));
  };
  const { notifications } = settings;
  const muted = new Set(notifications.mutedProviders);
  return (
    <>
      <header class="app-header">
        <span class="brand">{t('extensionName')}</span>
        <nav aria-label={t('extensionName')}>
          <a href={appUrl('/')}>{t('navCatalog')}</a>
          <a href={appUrl('/stack')}>{t('navStack')}</a>
        </nav>
      </header>
      <main id="content">
        <h1>{t('optionsTitle')}</h1>
        <p class="muted" role="status">
          {saved ? t('settingsSaved') : t('settingsApplyAtOnce')}
        </p>

        <section aria-labelledby="polling-heading">
          <h2 id="polling-heading">{t('pollingHeading')}</h2>
          <NumberField
            id="watched-seconds"
            label={t('watchedSecondsLabel')}
            hint={t('boundsHint', String(SETTING_BOUNDS.watchedSeconds.min), String(SETTING_BOUNDS.watchedSeconds.max))}
            value={settings.polling.watchedSeconds}
            {...SETTING_BOUNDS.watchedSeconds}
            onSave={(value) => update((current) => ({ ...current, polling: { ...current.polling, watchedSeconds: value } }))}
          />
          <NumberField
            id="background-minutes"
            label={t('backgroundMinutesLabel')}
            hint={t('boundsHint', String(SETTING_BOUNDS.backgroundMinutes.min), String(SETTING_BOUNDS.backgroundMinutes.max))}
            value={settings.polling.backgroundMinutes}
            {...SETTING_BOUNDS.backgroundMinutes}
            onSave={(value) => update((current) => ({ ...current, polling: { ...current.polling, backgroundMinutes: value } }))}
          />
          <p class="muted">{t('pollingPoliteness')}</p>
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                checked={settings.polling.everyProvider}
                aria-describedby="every-provider-hint"
                onChange={(event) => update((current) => ({ ...current, polling: { ...current.polling, everyProvider: event.currentTarget.checked } }))}
              />
              {t('everyProviderLabel')}
            </label>
            <p id="every-provider-hint" class="muted">
              {t('everyProviderHint')}
            </p>
          </div>
          <RelayField value={settings.relayUrl} onSave={(relayUrl) => update((current) => ({ ...current, relayUrl }))} />
        </section>

        <section aria-labelledby="notifications-heading">
          <h2 id="notifications-heading">{t('notificationsHeading')}</h2>
          <p class="muted">{t('notificationsIntro')}</p>
          <label class="check">
            <input
              type="checkbox"
              checked={notifications.enabled}
              onChange={(event) => update((current) => ({ ...current, notifications: { ...current.notifications, enabled: event.currentTarget.checked } }))}
            />
            {t('notificationsEnabled')}
          </label>
          <fieldset disabled={!notifications.enabled}>
            <legend>{t('notifyWhen')}</legend>
            {(Object.keys(LEVEL_LABELS) as LevelSetting[]).map((level) => (
              <label key={level} class="check">
                <input
                  type="checkbox"
                  name={`level-${level}`}
                  checked={notifications.levels[level]}
                  onChange={(event) =>
                    update((current) => ({
                      ...current,
                      notifications: { ...current.notifications, levels: { ...current.notifications.levels, [level]: event.currentTarget.checked } },
                    }))
                  }
                />
                {t(LEVEL_LABELS[level])}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={!notifications.enabled} class="providers">
            <legend>{t('notifyAboutProviders')}</legend>
            {!Array.isArray(providers) && providers !== null && <p class="note">{errorText(providers)}</p>}
            {(Array.isArray(providers) ? providers : []).map((provider) => (
              <label key={provider.id} class="check">
                <input
                  type="checkbox"
                  name={`provider-${provider.id}`}
                  checked={!muted.has(provider.id)}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    update((current) => {
                      const next = new Set(current.notifications.mutedProviders);
                      if (on) next.delete(provider.id);
                      else next.add(provider.id);
                      return { ...current, notifications: { ...current.notifications, mutedProviders: [...next] } };
                    });
                  }}
                />
                {provider.name}
              </label>
            ))}
          </fieldset>
        </section>

        <section aria-labelledby="early-warning-heading">
          <h2 id="early-warning-heading">{t('ewOptionsHeading')}</h2>
          <label class="check">
            <input
              type="checkbox"
              name="early-warning"
              checked={settings.earlyWarning}
              aria-describedby="early-warning-hint"
              onChange={(event) => update((current) => ({ ...current, earlyWarning: event.currentTarget.checked }))}
            />
            {t('ewOptionsEnabled')}
          </label>
          <p id="early-warning-hint" class="muted">
            {t('ewOptionsHint')}
          </p>
        </section>

        <section aria-labelledby="data-heading">
          <h2 id="data-heading">{t('dataHeading')}</h2>
          <NumberField
            id="retention-days"
            label={t('retentionLabel')}
            hint={t('boundsHint', String(SETTING_BOUNDS.retentionDays.min), String(SETTING_BOUNDS.retentionDays.max))}
            value={settings.retentionDays}
            {...SETTING_BOUNDS.retentionDays}
            onSave={(value) => update((current) => ({ ...current, retentionDays: value }))}
          />
          <ClearHistory />
        </section>

        <DataSection />

        <Problems />
      </main>
    </>
  );
}
