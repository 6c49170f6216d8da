/**
 * Content scripts never need Upstream's storage, and a page's content-script world is the least trusted place the
 * extension runs in: storage.local (the user's stack, settings, notification state) and storage.session (tabs)
 * are kept to Upstream's own pages and worker. Chrome has `setAccessLevel` on both areas; Firefox only on
 * storage.session, whose default is already trusted contexts only (docs/PRIVACY.md says what that leaves).
 */
import browser from 'webextension-polyfill';
import { recordProblem } from './problems.ts';

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

export async function restrictStorageToExtension(): Promise<void> {
  const areas = [browser.storage.local, browser.storage.session] as unknown as AccessLevelArea[];
  for (const area of areas) {
    if (typeof area.setAccessLevel !== 'function') continue;
    try {
      await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch (error) {
      // Firefox refuses it for storage.local; anything else is worth knowing.
      if (area !== (browser.storage.local as unknown) || !/not supported|only supported/i.test(String(error))) await recordProblem('storage-access', error);
    }
  }
}
