// Runs at document_start on every http(s) page the user visits, so it does the least possible:
// no imports at run time, no DOM work, one message. It is bundled on its own (see vite.config.ts).
import type { Request } from '../shared/messages.ts';

// Firefox and Chrome 148+ have `browser`; older Chrome only `chrome`. Both return promises in MV3.
const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
const message: Request<'page-seen'> = { type: 'page-seen', payload: { hostname: location.hostname } };
api.runtime.sendMessage(message).catch(() => {
  // The worker may be restarting; the next page load reports again.
});
