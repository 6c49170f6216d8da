import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { english } from '../../src/model/english.ts';
import type { MessageKey } from '../../src/model/i18n.ts';
import { CLAUDE_INCIDENT_TITLE } from '../fixtures/status/scenarios.ts';
import { CLAUDE_HISTORY_TITLES } from '../fixtures/status/history.ts';
import { axeViolations } from './support/axe.ts';
import { badge, evaluateInWorker, healthRecord, notificationIds, clearNotifications, openExtensionPage, openPopup, storedValue, tabIdFor, waitFor } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';

const INDEX = new CatalogIndex(CATALOG);
const shoot = process.env.UPDATE_SCREENSHOTS !== undefined;

/** axe-core in light and dark colour schemes, with every disclosure open so hidden content is checked too. */
async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    expect(await axeViolations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Tab alone reaches every visible control, in order, and no control traps the focus. */
async function expectKeyboardReachable(page: Page): Promise<void> {
  const count = await page.evaluate(() => {
    // checkVisibility: content inside a closed <details> is not rendered, so it is not expected to take focus.
    const controls = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, summary, [tabindex="0"]')].filter(
      (element) => !(element as HTMLButtonElement).disabled && element.checkVisibility(),
    );
    controls.forEach((element, index) => (element.dataset.kbd = String(index)));
    // Start from the top of the page: focus a marker before everything (not itself in the tab order).
    const start = document.createElement('span');
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    return controls.length;
  });
  expect(count).toBeGreaterThan(2);
  const reached: number[] = [];
  for (let press = 0; press < count + 3; press++) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbd);
    if (index !== undefined && !reached.includes(Number(index))) reached.push(Number(index));
  }
  expect(reached).toEqual([...Array(count).keys()]);
}

