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

const REPOSITORY = ['src', 'public', 'test', 'docs', 'bench', 'scripts', 'README.md', 'DEVELOPERS.md', '.ci', 'package.json', 'vitest.config.ts', 'vite.config.ts'].flatMap(files);

function hits(pattern: RegExp, paths = REPOSITORY): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${path}:${i + 1}: ${line.trim().slice(0, 160)}`] : [])),
  );
}

describe('the product speaks only of itself', () => {
  it('reads every text file of the repository (the check is not vacuous)', () => {
    expect(REPOSITORY.length).toBeGreaterThan(150);
    expect(REPOSITORY).toContain('src/catalog/providers.json');
  });

  it('names no work item, planning document, research folder or research tool', () => {
    const words = [
      /\bissue[ -]?#?\d+\b/i, // work items
      /\bthe brief\b/i,
      /\bresearch (notes?|step|folder)\b/i,
      /\bsearch (tool|index)\b/i,
      /\bindex id\b/i,
      /\bstored cop(y|ies)\b/i,
      /\bhelper notes?\b/i,
      /shared\/(research|corpus)|status-samples|catalog-evidence|status-apis\.md|style-anchors|detection-anchors/,
      /§\s?\d/, // sections of documents that are not here
      /\bTODO\b/,
    ];
    expect(words.flatMap((word) => hits(word))).toEqual([]);
  });

  it('tests, benchmarks and scripts need nothing outside the repository', () => {
    const outside = ['test', 'bench', 'scripts', '.ci', 'package.json', 'vitest.config.ts', 'vite.config.ts'].flatMap(files);
    expect(outside.length).toBeGreaterThan(50);
    expect(hits(/\.\.\/shared\b|process\.env\.CORPUS/, outside)).toEqual([]);
  });
});
