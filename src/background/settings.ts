import browser from 'webextension-polyfill';
import type { Provider } from '../catalog/types.ts';
import type { StatusPageRef } from '../catalog/types.ts';
import { DEFAULT_SCHEDULE, type ScheduleSettings } from '../health/schedule.ts';
import { parseSettings, scheduleWith, SETTINGS_KEY, type UserSettings } from '../protocol/settings.ts';

/** The user's settings from the options page, read on every use so a change applies at once. */
export async function userSettings(): Promise<UserSettings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export const TEST_MINUTE_KEY = 'test.secondsPerMinute';
const TEST_PAGE_URLS_KEY = 'test.statusPageUrls';

async function isDevelopmentInstall(): Promise<boolean> {
  return (await browser.management.getSelf()).installType === 'development';
}

/**
 * The polling schedule. End-to-end tests shrink a schedule minute to a few seconds through a storage key
 * that is honoured only for unpacked (development) installs, so a shipped extension always polls at the
 * polite defaults.
 */
export async function scheduleSettings(settings?: UserSettings): Promise<ScheduleSettings> {
  const user = settings ?? (await userSettings());
  if (await isDevelopmentInstall()) {
    const seconds = (await browser.storage.local.get(TEST_MINUTE_KEY))[TEST_MINUTE_KEY];
    if (typeof seconds === 'number' && seconds >= 1 && seconds <= 60) return scheduleWith(user, { ...DEFAULT_SCHEDULE, minuteMs: seconds * 1000 });
  }
  return scheduleWith(user, DEFAULT_SCHEDULE);
}

export function isScheduleChange(changes: Record<string, unknown>): boolean {
  return TEST_MINUTE_KEY in changes || SETTINGS_KEY in changes;
}

/**
 * The status page to read for a provider. End-to-end tests may point a provider at another address (such as
 * Anthropic's old status.anthropic.com, to exercise its redirect); honoured only for unpacked installs.
 */
export async function statusPageFor(provider: Provider): Promise<StatusPageRef> {
  if (!(await isDevelopmentInstall())) return provider.status;
  const overrides = (await browser.storage.local.get(TEST_PAGE_URLS_KEY))[TEST_PAGE_URLS_KEY] as Record<string, unknown> | undefined;
  const pageUrl = overrides?.[provider.id];
  return typeof pageUrl === 'string' ? { ...provider.status, pageUrl } : provider.status;
}
