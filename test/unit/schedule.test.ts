import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, nextPollAt, parseRetryAfter } from '../../src/health/schedule.ts';

const T = Date.UTC(2026, 10, 24, 12, 0);
const MIN = 60_000;
const none = () => 0;
const most = () => 0.999;

describe('nextPollAt', () => {
  it('reads watched providers within every minute and others every five, with jitter only lengthening', () => {
    expect(nextPollAt(T, { ok: true, consecutiveFailures: 0 }, true, DEFAULT_SCHEDULE, none)).toBe(T + 50_000);
    expect(nextPollAt(T, { ok: true, consecutiveFailures: 0 }, true, DEFAULT_SCHEDULE, most)).toBeLessThanOrEqual(T + MIN);
    expect(nextPollAt(T, { ok: true, consecutiveFailures: 0 }, false, DEFAULT_SCHEDULE, none)).toBe(T + 5 * MIN);
    const jittered = nextPollAt(T, { ok: true, consecutiveFailures: 0 }, false, DEFAULT_SCHEDULE, most);
    expect(jittered).toBeGreaterThan(T + 5 * MIN);
    expect(jittered).toBeLessThanOrEqual(T + 6 * MIN);
  });

  it('backs off exponentially on failures, capped at 30 minutes', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 10].map(
      (failures) => (nextPollAt(T, { ok: false, consecutiveFailures: failures }, true, DEFAULT_SCHEDULE, none) - T) / MIN,
    );
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('never comes back before Retry-After', () => {
    expect(nextPollAt(T, { ok: false, consecutiveFailures: 1, retryAfterSeconds: 900 }, true, DEFAULT_SCHEDULE, none)).toBe(T + 15 * MIN);
    expect(nextPollAt(T, { ok: false, consecutiveFailures: 5, retryAfterSeconds: 5 }, true, DEFAULT_SCHEDULE, none)).toBe(T + 16 * MIN);
  });

  it('keeps heavy pages at their floor even when watched', () => {
    expect(nextPollAt(T, { ok: true, consecutiveFailures: 0 }, true, DEFAULT_SCHEDULE, none, 10)).toBe(T + 10 * MIN);
  });

  it('scales with the schedule minute (end-to-end tests run minutes as seconds)', () => {
    expect(nextPollAt(T, { ok: true, consecutiveFailures: 0 }, false, { ...DEFAULT_SCHEDULE, minuteMs: 2000 }, none)).toBe(T + 10_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    expect(parseRetryAfter('120', T)).toBe(120);
    expect(parseRetryAfter(new Date(T + 90_000).toUTCString(), T)).toBe(90);
    expect(parseRetryAfter('soon', T)).toBeUndefined();
    expect(parseRetryAfter(null, T)).toBeUndefined();
    expect(parseRetryAfter('99999999', T)).toBe(24 * 3600);
  });
});
