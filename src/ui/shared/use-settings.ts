import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../platform/browser.ts';
import { parseSettings, SETTINGS_KEY, type UserSettings } from '../../protocol/settings.ts';

/** The user's settings, kept in step with storage (another Upstream page may change them), and a saver. */
export function useSettings(): [UserSettings | null, (next: UserSettings) => Promise<void>] {
  const [settings, setSettings] = useState<UserSettings | null>(null);
  useEffect(() => {
    const read = () => void browser.storage.local.get(SETTINGS_KEY).then((stored) => setSettings(parseSettings(stored[SETTINGS_KEY])));
    read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes) read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  const save = async (next: UserSettings) => {
    // Stored clamped, so what the page shows is what the worker applies.
    const clean = parseSettings(next);
    setSettings(clean);
    await browser.storage.local.set({ [SETTINGS_KEY]: clean });
  };
  return [settings, save];
}
