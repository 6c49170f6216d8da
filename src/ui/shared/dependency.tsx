/**
 * One rendering of "depends on a provider", for the popup (with live details), the product page and My stack's
 * providers: who, the live level where there is one, and for a product's claim what for and how, how sure we
 * are and on what sources. A row about a provider as a whole (My stack) has no claim; its children say which
 * tools depend on it.
 */
import type { ComponentChildren } from 'preact';
import { specialComponentName, specialProviderName } from '../../catalog/names.ts';
import { isSpecialProvider, type Confidence, type Source } from '../../catalog/types.ts';
import type { HealthLevel } from '../../model/levels.ts';
import { t } from '../../platform/i18n.ts';
import { LevelPill, SourceList } from './components.tsx';
import { confidenceName } from './labels.ts';

/** What a product uses of the provider, and how sure the catalog is. */
export interface DependencyClaim {
  componentName: string;
  route: string;
  /** The AI feature that uses the provider, when the row names it. */
  feature?: string;
  confidence: Confidence;
  sources: Source[];
}

export interface DependencyRowProps {
  providerId: string;
  /** The registry's name; in-house and undisclosed are worded here. */
  providerName: string;
  /** A link to the provider's page, where the page has one. */
  providerHref?: string;
  /** The product's claim; absent on a row about the provider as a whole. */
  claim?: DependencyClaim;
  /** The live level; null while unknown to the page (nothing to show yet). In-house and undisclosed have none. */
  level: HealthLevel | null;
  /** A class naming the row's place on its page (My stack's `group`). */
  class?: string;
  /** Live details (notes, incidents, when it was checked) in the popup; the tools that depend on it in My stack. */
  children?: ComponentChildren;
}

export function DependencyRow(props: DependencyRowProps) {
  const special = isSpecialProvider(props.providerId) ? props.providerId : null;
  const name = special ? specialProviderName(special, t) : props.providerName;
  const { claim } = props;
  const what = special ? specialComponentName(special, t) : claim ? t('viaRoute', claim.componentName, claim.route) : '';
  return (
    <li class={`card dependency${props.class ? ` ${props.class}` : ''}`} data-provider={props.providerId} data-level={special ? 'not-monitored' : (props.level ?? 'unknown')}>
      <div class="card-head dependency-head">
        {props.providerHref && !special ? <a href={props.providerHref}>{name}</a> : <strong>{name}</strong>}
        {special ? <span class="pill pill-unknown">{t('noPublicStatus')}</span> : props.level && <LevelPill value={props.level} />}
      </div>
      {claim && (
        <div class="muted">
          {claim.feature ? `${claim.feature}: ` : ''}
          {what} · {t('confidenceIs', confidenceName(claim.confidence))}
        </div>
      )}
      {props.children}
      {claim && (
        <details class="sources">
          <summary>{t('sourcesFor', name, confidenceName(claim.confidence))}</summary>
          <SourceList sources={claim.sources} />
        </details>
      )}
    </li>
  );
}
