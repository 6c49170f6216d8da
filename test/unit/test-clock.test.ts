import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redateFeed, redateJson } from '../fixtures/status/redate.ts';

/**
 * Files that build what the end-to-end tests serve and check, at the real clock of the browser under test:
 * the end-to-end tests and every fixture module they import, directly or through another.
 */
function worldFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
    });
  const files = new Set(walk('test/e2e'));
  for (const file of files) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+\.ts)'/g)) {
      const imported = join(dirname(file), specifier!);
      if (imported.startsWith('test/')) files.add(imported);
    }
  }
  return [...files];
}

/** A calendar date, a Date built from numbers, or Date.UTC: an absolute date written into code. */
const ISO_DATE = /(?<![\w.-])(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d-])|new Date\(\s*\d|Date\.UTC\(/;
/** A feed's and an HTTP header's date: `Tue, 24 Nov 2026 10:00:00 GMT`. */
const RFC_1123_DATE = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d/;
/** Seconds or milliseconds since 1970 from 2001 to 2033 (10 or 13 digits, `_` separators allowed), not part of an id. */
const EPOCH = /(?<![\w.-])1(?:_?\d){9}(?:(?:_?\d){3})?(?![\w.])/;
const ABSOLUTE_DATE = [ISO_DATE, RFC_1123_DATE, EPOCH];

const datedLines = (path: string, text: string): string[] =>
  text.split('\n').flatMap((line, i) => (ABSOLUTE_DATE.some((date) => date.test(line)) ? [`${path}:${i + 1}: ${line.trim().slice(0, 160)}`] : []));

/** A capture a world file serves: a JSON import (`name` is its binding) or a path it reads. */
interface CaptureUse {
  file: string;
  capture: string;
  redated: boolean;
}

/** The functions that move a capture's dates to the clock: the helpers, and one-line wrappers of them in the file. */
function redaters(text: string): string[] {
  const wrappers = [...text.matchAll(/const (\w+) = \([^)]*\)[^\n]*\bredate(?:Json|Feed)\(/g)].map((match) => match[1]!);
  return ['redateJson', 'redateFeed', ...wrappers];
}

/** What a world file serves from captures under test/, and whether each passes through a redater where it is served. */
export function captureUses(file: string, text: string, exists = existsSync): CaptureUse[] {
  const through = `(?:${redaters(text).join('|')})\\(`;
  const resolve = (specifier: string) => [normalize(join(dirname(file), specifier)), normalize(specifier)].find((path) => path.startsWith('test/') && exists(path));
  const uses: CaptureUse[] = [];
  for (const [, name, specifier] of text.matchAll(/import (\w+) from '([^']+\.json)' with \{ type: 'json' \}/g)) {
    const capture = resolve(specifier!);
    if (capture) uses.push({ file, capture, redated: new RegExp(`${through}\\s*(?:structuredClone\\(\\s*)?${name}\\b`).test(text) });
  }
  const lines = text.split('\n');
  const indent = (line: string) => line.length - line.trimStart().length;
  lines.forEach((line, i) => {
    if (/^import |^\s*(?:\*|\/\/|\/\*)/.test(line)) return;
    for (const [, specifier] of line.matchAll(/['"`]([^'"`$]+\.(?:json|rss|xml|atom))['"`]/g)) {
      const capture = resolve(specifier!);
      if (!capture) continue;
      // Where it is served: from the line that reads it to the statement of its block that returns it.
      const returns = (candidate: string, j: number) =>
        (j === i && /\breturn\b/.test(candidate)) || (j > i && /^\s*return\b/.test(candidate) && indent(candidate) <= indent(line));
      const end = lines.findIndex(returns);
      const served = lines.slice(i, end === -1 ? i + 1 : end + 1).join('\n');
      uses.push({ file, capture, redated: new RegExp(through).test(served) });
    }
  });
  return uses;
}

/** Captures served with their own dates, each with why those dates are never compared with the clock. */
const SERVED_AS_CAPTURED: Record<string, string> = {
  'test/fixtures/status/history.ts test/fixtures/status/statuspage-summary-allclear.claude.json':
    'only its page name and its components are copied, whose times a Statuspage reader ignores; incident times come from the clock',
  'test/e2e/drift.test.ts test/fixtures/status/better-stack/betterstack-index.together-trimmed.json':
    'served at a Statuspage host as a page that changed format: only its shape is recognised, its dates are not read',
};

describe('the test clock', () => {
  it('the end-to-end world carries no absolute date: every date it serves is relative to the clock', () => {
    const files = worldFiles();
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((path) => datedLines(path, readFileSync(path, 'utf8')))).toEqual([]);
  });

  it('every capture the world serves with dates in it is moved to the clock, or its dates are never read', () => {
    const uses = worldFiles().flatMap((file) => captureUses(file, readFileSync(file, 'utf8')));
    expect(uses.length).toBeGreaterThan(10);
    const dated = uses.filter((use) => datedLines(use.capture, readFileSync(use.capture, 'utf8')).length > 0);
    const unmoved = dated.filter((use) => !use.redated).map((use) => `${use.file} ${use.capture}`);
    expect(unmoved.filter((use) => !(use in SERVED_AS_CAPTURED))).toEqual([]);
    // An exception no longer needed goes: each names a capture with dates that its file serves unmoved.
    expect(Object.keys(SERVED_AS_CAPTURED).filter((use) => !unmoved.includes(use))).toEqual([]);
  });

  it('the absolute-date check catches the forms a fixture date takes', () => {
    const dates = [
      "at: '2026-01-01T00:00:00.000Z'", 'new Date(2026, 0, 1)', 'Date.UTC(2026, 0, 1)', "day: '2026-09-04'", '"updated_at":"2026-11-30T08:12:44.000Z"',
      '<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>', '<lastBuildDate>Fri, 25 Sep 2026 04:28:00 Z</lastBuildDate>',
      '"available_since_seconds":1784715578,', '"at": 1784715578000', 'const at = 1_784_715_578_000;',
    ];
    for (const line of dates) expect(datedLines('x', line), line).toHaveLength(1);
    const notDates = [
      'new Date(now.getTime() - 3 * DAY_MS)', "id: 'incident-2026-x'", 'v1.2026-01-01a', '"page_id":6410630422455,',
      '<guid>arn:aws:health:us-east-1::event/BEDROCK_1710868380</guid>', 'resource_id: 9_000_000 + i', 'port 17843', '2026 sessions',
    ];
    for (const line of notDates) expect(datedLines('x', line), line).toEqual([]);
  });

  it('tells a capture served through the redating helpers from one served as captured', () => {
    const file = 'test/fixtures/status/example.ts';
    const exists = () => true;
    const uses = (text: string) => captureUses(file, text, exists).map(({ capture, redated }) => [capture, redated]);
    expect(uses("import page from './page.json' with { type: 'json' };\nexport const body = (now: Date) => redateJson(structuredClone(page), now);")).toEqual([
      ['test/fixtures/status/page.json', true],
    ]);
    expect(uses("import page from './page.json' with { type: 'json' };\nexport const body = () => structuredClone(page);")).toEqual([['test/fixtures/status/page.json', false]]);
    const read = [
      'const feed = (path: string, now: Date) => redateFeed(read(path), now);',
      "if (a) return feed('rss/a.xml', now);",
      'if (b) {',
      "  const page = JSON.parse(read('b/page.json'));",
      '  page.items = page.items.map((item) => {',
      '    return { ...item, name: NAME };',
      '  });',
      '  return json(redateJson(page, now));',
      '}',
      "// `d/mentioned.json` is only named in a comment.",
      "return read('c/empty.json');",
    ].join('\n');
    expect(uses(read)).toEqual([
      ['test/fixtures/status/rss/a.xml', true],
      ['test/fixtures/status/b/page.json', true],
      ['test/fixtures/status/c/empty.json', false],
    ]);
  });

  it('the redating helpers move every date of a capture by the same amount, the newest to the clock', () => {
    const now = new Date('2030-06-15T06:00:00.000Z');
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const seconds = (iso: string) => Date.parse(iso) / 1000;
    const capture = {
      page: { updated_at: '2026-01-03T00:00:00.000Z', id: 1767225600 },
      incident: { started_at: '2026-01-01T00:00:00.000Z', day: '2026-01-01', at_seconds: seconds('2026-01-02T00:00:00Z'), duration_seconds: 3600 },
    };
    expect(redateJson(capture, now, 0)).toEqual({
      page: { updated_at: now.toISOString(), id: 1767225600 },
      incident: { started_at: at(2).toISOString(), day: at(2).toISOString().slice(0, 10), at_seconds: at(1).getTime() / 1000, duration_seconds: 3600 },
    });
    expect(redateJson({ available_since_seconds: seconds('2026-01-02T00:00:00Z') }, now, 0)).toEqual({ available_since_seconds: now.getTime() / 1000 });
    const feed = '<rss><lastBuildDate>Tue, 24 Nov 2026 10:00:00 GMT</lastBuildDate><item><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item></rss>';
    expect(redateFeed(feed, now)).toBe(`<rss><lastBuildDate>${now.toUTCString()}</lastBuildDate><item><pubDate>${at(1).toUTCString()}</pubDate></item></rss>`);
  });

  it('runs moved ahead when the shifted-clock run asks for it (so a date-bound test fails there)', () => {
    const realNow = Number(process.env.UPSTREAM_REAL_NOW);
    const shiftDays = Number(process.env.UPSTREAM_CLOCK_SHIFT_DAYS);
    if (!realNow || !shiftDays) return; // The ordinary run, at the real clock.
    expect(Date.now() - realNow).toBeGreaterThan((shiftDays - 1) * 86_400_000);
  });
});
