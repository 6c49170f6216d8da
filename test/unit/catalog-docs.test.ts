import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { catalogSummary, summaryIn, withSummary } from '../../scripts/catalog-summary-core.ts';

describe('docs/CATALOG.md', () => {
  const doc = readFileSync('docs/CATALOG.md', 'utf8');

  it('reports the catalog as it is (npx tsx scripts/catalog-summary.ts rewrites the numbers)', () => {
    expect(summaryIn(doc)).toBe(catalogSummary(CATALOG));
  });

  it('counts from the data: one more undisclosed widget changes the counts and the list', () => {
    const catalog: Catalog = structuredClone(CATALOG);
    const base = catalogSummary(catalog);
    catalog.products.push({
      ...structuredClone(catalog.products.find((product) => product.kind === 'widget')!),
      id: 'acme-helper',
      name: 'Acme Helper',
      vendor: 'Acme Inc.',
      job: 'a-job-nobody-else-does',
      features: [{ name: 'Answers', dependencies: [{ provider: 'undisclosed', route: 'undisclosed', confidence: 'low', sources: [] }] }],
    });
    const widgets = CATALOG.products.filter((product) => product.kind === 'widget').length;
    const summary = catalogSummary(catalog);
    expect(summary).not.toBe(base);
    expect(summary).toContain(`**${CATALOG.products.length + 1} products**`);
    expect(summary).toContain(`and ${widgets + 1} embedded widgets`);
    expect(summary).toContain('- Acme Helper (Acme Inc.)');
    const low = CATALOG.products.flatMap((product) => product.features.flatMap((feature) => feature.dependencies)).filter((dep) => dep.confidence === 'low').length;
    expect(summary).toContain(`| low | ${low + 1} |`);
  });

  it('keeps the rest of the page when the numbers are rewritten', () => {
    const rewritten = withSummary(doc, 'NUMBERS');
    expect(summaryIn(rewritten)).toBe('NUMBERS');
    expect(rewritten.slice(0, 200)).toBe(doc.slice(0, 200));
    expect(() => withSummary('# no section', 'x')).toThrow(/no catalog summary section/);
  });
});
