/**
 * When to read each status page next: polite by default, quick when it matters, patient with failing pages.
 * Pure: durations are in "schedule minutes" (`minuteMs`), which tests shrink to seconds.
 */

export interface ScheduleSettings {
  /** Length of one schedule minute in ms (60,000 in use; shorter in end-to-end tests). */
  minuteMs: number;
  /** Interval for providers nobody is looking at right now (default 5). */
  defaultMinutes: number;
  /**
   * Interval for providers an open tab depends on, or with an unresolved incident. 50 s plus at most 20 %
   * jitter keeps a major outage on a watched provider within 60 s of the badge.
   */
  watchedMinutes: number;
  /** Cap of the exponential backoff after failures (default 30). */
  maxBackoffMinutes: number;
  /** Random spread added to every interval, as a fraction of it, so installs do not poll in lockstep. */
  jitter: number;
}

export const DEFAULT_SCHEDULE: ScheduleSettings = {
  minuteMs: 60_000,
  defaultMinutes: 5,
  watchedMinutes: 50 / 60,
  maxBackoffMinutes: 30,
  jitter: 0.2,
};

export interface PollOutcome {
  ok: boolean;
  /** Failures in a row including this one (0 after a success). */
  consecutiveFailures: number;
  /** Seconds the server asked us to wait (Retry-After), if it did. */
  retryAfterSeconds?: number;
}

/**
 * The time of the next read. Watched providers are read about every minute; others every five; failures back
 * off exponentially from one minute up to 30 and never sooner than the server's Retry-After.
 */
export function nextPollAt(
  now: number,
  outcome: PollOutcome,
  watched: boolean,
  settings: ScheduleSettings = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
  minMinutes = 0,
): number {
  const minute = settings.minuteMs;
  let delay: number;
  if (outcome.ok) {
    // Pages with a heavy payload and no smaller endpoint set a floor (Google's feeds are hundreds of KB).
    delay = Math.max(watched ? settings.watchedMinutes : settings.defaultMinutes, minMinutes) * minute;
  } else {
    const backoffMinutes = Math.min(settings.maxBackoffMinutes, 2 ** Math.max(0, outcome.consecutiveFailures - 1));
    delay = backoffMinutes * minute;
  }
  // Jitter only lengthens the wait, so a watched provider is never read more often than its interval.
  delay += Math.floor(delay * settings.jitter * random());
  if (outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds > 0) {
    delay = Math.max(delay, outcome.retryAfterSeconds * 1000);
  }
  return now + delay;
}

/** Retry-After as seconds: either delta-seconds or an HTTP date. Unparseable or absurd values are ignored. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return seconds <= 24 * 3600 ? seconds : 24 * 3600;
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(24 * 3600, Math.max(0, Math.ceil((date - now) / 1000)));
}
