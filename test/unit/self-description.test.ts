import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const THIS_FILE = 'test/unit/self-description.test.ts';
/** Third-party pages kept as they were served: their words are theirs. */
const VERBATIM = 'test/fixtures/corpus/';
const TEXT = /\.(ts|tsx|mjs|js|json|md|html|css|xml|rss|txt)$/;

function files(path: string): string[] {
  if (path.startsWith(VERBATIM) || path === THIS_FILE) return [];
  if (!statSync(path).isDirectory()) return TEXT.test(path) || !path.includes('.') ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

const REPOSITORY = [
  'src', 'public', 'test', 'docs', 'bench', 'scripts', 'relay', 'eslint-rules', 'README.md', 'DEVELOPERS.md', '.ci',
  'package.json', 'manifest.json', 'tsconfig.json', 'eslint.config.js', 'vitest.config.ts', 'vite.config.ts',
].flatMap(files);

function lines(pattern: RegExp, path: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${path}:${i + 1}: ${line.trim().slice(0, 160)}`] : []));
}

function hits(pattern: RegExp, paths = REPOSITORY): string[] {
  return paths.flatMap((path) => lines(pattern, path, readFileSync(path, 'utf8')));
}

/** Words about how the project was made, not about the product. */
const MAKING_OF = [
  /\bissue[ -]?#?\d+\b/i, // work items
  /\bthe brief\b/i,
  /\bresearch (notes?|step|folder)\b/i,
  /\bsearch (tool|index)\b/i,
  /\bindex id\b/i,
  /\bstored cop(y|ies)\b/i,
  /\bhelper (notes?|sessions?)\b/i,
  /shared\/(research|corpus)|status-samples|catalog-evidence|status-apis\.md|style-anchors|detection-anchors/,
  /§\s?\d/, // sections of documents that are not here
  /\bTODO\b|\bFIXME\b|\bXXX\b/,
  /\bwe could\b/i,
  /\bno internet\b/i, // the tests need none; the product never says whether its makers had it
  /\bnot reachable\b/i,
  /\bexisting catalog\b/i,
  /\b(read|verified|tested) (here|during this)\b/i,
];
/** Catalog data is about products, and products do research ("research assistant", "Deep Research"). */
const CATALOG_DATA = /^src\/catalog\/[^/]+\.json$/;
const OUTSIDE_CATALOG_DATA = [/\bresearch\b/i];

function makingOf(path: string, text: string): string[] {
  const words = CATALOG_DATA.test(path) ? MAKING_OF : [...MAKING_OF, ...OUTSIDE_CATALOG_DATA];
  return [...new Set(words.flatMap((word) => lines(word, path, text)))];
}

describe('the product speaks only of itself', () => {
  it('reads every text file of the repository (the check is not vacuous)', () => {
    expect(REPOSITORY.length).toBeGreaterThan(150);
    expect(REPOSITORY).toContain('src/catalog/providers.json');
  });

  it('names no work item, planning document, research or the way a fact was looked up', () => {
    expect(REPOSITORY.flatMap((path) => makingOf(path, readFileSync(path, 'utf8')))).toEqual([]);
  });

  it('fails on each such word, and on research outside catalog data', () => {
    const samples = [
      'fixes issue #12', 'as the brief says', 'see the research notes', 'found with the search tool', 'by index id',
      'a stored copy', 'helper notes', 'from shared/research', 'as in §3', '// TODO: later', '// FIXME', 'XXX',
      'pages we could check', 'could not be tested (no internet)', 'the report was not reachable',
      'carried over from the existing catalog entry', 'no page read here names it', 'not verified here',
    ];
    for (const sample of samples) {
      expect(makingOf('src/catalog/products.json', sample), sample).toHaveLength(1);
      expect(makingOf('docs/ARCHITECTURE.md', sample), sample).toHaveLength(1);
    }
    expect(makingOf('test/unit/adapters/google-cloud.test.ts', "it('reads the products the research names')")).toHaveLength(1);
    expect(makingOf('src/catalog/products.json', '"job": "research-assistant"')).toEqual([]);
    expect(makingOf('docs/CATALOG.md', 'Deep Research')).toHaveLength(1);
  });

  it('tests, benchmarks and scripts need nothing outside the repository', () => {
    const outside = ['test', 'bench', 'scripts', '.ci', 'package.json', 'vitest.config.ts', 'vite.config.ts'].flatMap(files);
    expect(outside.length).toBeGreaterThan(50);
    expect(hits(/\.\.\/shared\b|process\.env\.CORPUS/, outside)).toEqual([]);
  });
});
