/** The backup plan a small business can keep: the stack as JSON, CSV (spreadsheets) or Markdown (a readable plan). */
import type { CatalogIndex } from '../catalog/index.ts';
import { providerName, providerNames } from '../catalog/names.ts';
import { isSpecialProvider, type Confidence } from '../catalog/types.ts';
import type { Translate } from '../model/i18n.ts';
import { alternativesFor } from './alternatives.ts';
import { groupByProvider, sharedPointsOfFailure, type StackMember } from './stack.ts';
import { utcDay } from '../model/patterns.ts';

/** The report is read by people: confidence words come from the translations (CSV and JSON keep the raw value). */
const CONFIDENCE_KEYS = { high: 'confidence_high', medium: 'confidence_medium', low: 'confidence_low' } as const;

export interface StackReport {
  generatedAt: string; // ISO
  products: {
    id: string;
    name: string;
    vendor: string;
    category: string;
    pinned: boolean;
    lastSeenAt: string | null;
    providers: { id: string; name: string; feature: string; route: string; confidence: Confidence; statusPageUrl: string | null }[];
    alternatives: { id: string; name: string; providers: string[] /* provider names */ }[];
  }[];
  sharedPoints: { providerId: string; providerName: string; productIds: string[]; statusPageUrl: string }[];
}
type ReportProduct = StackReport['products'][number];

/** `t` names in-house and undisclosed models, which have no registry entry. */
export function buildStackReport(index: CatalogIndex, members: readonly StackMember[], now: Date, t: Translate): StackReport {
  const products = members.flatMap((member): ReportProduct[] => {
    const product = index.product(member.productId);
    if (!product) return [];
    const providers = product.features.flatMap((feature) =>
      feature.dependencies.map((dep) => ({
        id: dep.provider,
        name: providerName(index, dep.provider, t),
        feature: feature.name,
        route: dep.route,
        confidence: dep.confidence,
        statusPageUrl: isSpecialProvider(dep.provider) ? null : (index.provider(dep.provider)?.status.pageUrl ?? null),
      })),
    );
    const alternatives = alternativesFor(index, product).map((alternative) => ({
      id: alternative.id,
      name: alternative.name,
      providers: providerNames(index, alternative, t),
    }));
    const { id, name, vendor, category } = product;
    return [{ id, name, vendor, category, pinned: member.pinned, lastSeenAt: member.lastSeenAt, providers, alternatives }];
  });

  const sharedPoints = sharedPointsOfFailure(groupByProvider(index, products.map((product) => product.id))).map((group) => ({
    ...group,
    statusPageUrl: index.provider(group.providerId)?.status.pageUrl ?? '',
  }));
  return { generatedAt: now.toISOString(), products, sharedPoints };
}

