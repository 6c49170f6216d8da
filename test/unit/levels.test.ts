import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH_LEVELS, isTrouble, moreUrgentFirst, mostUrgentLevel, needsAttention, worstLevel, type HealthLevel } from '../../src/model/levels.ts';

const level = fc.constantFrom(...HEALTH_LEVELS);

describe('the level policy', () => {
  it('urgency: known trouble or maintenance outranks unknown, and unknown outranks operational', () => {
    expect(mostUrgentLevel(['operational', 'unknown'])).toBe('unknown');
    expect(mostUrgentLevel(['unknown', 'maintenance'])).toBe('maintenance');
    expect(mostUrgentLevel(['unknown', 'major_outage', 'degraded'])).toBe('major_outage');
    expect(mostUrgentLevel(['unknown', 'unknown'])).toBe('unknown');
    expect(mostUrgentLevel(['operational', 'operational'])).toBe('operational');
    // Nothing read is not an all clear.
    expect(mostUrgentLevel([])).toBe('unknown');
  });

  it('urgency ignores unknown unless everything is unknown or the rest is operational', () => {
    fc.assert(
      fc.property(fc.array(level, { maxLength: 8 }), (levels) => {
        const known = levels.filter((l) => l !== 'unknown');
        const worstKnown = known.length > 0 ? worstLevel(known) : 'unknown';
        const expected = worstKnown === 'operational' && known.length < levels.length ? 'unknown' : worstKnown;
        expect(mostUrgentLevel(levels)).toBe(expected);
      }),
    );
  });

  it('reading: an unreadable part counts as worst, so it never hides behind an all clear', () => {
    expect(worstLevel(['major_outage', 'unknown'])).toBe('unknown');
    expect(worstLevel(['operational', 'degraded'])).toBe('degraded');
  });

  it('sorts the most urgent first and keeps equal levels in their order', () => {
    const levels: HealthLevel[] = ['operational', 'unknown', 'degraded', 'major_outage', 'maintenance', 'operational'];
    expect([...levels].sort(moreUrgentFirst)).toEqual(['major_outage', 'degraded', 'maintenance', 'unknown', 'operational', 'operational']);
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 8 }), (levels) => {
        expect([...levels].sort(moreUrgentFirst)[0]).toBe(mostUrgentLevel(levels));
      }),
    );
  });

  it('trouble is degraded or an outage; anything but operational needs attention', () => {
    expect(HEALTH_LEVELS.filter(isTrouble)).toEqual(['degraded', 'partial_outage', 'major_outage']);
    expect(HEALTH_LEVELS.filter(needsAttention)).toEqual(['maintenance', 'degraded', 'partial_outage', 'major_outage', 'unknown']);
    expect(isTrouble(null)).toBe(false);
  });
});
