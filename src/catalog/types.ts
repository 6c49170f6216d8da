/** Every status platform Upstream can read; each has one adapter file in src/status/adapters and a registry entry. */
export const STATUS_PLATFORMS = [
  'atlassian-statuspage',
  'incident-io',
  'better-stack',
  'instatus',
  'google-cloud',
  'google-workspace',
  'aws-health',
  'azure-status',
  'checkly',
  'flashduty',
  'datadog',
  'rss',
  'rootly',
  'cloudflare-status',
] as const;
export type StatusPlatform = (typeof STATUS_PLATFORMS)[number];

/** Where a provider's status lives; `params` carries platform-specific settings (product ids, regions...). */
export interface StatusPageRef {
  pageUrl: string;
  platform: StatusPlatform;
  params?: Record<string, string | string[]>;
  /** Never poll more often than this, watched or not: for pages whose only endpoint is large. */
  minPollMinutes?: number;
}

/** Kinds of public source; `status-page` and `status-api` back a provider's status facts (its page and the endpoint read). */
export const SOURCE_KINDS = ['subprocessor-list', 'official-docs', 'official-blog', 'press', 'status-page', 'status-api'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A public statement that backs a claim. */
export interface Source {
  url: string;
  kind: SourceKind;
  /** YYYY-MM-DD: when the source was published, or when we read it (see `dateKind`). */
  date: string;
  /** published: the source's own date; accessed: when we read it; checked: when we last confirmed it (on the page or public copies of it). */
  dateKind: 'published' | 'accessed' | 'checked';
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
  /** Where the status page, platform and component facts come from: the page itself and what Upstream reads. */
  sources: Source[];
  /** Caveats a user should know when reading this provider's status (what the page leaves out, recent moves). */
  notes?: string;
}

/** Provider values that are not in the registry: the vendor's own models, or a provider it does not name. */
export const SPECIAL_PROVIDERS = ['in-house', 'undisclosed'] as const;
export type SpecialProvider = (typeof SPECIAL_PROVIDERS)[number];

export function isSpecialProvider(provider: string): provider is SpecialProvider {
  return (SPECIAL_PROVIDERS as readonly string[]).includes(provider);
}

export interface Dependency {
  /** A provider id from the registry, or `in-house` / `undisclosed` (never a guess). */
  provider: string;
  /** A component id of that provider; absent for `in-house` and `undisclosed`. */
  component?: string;
  /** How the product reaches the model, e.g. "Anthropic API"; shown to the user. */
  route: string;
  confidence: Confidence;
  sources: Source[];
}

export interface Feature {
  name: string;
  dependencies: Dependency[];
}

export const PRODUCT_KINDS = ['first-party', 'widget'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const CATEGORIES = [
  'assistant', 'productivity', 'writing', 'coding', 'design', 'meeting-notes', 'customer-support', 'sales-crm',
  'marketing', 'search', 'education', 'communication', 'developer-platform', 'media', 'commerce', 'finance', 'hr',
  'health', 'social', 'data-analytics', 'travel',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * How a product is recognised on a page. Patterns are plain strings, matched through indexes (no regular
 * expressions), so detection stays linear in the page's size whatever the catalog's size.
 */
export interface Detection {
  /** Hostnames where the product itself runs; `*.example.com` means any subdomain of example.com. */
  hosts?: string[];
  /** With `hosts`: only these path prefixes count (e.g. `/copilot`). */
  paths?: string[];
  /** Script URLs: host + path prefix, no scheme (`widget.intercom.io/widget/`); the host may start with `*.`. */
  scripts?: string[];
  /** Iframe URLs, same format as scripts. */
  iframes?: string[];
  /** DOM markers: `#id`, a custom element name, `[data-attr]` or `[data-attr=value]`. */
  dom?: string[];
  /** Meta tags: `name` or `name=content-prefix`. */
  meta?: string[];
  /** Globals the product defines on the page's window (dotted paths allowed). */
  globals?: string[];
  /** Hostnames the page sends requests to when the product is present. */
  requests?: string[];
}

export interface Product {
  id: string;
  name: string;
  vendor: string;
  kind: ProductKind;
  category: Category;
  detect: Detection;
  features: Feature[];
  /** Provider changes over time, oldest first. */
  changes?: { date: string; summary: string }[];
  /** Caveats: partial lists, conflicting sources, routing the user does not control. */
  notes?: string;
}

export interface Catalog {
  providers: Provider[];
  products: Product[];
}
