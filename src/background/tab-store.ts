import browser from 'webextension-polyfill';

/** What the worker remembers about a tab; in storage.session so it survives the worker, not the browser. */
export interface TabRecord {
  hostname: string;
  productIds: string[];
}

const PREFIX = 'tab:';

export async function writeTab(tabId: number, record: TabRecord): Promise<void> {
  await browser.storage.session.set({ [`${PREFIX}${tabId}`]: record });
}

export async function readTab(tabId: number): Promise<TabRecord | undefined> {
  const key = `${PREFIX}${tabId}`;
  return (await browser.storage.session.get(key))[key] as TabRecord | undefined;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(`${PREFIX}${tabId}`);
}

export async function readAllTabs(): Promise<Map<number, TabRecord>> {
  const all = await browser.storage.session.get(null);
  const tabs = new Map<number, TabRecord>();
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(PREFIX)) tabs.set(Number(key.slice(PREFIX.length)), value as TabRecord);
  }
  return tabs;
}
