import { browser } from '../../platform/browser.ts';
import { CACHED_TAB_VIEW_PREFIX, type TabView } from '../../protocol/views.ts';

/**
 * The tab's view as the worker last painted it, or null. Written by the worker only (storage is closed to web
 * pages' scripts), but possibly by an older version: anything not shaped like a view is ignored.
 */
export async function cachedTabView(tabId: number): Promise<TabView | null> {
  try {
    const key = `${CACHED_TAB_VIEW_PREFIX}${tabId}`;
    const stored: unknown = (await browser.storage.session.get(key))[key];
    const view = stored as Partial<TabView> | undefined;
    return view && view.tabId === tabId && Array.isArray(view.products) && typeof view.data === 'object' ? (view as TabView) : null;
  } catch {
    return null;
  }
}
