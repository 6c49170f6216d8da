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
    /** How often the providers of the stack (and those a page shows) are read. */
    backgroundMinutes: number;
    /**
     * Read every provider of the catalog, not only those the user needs: status pages then cannot tell from
     * whether an address asks which tools are used there, at the cost of many more requests (docs/PRIVACY.md).
     */
    everyProvider: boolean;
  };
  notifications: NotificationSettings;
  /** Status history older than this is deleted. */
  retentionDays: number;
  /**
   * A relay that reads every status page once for many installs and serves one digest (docs/RELAY.md); null,
   * the default, reads each status page directly.
   */
  relayUrl: string | null;
  /**
   * Early warning: watch the catalog's AI requests of the products on the user's tabs and count how they end
   * (docs/PRIVACY.md says exactly what). Off, nothing is observed.
   */
  earlyWarning: boolean;
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
  polling: { watchedSeconds: 50, backgroundMinutes: 5, everyProvider: false },
  notifications: DEFAULT_NOTIFICATION_SETTINGS,
  retentionDays: 90,
  relayUrl: null,
  earlyWarning: true,
};

/** An https URL without credentials, of reasonable length; anything else is no relay. */
export function parseRelayUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

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
      everyProvider: flag(polling.everyProvider, DEFAULT_SETTINGS.polling.everyProvider),
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
    relayUrl: parseRelayUrl(stored.relayUrl),
    earlyWarning: flag(stored.earlyWarning, DEFAULT_SETTINGS.earlyWarning),
  };
}

/** The polling schedule with the user's intervals applied to a base (which fixes the minute length, jitter, backoff). */
export function scheduleWith(settings: UserSettings, base: ScheduleSettings): ScheduleSettings {
  return { ...base, watchedMinutes: settings.polling.watchedSeconds / 60, defaultMinutes: settings.polling.backgroundMinutes };
}
