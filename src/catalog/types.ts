import type { StatusPageRef } from '../health/adapter.ts';

export const SOURCE_KINDS = ['subprocessor-list', 'official-docs', 'official-blog', 'press'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A public statement that backs a claim. */
export interface Source {
  url: string;
  kind: SourceKind;
  /** YYYY-MM-DD: when the source was published, or when we read it (see `dateKind`). */
  date: string;
  dateKind: 'published' | 'accessed';
  /** What the source says, in our words. */
  summary: string;
}

export const COMPONENT_KINDS = ['api', 'consumer-app', 'model'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** A part of a provider's service that products depend on, and how to find it on the status page. */
export interface ProviderComponent {
  id: string;
  name: string;
  kind: ComponentKind;
  /** The status page's component ids and names (exact, case-insensitive) that make up this component. */
  match: { ids: string[]; names: string[] };
}

export interface Provider {
  id: string;
  name: string;
  homepage: string;
  status: StatusPageRef & {
    /** Other hostnames the adapter reads, or that redirect to the page (each needs a host permission). */
    aliases: string[];
    /** The host permission for the page when `https://<its host>/*` would be too broad (e.g. www.google.com). */
    permission?: string;
  };
  components: ProviderComponent[];
  /** Where the status page, platform and component facts come from, and how sure we are. */
  evidence: string;
}

export interface Dependency {
  provider: string;
  /** A component id of that provider. */
  component: string;
  /** How the product reaches the model, e.g. "Anthropic API"; shown to the user. */
  route: string;
  confidence: Confidence;
  sources: Source[];
}

export interface Feature {
  name: string;
  dependencies: Dependency[];
}

export interface Product {
  id: string;
  name: string;
  vendor: string;
  category: string;
  /** Exact hostnames where the product's own AI features run. */
  sites: string[];
  features: Feature[];
}

export interface Catalog {
  providers: Provider[];
  products: Product[];
}
