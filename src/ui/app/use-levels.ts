import { useEffect, useState } from 'preact/hooks';
import type { ProtocolError } from '../../protocol/messages.ts';
import type { ProviderLevel } from '../../protocol/views.ts';
import { send } from '../shared/send.ts';

/** How often an open page asks again: the worker reads a provider only while some page keeps asking about it. */
const REFRESH_MS = 30_000;

/**
 * The live level of the providers a page shows, refreshed every 30 s while the page is open. Asking is what
 * keeps them read: providers outside the user's stack are read only while a page shows them, so the first
 * answer may be old or missing; the page asks the worker to read what is due and shows the result. `error` is
 * why the last ask got no levels (null once one succeeds), for the page to say in words.
 */
export function useLevels(providerIds: readonly string[]): { levels: Record<string, ProviderLevel>; error: ProtocolError | null } {
  const [levels, setLevels] = useState<Record<string, ProviderLevel>>({});
  const [error, setError] = useState<ProtocolError | null>(null);
  const key = [...new Set(providerIds)].sort().join(',');
  useEffect(() => {
    const ids = key ? key.split(',') : [];
    let open = true;
    // A failed read keeps the levels shown and says why; the next one, 30 s later, tries again.
    const load = () =>
      send('get-levels', { providerIds: ids }).then((reply) => {
        if (!open) return;
        if (reply.ok) setLevels(reply.value);
        setError(reply.ok ? null : reply.error);
      });
    void load()
      .then(() => send('refresh-due', {}))
      .then(load);
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      open = false;
      clearInterval(timer);
    };
  }, [key]);
  return { levels, error };
}
