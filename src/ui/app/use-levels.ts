import { useEffect, useState } from 'preact/hooks';
import type { ProviderLevel } from '../../protocol/views.ts';
import { send } from '../shared/send.ts';

/** Every provider's live level, refreshed every 30 s while the page is open (readings come from the worker's store). */
export function useLevels(): Record<string, ProviderLevel> {
  const [levels, setLevels] = useState<Record<string, ProviderLevel>>({});
  useEffect(() => {
    // A failed read keeps the levels shown; the next one, 30 s later, tries again.
    const load = () => void send('get-levels', {}).then((reply) => reply.ok && setLevels(reply.value));
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, []);
  return levels;
}
