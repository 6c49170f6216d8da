import { describe, expect, it } from 'vitest';
import { notificationProvider } from '../../src/health/notify.ts';
import { badge, clearNotifications, notificationIds, storedValue, tabIdFor, waitFor } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import { ALL_CLEAR } from './support/https-world.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Warnings in a real Chromium: every badge state with its title, and notifications for the user's stack
 * (Notion AI, visited in this profile) on a transition, once per incident, and on recovery.
 */
describe('badge and notifications follow the user’s stack through an Anthropic incident', () => {
  const world = useExtensionWorld();

  it('notifies on degraded, again only for a new incident, and on recovery; never per poll', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const notion = await context.newPage();
    await notion.goto('https://www.notion.so/');
    const tabId = await tabIdFor(context, 'www.notion.so');
    await waitFor(() => badge(context, tabId), (b) => ALL_CLEAR.test(b.title));
    // Visiting Notion put Notion AI in the stack: product ids and a time only.
    const stack = (await storedValue(context, 'stack')) as { visits: Record<string, string> };
    expect(Object.keys(stack.visits)).toEqual(['notion-ai']);
    expect(await notificationIds(context)).toEqual([]);

    server.setClaude('degraded');
    const degraded = await waitFor(() => badge(context, tabId), (b) => b.text !== '');
    expect(degraded).toEqual({ text: '!', title: 'Upstream\nNotion AI → Anthropic: degraded performance' });
    const [first] = await waitFor(() => notificationIds(context), (ids) => ids.length === 1);
    expect(notificationProvider(first!)).toBe('anthropic');

    // Several more polls of the same incident: still that one notification. Dismissed, it does not come back.
    await sleep(6000);
    expect(await notificationIds(context)).toEqual([first]);
    await clearNotifications(context);
    await sleep(6000);
    expect(await notificationIds(context)).toEqual([]);

    // Escalation with a new incident: a new alert.
    server.setClaude('outage');
    await waitFor(() => badge(context, tabId), (b) => b.text === 'OUT');
    const [escalated] = await waitFor(() => notificationIds(context), (ids) => ids.length === 1);
    expect(notificationProvider(escalated!)).toBe('anthropic');

    // Recovery: the badge clears and a recovery notification is shown (dismissed the outage one first, so what
    // appears is new; it takes the outage notification's place on screen).
    await clearNotifications(context);
    server.setClaude('resolved');
    await waitFor(() => badge(context, tabId), (b) => b.text === '');
    const [recovery] = await waitFor(() => notificationIds(context), (all) => all.length === 1);
    expect(notificationProvider(recovery!)).toBe('anthropic');
  });

  it('shows maintenance and unknown on the badge, in words, and keeps quiet about maintenance by default', async () => {
    const { server, browser } = world;
    const { context } = browser;
    const tabId = await tabIdFor(context, 'www.notion.so');
    await clearNotifications(context);

    server.setClaude('maintenance');
    const maintenance = await waitFor(() => badge(context, tabId), (b) => b.text !== '');
    expect(maintenance).toEqual({ text: 'MNT', title: 'Upstream\nNotion AI → Anthropic: under maintenance' });
    await sleep(4000);
    expect(await notificationIds(context)).toEqual([]);

    // The status page fails three reads in a row: the badge says it does not know, rather than showing old news.
    server.world.claudeFault = 'http-500';
    const unknown = await waitFor(() => badge(context, tabId), (b) => b.text === '?', 40_000);
    expect(unknown.title).toBe('Upstream\nNotion AI → Anthropic: status unknown');
    expect(await notificationIds(context)).toEqual([]);

    server.world.claudeFault = 'none';
    server.setClaude('allclear');
    const clear = await waitFor(() => badge(context, tabId), (b) => b.text === '', 40_000);
    expect(clear.title).toMatch(ALL_CLEAR);
  });
});