async function screenshot(page: Page, name: string, width = 1000): Promise<void> {
  if (!shoot) return;
  await page.setViewportSize({ width, height: 800 });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

const dependsOn = (productId: string, providerId: string) =>
  INDEX.product(productId)!.features.some((feature) => feature.dependencies.some((dep) => dep.provider === providerId));

/** The extension's screens in a real Chromium, during an Anthropic outage, used with the keyboard alone where it matters. */
describe('popup, catalog, provider page, my stack and options during an outage', () => {
  const world = useExtensionWorld();

  it('popup: shows the cached outage at once, what to do now, and pins with the keyboard', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const notion = await context.newPage();
    await notion.goto('https://www.notion.so/');
    const tabId = await tabIdFor(context, 'www.notion.so');
    server.setClaude('outage');
    await waitFor(() => badge(context, tabId), (b) => b.text === 'OUT');

    // The status page hangs mid-poll: the popup still shows what is known at once, and says it is reading.
    server.world.claudeFault = 'hang';
    const popup = await (async () => {
      try {
        await waitFor(async () => server.world.log.some((entry) => entry.host === 'status.claude.com' && entry.status === 0), Boolean);
        const opened = await openPopup(browser, tabId);
        await opened.getByText(CLAUDE_INCIDENT_TITLE).waitFor({ timeout: 3000 });
        await opened.getByText('Reading status pages…').waitFor({ timeout: 3000 });
        return opened;
      } finally {
        server.world.claudeFault = 'none';
      }
    })();

    const whatNow = popup.getByRole('region', { name: 'What to do now' });
    await whatNow.waitFor();
    const alternatives = await whatNow.getByRole('link').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).hash));
    expect(alternatives.length).toBeGreaterThan(0);
    for (const hash of alternatives) {
      const id = decodeURIComponent(hash.replace('#/product/', ''));
      expect(INDEX.product(id)?.category).toBe('productivity');
      expect(dependsOn(id, 'anthropic'), id).toBe(false);
    }

    const pin = popup.getByRole('button', { name: 'Pin to my stack' });
    await pin.focus();
    await popup.keyboard.press('Space');
    await expect.poll(() => popup.getByRole('button', { name: 'Pinned to my stack' }).getAttribute('aria-pressed')).toBe('true');
    expect(((await storedValue(context, 'stack')) as { pinned: string[] }).pinned).toEqual(['notion-ai']);
    // The hung read times out (and says so); once the page answers again, a fresh popup shows no read failure.
    await waitFor(() => healthRecord(context, 'anthropic'), (record) => record?.lastError?.kind === 'timeout');
    await waitFor(() => healthRecord(context, 'anthropic'), (record) => record?.lastError === null);
    await popup.reload();
    await popup.getByText(/^Status last checked/).waitFor();
    expect(await popup.locator('main').innerText()).not.toContain('The latest read of the status page failed');
    await screenshot(popup, 'popup-outage', 420);
    await expectKeyboardReachable(popup);
    await expectAccessible(popup);
    await popup.close();
  });

  it('catalog: search and filters by keyboard, then a product and its provider page', async () => {
    const { browser } = world;
    const page = await openExtensionPage(browser, { app: '/' });
    const search = page.getByRole('searchbox', { name: 'Search products, vendors or providers' });
    await search.focus();
    await page.keyboard.type('notion');
    await expect.poll(() => page.locator('.cards > li').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-product')))).toEqual(['notion-ai']);

    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('label')?.textContent)).toContain('Provider');
    await page.getByRole('combobox', { name: 'Provider' }).selectOption('anthropic');
    await page.getByRole('combobox', { name: 'Category' }).selectOption('coding');
    const coding = await page.locator('.cards > li').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-product')));
    expect(coding).toContain('cursor');
    expect(coding).not.toContain('notion-ai');
    for (const id of coding) expect(INDEX.product(id!)!.category).toBe('coding');
    const anyConfidence = coding.length;
    await page.getByRole('combobox', { name: 'Confidence' }).selectOption('high');
    const high = await page.locator('.cards > li').count();
    expect(high).toBeGreaterThan(0);
    expect(high).toBeLessThanOrEqual(anyConfidence);
    // Filters live in the URL: a reload keeps them.
    await page.reload();
    expect(await page.getByRole('combobox', { name: 'Category' }).inputValue()).toBe('coding');
    await screenshot(page, 'catalog');
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    // Enter on a product opens it; its heading takes the focus.
    await page.getByRole('link', { name: 'Cursor', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Cursor' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('button', { name: 'Pin to my stack' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Pinned to my stack' }).waitFor();
    await expectAccessible(page);

    // The provider page: live status, components, open incident, history, uptime and the reverse view.
    await page.locator('[data-provider="anthropic"] a').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Anthropic' }).waitFor();
    const provider = page.locator('.provider-page');
    await expect.poll(() => page.locator('[data-component="api"]').getAttribute('data-level')).toBe('major_outage');
    await page.getByRole('heading', { name: 'Open incidents' }).waitFor();
    const timeline = page.locator('.timeline');
    await timeline.getByText(CLAUDE_INCIDENT_TITLE).waitFor();
    // The status page's own recent incidents, fetched when the page opened.
    for (const title of CLAUDE_HISTORY_TITLES) await timeline.getByText(title).waitFor();
    expect(await page.locator('.uptime > li').count()).toBe(30);
    expect(await page.locator('.uptime > li').last().getAttribute('class')).toBe('bar bar-major_outage');
    const dependents = await provider.locator('.dependents li').evaluateAll((items) => items.map((item) => item.getAttribute('data-product')));
    expect(dependents).toEqual(expect.arrayContaining(['notion-ai', 'cursor', 'claude']));
    expect(dependents.length).toBe(CATALOG.products.filter((product) => dependsOn(product.id, 'anthropic')).length);
    // Per-provider notifications, right there: the same setting as in Options.
    const notify = page.getByRole('checkbox', { name: 'Notify me when Anthropic has trouble that affects my tools' });
    expect(await notify.isChecked()).toBe(true);
    await notify.focus();
    await page.keyboard.press('Space');
    const muted = async () => ((await storedValue(browser.context, 'settings')) as { notifications: { mutedProviders: string[] } }).notifications.mutedProviders;
    await expect.poll(muted).toEqual(['anthropic']);
    await page.keyboard.press('Space');
    await expect.poll(muted).toEqual([]);
    await screenshot(page, 'provider-outage');
    await expectKeyboardReachable(page);
    await expectAccessible(page);
    expect(await page.getByText('does not publish its incident history').count()).toBe(0);

    // About this data: each of the provider's catalog sources as a link to follow, with its summary, kind and date.
    const about = provider.locator('details.about');
    await about.evaluate((details) => ((details as HTMLDetailsElement).open = false));
    await about.locator('summary', { hasText: 'About this data' }).click();
    expect(await about.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    const { sources } = CATALOG.providers.find((entry) => entry.id === 'anthropic')!;
    const items = about.locator('li');
    const words = (prefix: string, id: string) => english(`${prefix}${id.replace(/-/g, '_')}` as MessageKey);
    expect(await items.count()).toBe(sources.length);
    for (const [index, source] of sources.entries()) {
      const item = items.nth(index);
      const link = item.getByRole('link', { name: source.summary, exact: true });
      expect(await link.getAttribute('href')).toBe(source.url);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await item.textContent()).toBe(`${source.summary} ${english('sourceMeta', words('sourceKind_', source.kind), words('dateKind_', source.dateKind), source.date)}`);
    }

    // A platform without a history endpoint (Instatus) says so instead of showing an empty list as all there is.
    await page.evaluate(() => (location.hash = '#/provider/fal'));
    await page.getByRole('heading', { level: 1, name: 'fal.ai' }).waitFor();
    await page.getByText('This status page does not publish its incident history').waitFor();
    await page.close();
  });

  it('my stack: shared single points of failure, and a backup plan in Markdown, CSV and JSON', async () => {
    const { browser } = world;
    const page = await openExtensionPage(browser, { app: '/stack' });
    const spof = page.getByRole('region', { name: 'Shared single points of failure' });
    await spof.getByText('2 of your tools depend on Anthropic').waitFor();
    await spof.getByText('2 of your tools depend on OpenAI').waitFor();
    expect(await page.locator('.tool').evaluateAll((tools) => tools.map((tool) => tool.getAttribute('data-product')))).toEqual(['cursor', 'notion-ai']);
    expect(await page.locator('.group[data-provider="anthropic"] .pill').textContent()).toBe('major outage');

    const markdown = await downloaded(page, 'Download Markdown report');
    expect(markdown).toContain('Notion AI');
    expect(markdown).toContain('Cursor');
    expect(markdown).toContain('2 of your tools depend on Anthropic');
    expect(markdown).toContain('https://status.claude.com');
    const csv = await downloaded(page, 'Download CSV');
    const rows = csv.trim().split('\r\n');
    const dependencyCount = ['notion-ai', 'cursor'].reduce((sum, id) => sum + INDEX.product(id)!.features.reduce((n, feature) => n + feature.dependencies.length, 0), 0);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.length - 1).toBeLessThanOrEqual(dependencyCount);
    expect(rows.filter((row) => row.includes('Anthropic')).length).toBeGreaterThanOrEqual(2);
    const json = JSON.parse(await downloaded(page, 'Download JSON')) as { products: { id: string; pinned: boolean; alternatives: { id: string }[] }[] };
    expect(json.products.map((product) => product.id)).toEqual(['cursor', 'notion-ai']);
    expect(json.products.every((product) => product.pinned)).toBe(true);
    for (const product of json.products) for (const alternative of product.alternatives) expect(dependsOn(alternative.id, 'anthropic')).toBe(false);
    await screenshot(page, 'my-stack');
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    // Forgetting a tool removes it, with the keyboard.
    await page.getByRole('button', { name: 'Forget Cursor' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tool').count()).toBe(1);
    await page.close();
  });

  it('options: polling, notifications and retention are stored and applied at once; history can be cleared', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const tabId = await tabIdFor(context, 'www.notion.so');
    const page = await openExtensionPage(browser, 'options');
    await page.getByRole('heading', { level: 1, name: 'Options' }).waitFor();
    await screenshot(page, 'options');
    await expectKeyboardReachable(page);
    await expectAccessible(page);

    // Slower background polling: providers needed but not by an open tab (here Cohere, whose page in Upstream is
    // open) are rescheduled at once (a schedule minute is 2 s here).
    const coherePage = await openExtensionPage(browser, { app: '/provider/cohere' });
    await waitFor(() => healthRecord(context, 'cohere'), (record) => Boolean(record?.lastAttemptAt), 30_000);
    const background = page.getByLabel('Read the providers of my stack every (minutes)');
    await background.fill('60');
    await background.press('Tab');
    await expect.poll(async () => ((await storedValue(context, 'settings')) as { polling: { backgroundMinutes: number } } | undefined)?.polling.backgroundMinutes).toBe(60);
    const gap = await waitFor(
      () =>
        evaluateInWorker(context, async () => {
          const open = indexedDB.open('upstream');
          await new Promise((resolve) => (open.onsuccess = resolve));
          const read = (store: string, key: string) =>
            new Promise<{ nextPollAt?: number; lastAttemptAt?: string } | undefined>((resolve) => {
              const request = open.result.transaction(store).objectStore(store).get(key);
              request.onsuccess = () => resolve(request.result as never);
            });
          const [state, record] = await Promise.all([read('poll-state', 'cohere'), read('health', 'cohere')]);
          open.result.close();
          return state?.nextPollAt !== undefined && record?.lastAttemptAt ? state.nextPollAt - Date.parse(record.lastAttemptAt) : 0;
        }, undefined),
      (ms) => ms >= 60 * 2000,
    );
    expect(gap).toBeLessThanOrEqual(60 * 2000 * 1.2 + 1000);
    await coherePage.close();

    // Maintenance notifications turned on apply to the next transition (after the outage has ended and its
    // recovery was notified; a new episode waits out the per-provider window, 15 schedule minutes = 30 s here).
    server.setClaude('allclear');
    await waitFor(() => notificationIds(context), (ids) => ids.length === 1, 30_000);
    await clearNotifications(context);
    // With the keyboard: focus the checkbox, Space toggles it.
    await page.getByRole('checkbox', { name: 'Planned maintenance' }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Planned maintenance' }).isChecked()).toBe(true);
    server.setClaude('maintenance');
    await waitFor(() => notificationIds(context), (ids) => ids.length === 1, 45_000);

    // A muted provider stays quiet, even when its maintenance turns into an outage.
    await clearNotifications(context);
    await page.getByRole('checkbox', { name: 'Anthropic' }).uncheck();
    await expect.poll(async () => ((await storedValue(context, 'settings')) as { notifications: { mutedProviders: string[] } }).notifications.mutedProviders).toEqual(['anthropic']);
    server.setClaude('outage');
    await waitFor(() => badge(context, tabId), (b) => b.text === 'OUT');
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await notificationIds(context)).toEqual([]);

    // Retention shortened: older history goes now. A row from 30 days ago is kept for 90 days, not for 7.
    const oldRowAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const olderThanAWeek = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await evaluateInWorker(context, async (at) => {
      const open = indexedDB.open('upstream');
      await new Promise((resolve) => (open.onsuccess = resolve));
      const tx = open.result.transaction('status-events', 'readwrite');
      tx.objectStore('status-events').add({ providerId: 'anthropic', componentId: null, componentName: null, at, from: 'operational', to: 'degraded' });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      open.result.close();
    }, oldRowAt);
    const countOld = () =>
      evaluateInWorker(context, async (before) => {
        const open = indexedDB.open('upstream');
        await new Promise((resolve) => (open.onsuccess = resolve));
        const request = open.result.transaction('status-events').objectStore('status-events').index('by-at').count(IDBKeyRange.upperBound(before));
        const count = await new Promise<number>((resolve) => (request.onsuccess = () => resolve(request.result)));
        open.result.close();
        return count;
      }, olderThanAWeek);
    expect(await countOld()).toBe(1);
    const retention = page.getByLabel('Keep history for (days)');
    await retention.fill('7');
    await retention.press('Tab');
    await waitFor(countOld, (count) => count === 0);

    // Clear history, confirmed.
    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Delete all readings and history' }).click();
    await page.getByText('History cleared.').waitFor();
    await page.close();
  });
});
