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

/**
 * Kinds of public source. `provider-case-study` is the model provider's own story about the product;
 * `marketplace-listing` an official app-store listing (Slack Marketplace apps state the LLMs they use);
 * `status-page` and `status-api` back a provider's status facts (its page and the endpoint read) and, for a
 * provider's own product, the component that tracks it.
 */
export const SOURCE_KINDS = [
  'subprocessor-list',
  'official-docs',
  'official-blog',
  'provider-case-study',
  'marketplace-listing',
  'press',
  'status-page',
  'status-api',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * What can back a provider's status facts: its status page, the data Upstream reads there, and the provider's
 * or the status platform's own docs and posts about them (a move, the API). Not claims about products.
 */
export const PROVIDER_SOURCE_KINDS = ['status-page', 'status-api', 'official-docs', 'official-blog'] as const satisfies readonly SourceKind[];

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
  /** YYYY-MM-DD: when we last read the page (or a faithful copy of it) and found it says what `summary` says. */
  read: string;
  /** What the source says, in our words. */
  summary: string;
  /**
   * For a subprocessor list: `company-wide` when it covers all of a company's products (then it cannot by itself
   * make a product's claim high confidence), `product` when it covers this product alone.
   */
  scope?: SourceScope;
  /** True when the page states how the product reaches the model (the provider's own API, Bedrock, Vertex AI, Azure). */
  statesRoute?: boolean;
  /** The page's language (ISO 639-1), given only when it is not English because the vendor publishes no English version. */
  language?: string;
}

export const SOURCE_SCOPES = ['company-wide', 'product'] as const;
export type SourceScope = (typeof SOURCE_SCOPES)[number];

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
  /**
   * How the product reaches the model, e.g. "Anthropic API" or "Claude on Amazon Bedrock"; shown to the user.
   * Stated only when a source states it (`statesRoute`); otherwise it ends in "(route not stated)".
   */
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
  'health', 'social', 'data-analytics', 'travel', 'legal',
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

/** Kinds of public source for an AI request pattern: code that sends or intercepts the request, or the vendor's docs. */
export const REQUEST_SOURCE_KINDS = ['source-code', 'official-docs'] as const;
export type RequestSourceKind = (typeof REQUEST_SOURCE_KINDS)[number];

/** A public source that shows a product's web app sending a request (an open-source client of it, the vendor's docs). */
export interface RequestSource {
  /** The file or page, at a fixed revision where it has one (a commit, not a branch). */
  url: string;
  kind: RequestSourceKind;
  /** YYYY-MM-DD: the revision's date, or when we read it (see `dateKind`). */
  date: string;
  dateKind: 'published' | 'accessed' | 'checked';
  /** YYYY-MM-DD: when we last read it and found it says what `summary` says. */
  read: string;
  /** What the source shows, in our words. */
  summary: string;
}

export const REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RequestMethod = (typeof REQUEST_METHODS)[number];

/**
 * A request the product's web page sends when the user asks its AI something: the signal of early warning. The
 * worker watches only requests that match one of these (host, method and whole path), and keeps only which
 * product's pattern matched and how the request ended.
 */
export interface AiRequest {
  /** The exact hostname (no wildcard): one of the product's own hosts or of the hosts it sends requests to. */
  host: string;
  /**
   * The whole path, the query left out: `/`-separated segments, each literal or `*` for exactly one segment of
   * any value (an organisation or conversation id). The first segment is literal.
   */
  path: string;
  method: RequestMethod;
  sources: RequestSource[];
}

export interface Product {
  id: string;
  name: string;
  vendor: string;
  kind: ProductKind;
  category: Category;
  /**
   * What the product is used for, finer than the category (kebab-case, e.g. `meeting-notes`,
   * `support-chat-widget`, `code-assistant-ide`): alternatives are sought among products with the same job.
   */
  job: string;
  detect: Detection;
  features: Feature[];
  /** Provider changes over time, oldest first. */
  changes?: { date: string; summary: string }[];
  /** Caveats: partial lists, conflicting sources, routing the user does not control. */
  notes?: string;
  /** The requests of its AI features that early warning watches (absent when no public source shows them). */
  aiRequests?: AiRequest[];
}

export interface Catalog {
  providers: Provider[];
  products: Product[];
}
