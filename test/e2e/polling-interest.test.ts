import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { badge, openExtensionPage, tabIdFor, waitFor } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import { ALL_CLEAR } from './support/https-world.ts';

/** Every host a provider's status page is read from. */
function statusHostsOf(providerId: string): Set<string> {
  const provider = CATALOG.providers.find((candidate) => candidate.id === providerId)!;
  return new Set([new URL(provider.status.pageUrl).hostname, ...provider.status.aliases]);
}
const ALL_STATUS_HOSTS = new Set(CATALOG.providers.flatMap((provider) => [...statusHostsOf(provider.id)]));

/**
 * Status pages are read only for what the user needs: nothing on a fresh install, the providers of an open tab,
 * and a provider outside the stack only while its page in Upstream is open. Schedule minutes are two seconds.
 */
describe('reading only the status pages the user needs', () => {
  const world = useExtensionWorld();
  const statusRequests = (since: number, hosts: Set<string> = ALL_STATUS_HOSTS) =>
    world.server.world.log.filter((entry) => entry.at >= since && hosts.has(entry.host));

  it('makes no status request on a fresh install, reads a Notion tab’s providers, and never one nobody needs', async () => {
    const { context } = world.browser;
    // Three schedule minutes with no tab and an empty stack: not one status page is asked.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(statusRequests(0).map((entry) => `${entry.host}${entry.path}`)).toEqual([]);

    const since = Date.now();
    const notion = await context.newPage();
    await notion.goto('https://www.notion.so/');
    const tabId = await tabIdFor(context, 'www.notion.so');
    await waitFor(() => badge(context, tabId), (shown) => ALL_CLEAR.test(shown.title));
    // Polled for about a dozen schedule minutes with the tab open.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const index = new CatalogIndex(CATALOG);
    const notionProviders = new Set(index.providersOf(index.product('notion-ai')!).map((provider) => provider.id));
    expect(notionProviders).toContain('anthropic');
    const readHosts = new Set(statusRequests(since).map((entry) => entry.host));
    for (const providerId of notionProviders) expect([...statusHostsOf(providerId)].some((host) => readHosts.has(host))).toBe(true);
    const others = CATALOG.providers.filter((provider) => !notionProviders.has(provider.id));
    expect(others.flatMap((provider) => statusRequests(since, statusHostsOf(provider.id)))).toEqual([]);
    await notion.close();
  });

  it('reads a provider outside the stack when its page opens, and shows its level', async () => {
    const index = new CatalogIndex(CATALOG);
    expect(index.providersOf(index.product('notion-ai')!).map((provider) => provider.id)).not.toContain('fal');
    const fal = statusHostsOf('fal');
    expect(statusRequests(0, fal).map((entry) => `${entry.host}${entry.path}`)).toEqual([]);
    const since = Date.now();
    const page = await openExtensionPage(world.browser, { app: '/provider/fal' });
    await waitFor(async () => statusRequests(since, fal).length, (count) => count > 0);
    const pill = page.locator('.provider-page .page-head .pill');
    await waitFor(() => pill.getAttribute('class'), (value) => value === 'pill pill-operational');
    await page.close();
  });
});
