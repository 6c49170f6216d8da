/** Pieces shared by the popup and the extension pages. Untrusted text (incidents, catalog data) is rendered as text. */
import { browser } from '../../platform/browser.ts';
import type { RequestSource, Source } from '../../catalog/types.ts';
import { levelKey } from '../../model/i18n.ts';
import type { Incident } from '../../model/health.ts';
import type { HealthLevel } from '../../model/levels.ts';
import { t } from '../../platform/i18n.ts';
import { timeAgo } from './format.ts';
import { dateKindName, incidentStatusText, incidentTitle, sourceKindName } from './labels.ts';

export const levelText = (value: HealthLevel) => t(levelKey(value));
export const ago = (iso: string) => timeAgo(t, iso);

/** A level as a word inside a coloured outline: the colour is never the only signal. */
export function LevelPill({ value }: { value: HealthLevel }) {
  return <span class={`pill pill-${value}`}>{levelText(value)}</span>;
}

/** An extension page of Upstream, e.g. `#/provider/anthropic`. */
export function appUrl(route: string): string {
  return browser.runtime.getURL(`src/ui/app/index.html#${route}`);
}

export function optionsUrl(): string {
  return browser.runtime.getURL('src/ui/options/index.html');
}

export function IncidentItem({ incident }: { incident: Incident }) {
  return (
    <li class="incident">
      <a class="incident-title" href={incident.url} target="_blank" rel="noreferrer">
        {incidentTitle(incident)}
      </a>
      <div class="muted">
        {levelText(incident.impact)}
        {incident.status ? ` · ${incidentStatusText(incident.status)}` : ''}
        {incident.startedAt ? ` · ${t('startedAgo', ago(incident.startedAt))}` : ''}
      </div>
      {incident.latestUpdate && (
        <p class="update">
          <span class="muted">{t('latestUpdate', ago(incident.latestUpdate.at))} </span>
          {incident.latestUpdate.body}
        </p>
      )}
    </li>
  );
}

export function SourceList({ sources }: { sources: readonly (Source | RequestSource)[] }) {
  return (
    <ul>
      {sources.map((source) => (
        <li key={source.url + source.date}>
          <a href={source.url} target="_blank" rel="noreferrer">
            {source.summary}
          </a>{' '}
          <span class="muted">{t('sourceMeta', sourceKindName(source.kind), dateKindName(source.dateKind), source.date)}</span>
        </li>
      ))}
    </ul>
  );
}
