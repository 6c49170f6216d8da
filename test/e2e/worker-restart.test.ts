import { describe, expect, it } from 'vitest';
import { badge, healthRecord, tabIdFor, waitFor } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import { ALL_CLEAR } from './support/https-world.ts';

/**
 * The MV3 worker can be stopped at any moment. Kill it while a poll is waiting on the network: nothing it had
 * stored is lost, and the next alarm (which starts a new worker) completes the work.
 */
describe('the worker terminated in the middle of a poll', () => {
  const world = useExtensionWorld();

  it('loses no state, and the next alarm completes the poll', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const notion = await context.newPage();
    await notion.goto('https://www.notion.so/');
    const notionTab = await tabIdFor(context, 'www.notion.so');
    await waitFor(() => badge(context, notionTab), (b) => ALL_CLEAR.test(b.title));
    const before = await healthRecord(context, 'anthropic');

    // The next read of status.claude.com hangs; once it is in flight, close the worker's target.
    server.world.claudeFault = 'hang';
    const hangingSince = Date.now();
    await waitFor(
      async () => server.world.log.some((entry) => entry.host === 'status.claude.com' && entry.status === 0 && entry.at >= hangingSince),
      (seen) => seen,
    );
    const cdp = await context.newCDPSession(notion);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${browser.extensionId}/`));
    expect(worker).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
    await cdp.detach();

    // Meanwhile Anthropic posts an outage and its page answers again.
    server.setClaude('outage');
    server.world.claudeFault = 'none';

    // A new worker is started by the next alarm: the badge turns without any page activity.
    const warned = await waitFor(() => badge(context, notionTab), (b) => b.text === 'OUT', 30_000);
    expect(warned.title).toBe('Upstream\nNotion AI → Anthropic: major outage');
    const after = await healthRecord(context, 'anthropic');
    expect(after?.health?.level).toBe('major_outage');
    expect(after?.consecutiveFailures).toBe(0);
    expect(Date.parse(after!.health!.fetchedAt)).toBeGreaterThan(Date.parse(before!.health!.fetchedAt));
    // The tab's product survived in storage.session (the badge could only be painted from it).
    expect(await tabIdFor(context, 'www.notion.so')).toBe(notionTab);
  });
});
