/**
 * The numbers docs/CATALOG.md reports about the catalog, written from the data so the page cannot drift from it:
 * products and widgets, claims by confidence, sources by kind, providers, jobs, and what remains undisclosed.
 * `npx tsx scripts/catalog-summary.ts` rewrites the section; test/unit/catalog-docs.test.ts checks it.
 */
import { CONFIDENCES, SOURCE_KINDS, type Catalog } from '../src/catalog/types.ts';

export const SUMMARY_START = '<!-- catalog-summary:start -->';
export const SUMMARY_END = '<!-- catalog-summary:end -->';

export function catalogSummary(catalog: Catalog): string {
  const { products, providers } = catalog;
  const widgets = products.filter((product) => product.kind === 'widget').length;
  const claims = products.flatMap((product) => product.features.flatMap((feature) => feature.dependencies));
  const sources = claims.flatMap((dep) => dep.sources);
  const jobs = new Set(products.map((product) => product.job));
  const platforms = new Set(providers.map((provider) => provider.status.platform));
  const count = <T>(items: readonly T[], keep: (item: T) => boolean) => items.filter(keep).length;
  const special = (id: string) => count(claims, (dep) => dep.provider === id);

  const lines = [
    `- **${products.length} products**: ${products.length - widgets} first-party (the site's own AI) and ${widgets} embedded widgets, doing ${jobs.size} different jobs.`,
    `- **${claims.length} product → provider claims**, of which ${special('undisclosed')} say *undisclosed* and ${special('in-house')} *in-house* rather than guess.`,
    `- **${providers.length} providers** on ${platforms.size} status platforms.`,
    '',
    '| confidence | claims |',
    '|---|---|',
    ...CONFIDENCES.map((confidence) => `| ${confidence} | ${count(claims, (dep) => dep.confidence === confidence)} |`),
    '',
    '| source kind | sources |',
    '|---|---|',
    ...SOURCE_KINDS.flatMap((kind) => {
      const n = count(sources, (source) => source.kind === kind);
      if (n === 0) return [];
      if (kind !== 'subprocessor-list') return [`| ${kind} | ${n} |`];
      const wide = count(sources, (source) => source.kind === kind && source.scope === 'company-wide');
      return [`| ${kind} | ${n} (${wide} company-wide, ${n - wide} for the product alone) |`];
    }),
    '',
    `Claims whose route no source states: ${count(claims, (dep) => dep.route.endsWith('(route not stated)'))}. Sources on a page in another language, marked as such: ${count(sources, (source) => source.language !== undefined)}.`,
    '',
    '### What remains undisclosed',
    '',
    'These products describe their AI features, but the vendor does not say which model provider runs them (for all or part of the product):',
    '',
    ...products
      .filter((product) => product.features.some((feature) => feature.dependencies.some((dep) => dep.provider === 'undisclosed')))
      .map((product) => `- ${product.name} (${product.vendor})`)
      .sort((a, b) => a.localeCompare(b, 'en')),
  ];
  return lines.join('\n');
}

/** The document with its summary section replaced by `summary`. */
export function withSummary(doc: string, summary: string): string {
  const start = doc.indexOf(SUMMARY_START);
  const end = doc.indexOf(SUMMARY_END);
  if (start === -1 || end < start) throw new Error('docs/CATALOG.md has no catalog summary section');
  return `${doc.slice(0, start + SUMMARY_START.length)}\n${summary}\n${doc.slice(end)}`;
}

/** The summary section as the document holds it. */
export function summaryIn(doc: string): string | null {
  const start = doc.indexOf(SUMMARY_START);
  const end = doc.indexOf(SUMMARY_END);
  return start === -1 || end < start ? null : doc.slice(start + SUMMARY_START.length, end).trim();
}
