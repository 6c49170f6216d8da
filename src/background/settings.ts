import browser from 'webextension-polyfill';

/** Polite by default: each status page is read every five minutes. */
export const DEFAULT_POLL_MINUTES = 5;
/** Chrome does not fire alarms more often than every 30 s for installed extensions. */
const MIN_POLL_MINUTES = 0.5;

const TEST_POLL_KEY = 'test.pollIntervalSeconds';

/**
 * The poll interval in milliseconds. End-to-end tests shorten it through a storage key that is honoured
 * only for unpacked (development) installs, so a shipped extension always polls at the polite default.
 */
export async function pollIntervalMs(): Promise<number> {
  const self = await browser.management.getSelf();
  if (self.installType === 'development') {
    const stored = (await browser.storage.local.get(TEST_POLL_KEY))[TEST_POLL_KEY];
    if (typeof stored === 'number' && stored >= 1) return stored * 1000;
  }
  return Math.max(DEFAULT_POLL_MINUTES, MIN_POLL_MINUTES) * 60_000;
}

export function isTestSettingChange(changes: Record<string, unknown>): boolean {
  return TEST_POLL_KEY in changes;
}
