/**
 * Time from a provider posting a major outage to the badge of an open tab that depends on it, in real
 * Chromium with the shipped schedule (no test speed-up): Anthropic's page flips at a random moment, and we
 * wait for the Notion tab's badge to say OUT.
 */
import { badge, launchWithExtension, tabIdFor, waitFor } from '../test/e2e/support/browser.ts';
import { ALL_CLEAR, ALL_HOSTS, startHttpsWorld } from '../test/e2e/support/https-world.ts';
import { summarize, type Timing } from './stats.ts';

export async function measureBadgeLatency(samples: number): Promise<{ timing: Timing; samples: number[] }> {
  const server = await startHttpsWorld();
  const browser = await launchWithExtension(ALL_HOSTS, server.port);
  const latencies: number[] = [];
  try {
    const notion = await browser.context.newPage();
    await notion.goto('https://www.notion.so/');
    const tab = await tabIdFor(browser.context, 'www.notion.so');
    await waitFor(() => badge(browser.context, tab), (b) => ALL_CLEAR.test(b.title), 120_000);
    for (let i = 0; i < samples; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50_000));
      server.setClaude('outage');
      const start = Date.now();
      await waitFor(() => badge(browser.context, tab), (b) => b.text === 'OUT', 180_000);
      latencies.push((Date.now() - start) / 1000);
      server.setClaude('resolved');
      await waitFor(() => badge(browser.context, tab), (b) => b.text === '', 180_000);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { timing: summarize(latencies), samples: latencies };
}
