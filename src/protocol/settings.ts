/**
 * The user's settings (options page), stored in storage.local under `settings` and read by the worker on every
 * use, so a change applies at once. Stored data is untrusted: `parseSettings` clamps it into the bounds.
 */
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../health/notify.ts';
import type { ScheduleSettings } from '../health/schedule.ts';
import { isRecord } from '../model/json.ts';

export const SETTINGS_KEY = 'settings';

export interface UserSettings {
  polling: {
    /** How often providers an open tab depends on are read. */
    watchedSeconds: number;
    /** How often every other provider is read. */
    backgroundMinutes: number;
  };
  notifications: NotificationSettings;
  /** Status history older than this is deleted. */
  retentionDays: number;
}

/**
 * The polite floors are the defaults: a user may poll less often, never more (status pages are shared by
 * everyone who installs Upstream).
 */
export const SETTING_BOUNDS = {
  watchedSeconds: { min: 50, max: 900 },
  backgroundMinutes: { min: 5, max: 60 },
  retentionDays: { min: 7, max: 365 },
} as const;

export const DEFAULT_SETTINGS: UserSettings = {
  polling: { watchedSeconds: 50, backgroundMinutes: 5 },
  notifications: DEFAULT_NOTIFICATION_SETTINGS,
  retentionDays: 90,
};

function clamped(value: unknown, bounds: { min: number; max: number }, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export function parseSettings(raw: unknown): UserSettings {
  const stored = isRecord(raw) ? raw : {};
  const polling = isRecord(stored.polling) ? stored.polling : {};
  const notifications = isRecord(stored.notifications) ? stored.notifications : {};
  const levels = isRecord(notifications.levels) ? notifications.levels : {};
  const defaults = DEFAULT_SETTINGS.notifications;
  const muted = Array.isArray(notifications.mutedProviders) ? notifications.mutedProviders : [];
  return {
    polling: {
      watchedSeconds: clamped(polling.watchedSeconds, SETTING_BOUNDS.watchedSeconds, DEFAULT_SETTINGS.polling.watchedSeconds),
      backgroundMinutes: clamped(polling.backgroundMinutes, SETTING_BOUNDS.backgroundMinutes, DEFAULT_SETTINGS.polling.backgroundMinutes),
    },
    notifications: {
      enabled: flag(notifications.enabled, defaults.enabled),
      levels: {
        degraded: flag(levels.degraded, defaults.levels.degraded),
        outage: flag(levels.outage, defaults.levels.outage),
        maintenance: flag(levels.maintenance, defaults.levels.maintenance),
        recovery: flag(levels.recovery, defaults.levels.recovery),
      },
      mutedProviders: [...new Set(muted.filter((id): id is string => typeof id === 'string' && id.length <= 100))].slice(0, 200),
    },
    retentionDays: clamped(stored.retentionDays, SETTING_BOUNDS.retentionDays, DEFAULT_SETTINGS.retentionDays),
  };
}

/** The polling schedule with the user's intervals applied to a base (which fixes the minute length, jitter, backoff). */
export function scheduleWith(settings: UserSettings, base: ScheduleSettings): ScheduleSettings {
  return { ...base, watchedMinutes: settings.polling.watchedSeconds / 60, defaultMinutes: settings.polling.backgroundMinutes };
}
