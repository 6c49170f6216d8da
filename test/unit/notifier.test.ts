import { fakeBrowser, resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseStatuspageSummary } from '../../src/status/adapters/atlassian-statuspage.ts';
import type { HealthRecord } from '../../src/health/record.ts';
import { english } from '../../src/model/english.ts';
import { DEFAULT_SETTINGS } from '../../src/protocol/settings.ts';
import { claudeSummary, type Scenario } from '../fixtures/status/scenarios.ts';
import { testContext } from '../support/worker-context.ts';

const { notifyStack, openFromNotification } = await import('../../src/background/notifier.ts');

const NOW = new Date('2026-11-24T12:00:00Z');
const stack = { visits: { 'notion-ai': NOW.toISOString() }, pinned: [] };

function claude(scenario: Scenario, at: Date): Map<string, HealthRecord> {
  const read = parseStatuspageSummary(claudeSummary(scenario, at), 'https://status.claude.com', at);
  if (!read.ok) throw new Error('fixture must parse');
  return new Map([['anthropic', { providerId: 'anthropic', health: read.health, lastAttemptAt: at.toISOString(), lastError: null, consecutiveFailures: 0 }]]);
}

const shown = () => Object.values(fakeBrowser.notifications.getAllCreateOptions()) as { title: string; message: string; iconUrl: string }[];

describe('the notifier shell', () => {
  beforeEach(() => {
    resetBrowser();
  });

  it('shows what the planner decided, with the tool, the provider, the level and the incident, once', async () => {
    await notifyStack(testContext({ stack, records: claude('allclear', NOW), settings: DEFAULT_SETTINGS, now: NOW }));
    expect(shown()).toEqual([]);
    const later = new Date(NOW.getTime() + 60_000);
    await notifyStack(testContext({ stack, records: claude('outage', later), settings: DEFAULT_SETTINGS, now: later }));
    expect(shown()).toEqual([
      expect.objectContaining({ title: 'Anthropic: major outage', message: 'Affects Notion AI · Claude API unavailable', iconUrl: expect.stringContaining('icons/icon-128.png') }),
    ]);
    // The decision is stored: a second worker life does not repeat it.
    await fakeBrowser.notifications.clear(Object.keys(fakeBrowser.notifications.getAllCreateOptions())[0]!);
    const again = new Date(later.getTime() + 60_000);
    await notifyStack(testContext({ stack, records: claude('outage', again), settings: DEFAULT_SETTINGS, now: again }));
    expect(shown()).toEqual([]);
    const resolved = new Date(again.getTime() + 60_000);
    await notifyStack(testContext({ stack, records: claude('resolved', resolved), settings: DEFAULT_SETTINGS, now: resolved }));
    expect(shown()).toEqual([expect.objectContaining({ title: 'Anthropic is operational again', message: 'Notion AI should work again' })]);
  });

  it('records a notification the browser refused to show, where Options lists it', async () => {
    const { readProblems } = await import('../../src/background/problems.ts');
    const create = fakeBrowser.notifications.create;
    fakeBrowser.notifications.create = () => {
      throw new Error('Notifications are blocked');
    };
    try {
      await notifyStack(testContext({ stack, records: claude('outage', NOW), settings: DEFAULT_SETTINGS, now: NOW }));
    } finally {
      fakeBrowser.notifications.create = create;
    }
    expect(await readProblems()).toEqual([expect.objectContaining({ kind: 'notification', detail: 'Notifications are blocked' })]);
  });

  it('records once, not per notification, that the browser has notifications turned off for Upstream', async () => {
    const { readProblems } = await import('../../src/background/problems.ts');
    const permission = { level: 'denied' };
    // Answered both ways the worker's binding may ask: by callback (the polyfill) or by promise.
    fakeBrowser.notifications.getPermissionLevel = ((callback?: (level: string) => void) => {
      callback?.(permission.level);
      return Promise.resolve(permission.level);
    }) as typeof fakeBrowser.notifications.getPermissionLevel;
    const poll = async (minutes: number, scenario: Scenario) => {
      const at = new Date(NOW.getTime() + minutes * 60_000);
      await notifyStack(testContext({ stack, records: claude(scenario, at), settings: DEFAULT_SETTINGS, now: at }));
    };
    await poll(0, 'outage');
    await poll(1, 'resolved');
    // Two notifications the browser took and did not show (the recovery replaces the outage's), one problem.
    expect(shown()).toEqual([expect.objectContaining({ title: 'Anthropic is operational again' })]);
    const denied = (await readProblems()).filter((problem) => problem.kind === 'notification');
    expect(denied).toEqual([{ at: expect.any(String), kind: 'notification', detail: english('problemNotificationsDenied') }]);
    // Turned on, then off again: recorded again.
    permission.level = 'granted';
    await poll(100, 'outage');
    permission.level = 'denied';
    await poll(200, 'resolved');
    expect((await readProblems()).filter((problem) => problem.kind === 'notification')).toHaveLength(2);
  });

  it('stays quiet when notifications are off', async () => {
    const off = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, enabled: false } };
    await notifyStack(testContext({ stack, records: claude('outage', NOW), settings: off, now: NOW }));
    expect(shown()).toEqual([]);
  });

  it('a click opens that provider’s page in Upstream and dismisses the notification', async () => {
    await notifyStack(testContext({ stack, records: claude('outage', NOW), settings: DEFAULT_SETTINGS, now: NOW }));
    const [id] = Object.keys(fakeBrowser.notifications.getAllCreateOptions());
    await openFromNotification(testContext(), id!);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContainEqual(expect.stringMatching(/src\/ui\/app\/index\.html#\/provider\/anthropic$/));
    expect(shown()).toEqual([]);
    // Someone else's notification id opens nothing.
    await openFromNotification(testContext(), 'not-ours');
    expect((await fakeBrowser.tabs.query({})).length).toBe(tabs.length);
  });
});
