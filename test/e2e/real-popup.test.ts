import { describe, expect, it } from 'vitest';
import { badge, tabIdFor, waitFor } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import { ALL_CLEAR } from './support/https-world.ts';
import { closeRealPopup, connectDebugger, DEBUGGING_PORT_ARGS, openRealPopup } from './support/real-popup.ts';

/**
 * The popup as Upstream's toolbar button opens it, with no tab named in its address: it shows the tab the user is
 * looking at, the view the worker last painted for it first.
 */
describe('the popup opened from the toolbar', () => {
  const world = useExtensionWorld({ extraArgs: DEBUGGING_PORT_ARGS });

  it('shows the active tab: Notion AI on the Notion tab, no product on a news page', async () => {
    const { browser } = world;
    const client = await connectDebugger(browser);
    try {
      const notion = await browser.context.newPage();
      await notion.goto('https://www.notion.so/');
      const news = await browser.context.newPage();
      await news.goto('https://www.example.com/');
      const notionTab = await tabIdFor(browser.context, 'www.notion.so');
      await waitFor(() => badge(browser.context, notionTab), (shown) => ALL_CLEAR.test(shown.title));

      const overNotion = await openRealPopup(browser, client, notion);
      await overNotion.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Notion AI runs on Anthropic'));
      await closeRealPopup(browser, overNotion);

      const overNews = await openRealPopup(browser, client, news);
      await overNews.waitForFunction(() => document.querySelector('main')?.textContent?.includes('No AI product Upstream knows of runs on www.example.com.'));
      expect(await overNews.evaluate(() => document.querySelector('main')?.textContent ?? '')).not.toContain('Notion AI');
      await closeRealPopup(browser, overNews);
    } finally {
      await client.disconnect();
    }
  });
});
