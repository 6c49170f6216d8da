import { describe, expect, it } from 'vitest';
import { CLAUDE_INCIDENT_TITLE, CLAUDE_LATEST_UPDATE } from '../fixtures/status/scenarios.ts';
import { badge, inWorker, openPopup, tabIdFor, waitFor } from './support/browser.ts';
import { axeViolations } from './support/axe.ts';
import { useExtensionWorld } from './support/harness.ts';
import { ALL_CLEAR } from './support/https-world.ts';

/**
 * A Notion tab while Anthropic has a Claude API outage, in a real Chromium.
 */
describe('when Anthropic is down, a Notion tab says so', () => {
  const world = useExtensionWorld();

  it('plays all clear → outage → resolved, and leaves an unrelated tab alone', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const notion = await context.newPage();
    await notion.goto('https://www.notion.so/');
    const news = await context.newPage();
    await news.goto('https://www.example.com/');
    const notionTab = await tabIdFor(context, 'www.notion.so');
    const newsTab = await tabIdFor(context, 'www.example.com');

    // All clear: once both pages are read, no badge; the title names the providers.
    const clear = await waitFor(() => badge(context, notionTab), (b) => ALL_CLEAR.test(b.title));
    expect(clear.text).toBe('');
    expect(clear.title).toMatch(ALL_CLEAR);
    expect(await badge(context, newsTab)).toEqual({ text: '', title: 'Upstream' });
    // A page with nothing of the catalog's on it never messages the worker (its content script stays silent through
    // its reads): the tab is known by the address the browser gave when it navigated, and by nothing else.
    await news.waitForTimeout(2500);
    const newsRecord = await inWorker(context, async (id: number) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { navigatedAt?: number; report: { path: string } }, newsTab);
    expect(newsRecord.navigatedAt).toEqual(expect.any(Number));
    expect(newsRecord.report.path).toBe('/');

    // The Claude API goes down with an incident: the badge warns after the next poll.
    server.setClaude('outage');
    const warned = await waitFor(() => badge(context, notionTab), (b) => b.text !== '');
    expect(warned).toEqual({ text: 'OUT', title: 'Upstream\nNotion AI → Anthropic: major outage' });
    expect(await badge(context, newsTab)).toEqual({ text: '', title: 'Upstream' });

    const popup = await openPopup(browser, notionTab);
    await popup.getByText(CLAUDE_INCIDENT_TITLE).waitFor();
    const text = await popup.locator('main').innerText();
    expect(text).toContain('Notion AI runs on Anthropic, OpenAI, ');
    expect(text).toContain('Anthropic: major outage on the Claude API');
    expect(text).toContain(CLAUDE_LATEST_UPDATE);
    expect(await popup.getByRole('link', { name: CLAUDE_INCIDENT_TITLE }).getAttribute('href')).toBe('https://stspg.io/upstrm0');
    expect(await popup.locator('[data-provider="openai"]').getAttribute('data-level')).toBe('operational');
    // The popup during an outage, in light and dark colour schemes, passes axe-core.
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await popup.locator('details').first().evaluate((details) => ((details as HTMLDetailsElement).open = true));
      expect(await axeViolations(popup)).toEqual([]);
    }
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.close();

    // Anthropic resolves it: the badge clears.
    server.setClaude('resolved');
    const cleared = await waitFor(() => badge(context, notionTab), (b) => b.text === '');
    expect(cleared.title).toMatch(ALL_CLEAR);
    expect(await badge(context, newsTab)).toEqual({ text: '', title: 'Upstream' });
  });
});
