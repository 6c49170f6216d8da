/**
 * One rendering of "a product depends on a provider", for the popup (with live details) and the product page:
 * who, what for and how, how sure we are and on what sources, and the live level where there is one.
 */
import type { ComponentChildren } from 'preact';
import { specialComponentName, specialProviderName } from '../../catalog/names.ts';
import { isSpecialProvider, type Confidence, type Source } from '../../catalog/types.ts';
import type { HealthLevel } from '../../model/levels.ts';
import { t } from '../../platform/i18n.ts';
import { LevelPill, SourceList } from './components.tsx';
import { confidenceName } from './labels.ts';

export interface DependencyRowProps {
  providerId: string;
  /** The registry's name; in-house and undisclosed are worded here. */
  providerName: string;
  /** A link to the provider's page, where the page has one. */
  providerHref?: string;
  componentName: string;
  route: string;
  /** The AI feature that uses the provider, when the row names it. */
  feature?: string;
  confidence: Confidence;
  sources: Source[];
  /** The live level; null while unknown to the page (nothing to show yet). In-house and undisclosed have none. */
  level: HealthLevel | null;
  /** Live details (notes, incidents, when it was checked), in the popup. */
  children?: ComponentChildren;
}

export function DependencyRow(props: DependencyRowProps) {
  const special = isSpecialProvider(props.providerId) ? props.providerId : null;
  const name = special ? specialProviderName(special, t) : props.providerName;
  const what = special ? specialComponentName(special, t) : t('viaRoute', props.componentName, props.route);
  return (
    <li class="card dependency" data-provider={props.providerId} data-level={special ? 'not-monitored' : (props.level ?? 'unknown')}>
      <div class="card-head dependency-head">
        {props.providerHref && !special ? <a href={props.providerHref}>{name}</a> : <strong>{name}</strong>}
        {special ? <span class="pill pill-unknown">{t('noPublicStatus')}</span> : props.level && <LevelPill value={props.level} />}
      </div>
      <div class="muted">
        {props.feature ? `${props.feature}: ` : ''}
        {what} · {t('confidenceIs', confidenceName(props.confidence))}
      </div>
      {props.children}
      <details class="sources">
        <summary>{t('sourcesFor', name, confidenceName(props.confidence))}</summary>
        <SourceList sources={props.sources} />
      </details>
    </li>
  );
}
