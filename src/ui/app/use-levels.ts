import { useEffect, useState } from 'preact/hooks';
import type { ProviderLevel } from '../../protocol/messages.ts';
import { send } from '../shared/send.ts';

/** Every provider's live level, refreshed every 30 s while the page is open (readings come from the worker's store). */
export function useLevels(): Record<string, ProviderLevel> {
  const [levels, setLevels] = useState<Record<string, ProviderLevel>>({});
  useEffect(() => {
    const load = () => void send('get-levels', {}).then(setLevels, () => undefined);
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, []);
  return levels;
}
