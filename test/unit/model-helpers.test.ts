import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOST_PATTERN, HOSTNAME, PAGE_HOSTNAME, URL_PATTERN, utcDay } from '../../src/model/patterns.ts';
import { clip, cut } from '../../src/model/text.ts';

describe('cutting text', () => {
  it('keeps text that fits, and cuts the rest to the bound with an ellipsis', () => {
    expect(cut('Claude API', 20)).toBe('Claude API');
    expect(cut('Claude API unavailable', 10)).toBe('Claude AP…');
    // Line breaks stay in a cut body; a one-line clip folds them.
    expect(cut('line one\nline two', 40)).toBe('line one\nline two');
    expect(clip('  line one\n\n line two  ', 40)).toBe('line one line two');
    expect(clip('word word word', 11)).toBe('word word…');
  });

  it('never splits a character of two UTF-16 units, and always holds the bound', () => {
    expect(cut('ab😀cd', 4)).toBe('ab…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        for (const result of [cut(text, max), clip(text, max)]) {
          expect(result.length).toBeLessThanOrEqual(max);
          expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        }
      }),
    );
  });
});

describe('hostname shapes', () => {
  it('agree on what a hostname is, and differ only where they say', () => {
    for (const host of ['status.claude.com', 'a-b.example', 'x1.y2.z3']) {
      expect([HOSTNAME, PAGE_HOSTNAME, HOST_PATTERN, URL_PATTERN].map((shape) => shape.test(host)), host).toEqual([true, true, true, true]);
    }
    expect([HOSTNAME.test('intranet'), PAGE_HOSTNAME.test('intranet')]).toEqual([false, true]);
    expect([HOSTNAME.test('*.notion.so'), HOST_PATTERN.test('*.notion.so')]).toEqual([false, true]);
    expect([HOST_PATTERN.test('cdn.example.com/widget.js'), URL_PATTERN.test('cdn.example.com/widget.js')]).toEqual([false, true]);
    for (const bad of ['Status.Claude.com', 'a..b', 'host.example/', 'a b.example', `${'a'.repeat(250)}.com`, '']) {
      expect(HOSTNAME.test(bad) || PAGE_HOSTNAME.test(bad), bad).toBe(false);
    }
    expect(URL_PATTERN.test('cdn.example.com/w?x=1')).toBe(false);
  });
});

describe('utcDay', () => {
  it('is the UTC calendar day of a time, whatever form it comes in', () => {
    const at = Date.UTC(2026, 10, 24, 23, 59, 59);
    expect(utcDay(at)).toBe('2026-11-24');
    expect(utcDay(new Date(at))).toBe('2026-11-24');
    expect(utcDay('2026-11-25T01:00:00+02:00')).toBe('2026-11-24');
    expect(utcDay('not a time')).toBe('');
    expect(utcDay(Number.MAX_VALUE)).toBe('');
  });
});