/** Pretty JSON with keys in one fixed order, whoever built the report, so exports diff cleanly. */
export function stackToJson(report: StackReport): string {
  const ordered = {
    generatedAt: report.generatedAt,
    products: report.products.map((p) => ({
      id: p.id, name: p.name, vendor: p.vendor, category: p.category, pinned: p.pinned, lastSeenAt: p.lastSeenAt,
      providers: p.providers.map((d) => ({ id: d.id, name: d.name, feature: d.feature, route: d.route, confidence: d.confidence, statusPageUrl: d.statusPageUrl })),
      alternatives: p.alternatives.map((a) => ({ id: a.id, name: a.name, providers: a.providers })),
    })),
    sharedPoints: report.sharedPoints.map((s) => ({ providerId: s.providerId, providerName: s.providerName, productIds: s.productIds, statusPageUrl: s.statusPageUrl })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** RFC 4180 field; a leading = + - @ (or tab/CR, per OWASP) would run as a spreadsheet formula, so it is defused. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const alternativeText = (t: Translate, alternative: ReportProduct['alternatives'][number]) =>
  t('exportAlternativeOn', alternative.name, alternative.providers.join(t('listSeparator')));

/** One row per product × provider dependency, under a translated header; CRLF line ends. */
export function stackToCsv(report: StackReport, t: Translate): string {
  const header = [
    t('exportCsvTool'), t('exportCsvVendor'), t('exportCsvCategory'), t('exportCsvPinned'), t('exportCsvLastSeen'), t('exportCsvFeature'),
    t('exportCsvProvider'), t('exportCsvRoute'), t('exportCsvConfidence'), t('exportCsvStatusPage'), t('exportAlternatives'),
  ];
  const rows = report.products.flatMap((product) => {
    const common = [product.name, product.vendor, product.category, t(product.pinned ? 'exportYes' : 'exportNo'), product.lastSeenAt ?? ''];
    const alternatives = product.alternatives.map((alternative) => alternativeText(t, alternative)).join('; ');
    // A product with no dependency still gets a row, so no tool silently disappears from the backup plan.
    const deps = product.providers.length > 0 ? product.providers : [null];
    return deps.map((dep) => [...common, dep?.feature ?? '', dep?.name ?? '', dep?.route ?? '', dep?.confidence ?? '', dep?.statusPageUrl ?? '', alternatives]);
  });
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Catalog text is data, so it must not become Markdown: line breaks are flattened, characters that start inline
 * syntax (emphasis, code, links, HTML, entities, tables, strikethrough, heading ends) are escaped, and so is a
 * leading list, quote or heading marker. Parentheses and dots mid-text stay readable: without `[` they do nothing.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>&|~#]/g, '\\$&')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A link only for http(s) URLs; characters that would end the destination early are percent-encoded. */
function markdownLink(label: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMarkdown(label);
  const destination = url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${destination})`;
}

const utcMinutes = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function toolSection(product: ReportProduct, t: Translate): string[] {
  const meta = [escapeMarkdown(product.vendor)];
  if (product.pinned) meta.push(t('exportMdPinned'));
  if (product.lastSeenAt) meta.push(t('exportMdLastSeen', utcDay(product.lastSeenAt)));

  const providers = product.providers.map((dep) => {
    const line = t('exportMdProviderLine', escapeMarkdown(dep.name), escapeMarkdown(dep.feature), escapeMarkdown(dep.route), t(CONFIDENCE_KEYS[dep.confidence]));
    const status = dep.statusPageUrl ? markdownLink(t('statusPage'), dep.statusPageUrl) : t('noPublicStatus');
    return `- ${line} · ${status}`;
  });
  const alternatives = product.alternatives.length
    ? product.alternatives.map((alternative) => `- ${t('exportAlternativeOn', escapeMarkdown(alternative.name), alternative.providers.map(escapeMarkdown).join(t('listSeparator')))}`)
    : [t('exportMdNoAlternatives')];
  const advice: string[] = [];
  if (product.providers.some((dep) => dep.statusPageUrl)) advice.push(t('exportMdDownAdvice'));
  if (product.providers.some((dep) => !dep.statusPageUrl)) advice.push(t('exportMdDownUnmonitored', escapeMarkdown(product.vendor)));

  return [
    `### ${escapeMarkdown(product.name)}`, '', meta.join(' · '), '',
    `**${t('exportMdProviders')}**`, '', ...providers, '',
    `**${t('exportAlternatives')}**`, '', ...alternatives, '',
    `**${t('exportMdWhenDown')}**`, '', advice.join(' '), '',
  ];
}

/** A readable backup plan: shared points of failure first, then per tool its providers, alternatives and what to do. */
export function stackToMarkdown(report: StackReport, t: Translate): string {
  const names = new Map(report.products.map((product) => [product.id, product.name]));
  const shared = report.sharedPoints.map((point) => {
    const tools = point.productIds.map((id) => escapeMarkdown(names.get(id) ?? id)).join(t('listSeparator'));
    const line = t('exportMdSharedLine', String(point.productIds.length), escapeMarkdown(point.providerName), tools);
    return point.statusPageUrl ? `- ${line} ${markdownLink(t('statusPage'), point.statusPageUrl)}` : `- ${line}`;
  });
  const lines = [
    `# ${t('exportMdTitle')}`, '', t('exportMdGenerated', utcMinutes(report.generatedAt)), '',
    `## ${t('exportMdSharedTitle')}`, '', ...(shared.length ? shared : [t('exportMdNoShared')]), '',
    `## ${t('exportMdToolsTitle')}`, '',
    ...(report.products.length ? report.products.flatMap((product) => toolSection(product, t)) : [t('exportMdNoTools'), '']),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
