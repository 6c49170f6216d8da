import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { DetectionIndex, pageMarkers } from '../../src/detect/engine.ts';
import { emptySignals } from '../../src/detect/signals.ts';
import { staticSignals } from '../support/page-signals.ts';

const index = new DetectionIndex(CATALOG.products);
const markers = pageMarkers(CATALOG.products);
function onCatalogHost(key: string): boolean {
  const host = key.split('/')[0]!;
  return markers.urlHosts.some((pattern) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern));
}
import { CORPUS_DIR } from '../fixtures/corpus/corpus.ts';

describe('the catalog, as the detection engine sees it', () => {
  it('holds at least 350 products, 70 of them embedded widgets', () => {
    expect(CATALOG.products.length).toBeGreaterThanOrEqual(350);
    expect(CATALOG.products.filter((product) => product.kind === 'widget').length).toBeGreaterThanOrEqual(70);
  });

  it.each(CATALOG.products.filter((product) => product.kind === 'first-party').map((product) => [product.id, product] as const))(
    'first-party %s is recognised on each of its hosts',
    (id, product) => {
      for (const pattern of product.detect.hosts ?? []) {
        const hostname = pattern.startsWith('*.') ? `app.${pattern.slice(2)}` : pattern;
        const path = product.detect.paths?.[0] ?? '/';
        const found = index.detect({ ...emptySignals(hostname, path) }).find((detection) => detection.productId === id);
        expect(found?.confidence, `${id} on ${hostname}${path}`).toBe('high');
      }
    },
  );

  it.each(CATALOG.products.filter((product) => product.kind === 'widget').map((product) => [product.id] as const))(
    'widget %s has a fixture page written from its embed instructions',
    (id) => {
      const html = readFileSync(`test/fixtures/widgets/${id}.html`, 'utf8');
      expect(html).toMatch(/<!--[\s\S]*https:\/\/[\s\S]*-->/); // cites the vendor's instructions
      expect(html).toContain('Acme Hardware');
    },
  );
});

describe('the 130 real pages of the corpus (none is an AI product)', () => {
  const pages = readdirSync(CORPUS_DIR).filter((name) => name.endsWith('.html'));

  it('has all its pages', () => {
    expect(pages.length).toBe(130);
  });

  it('gives no detection at all, even the page that writes about OpenAI and Anthropic', async () => {
    const detections: string[] = [];
    let withScripts = 0;
    for (const page of pages) {
      const html = readFileSync(join(CORPUS_DIR, page), 'utf8');
      const signals = await staticSignals(html, `https://www.${page.replace(/\.html$/, '').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}.example/article`, markers);
      if (/<script[^>]+src=["']?(?:https?:)?\/\//i.test(html)) withScripts++;
      // A report carries script and iframe URLs on the catalog's hosts only.
      expect([...signals.scripts, ...signals.iframes].filter((key) => !onCatalogHost(key))).toEqual([]);
      for (const found of index.detect(signals)) detections.push(`${page}: ${found.productId} (${found.evidence.map((e) => e.matched).join(', ')})`);
    }
    // The corpus really exercises the script filtering and marker matching (most pages load scripts from other hosts).
    expect(withScripts).toBeGreaterThan(50);
    expect(detections).toEqual([]);
  }, 120_000);
});
