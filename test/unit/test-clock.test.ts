import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
const ABSOLUTE_DATE = /(?<![\w.-])(?:19|20)\d\d-[01]\d-[0-3]\d(?![\d-])|new Date\(\s*\d|Date\.UTC\(/;

describe('the test clock', () => {
  it('the end-to-end world carries no absolute date: every date it serves is relative to the clock', () => {
    const files = worldFiles();
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (ABSOLUTE_DATE.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('the absolute-date check catches the forms a fixture date takes', () => {
    for (const line of ["at: '2026-01-01T00:00:00.000Z'", "new Date(2026, 0, 1)", 'Date.UTC(2026, 0, 1)', "day: '2026-09-04'"]) expect(ABSOLUTE_DATE.test(line), line).toBe(true);
    for (const line of ['new Date(now.getTime() - 3 * DAY_MS)', "id: 'incident-2026-x'", 'v1.2026-01-01a']) expect(ABSOLUTE_DATE.test(line), line).toBe(false);
  });

  it('runs moved ahead when the shifted-clock run asks for it (so a date-bound test fails there)', () => {
    const realNow = Number(process.env.UPSTREAM_REAL_NOW);
    const shiftDays = Number(process.env.UPSTREAM_CLOCK_SHIFT_DAYS);
    if (!realNow || !shiftDays) return; // The ordinary run, at the real clock.
    expect(Date.now() - realNow).toBeGreaterThan((shiftDays - 1) * 86_400_000);
  });
});
