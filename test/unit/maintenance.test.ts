import { fakeBrowser, resetBrowser } from '../support/fake-extension.ts';
import browser from 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PRUNE_RESUME_ALARM } from '../../src/background/alarms.ts';
import { clearAll, readStatusEvents, writePollResult } from '../../src/background/db.ts';
import { pruneToRetention } from '../../src/background/maintenance.ts';
import { emptyRecord } from '../../src/health/record.ts';
import { testContext } from '../support/worker-context.ts';

describe('pruning to the retention window', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('holds an alarm to resume while it runs, and clears it once done', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    const event = (at: string) => ({ providerId: 'openai', componentId: null, componentName: null, at, from: null, to: 'operational' as const });
    await writePollResult(emptyRecord('openai'), { providerId: 'openai', nextPollAt: 0 }, [event(daysAgo(200)), event(daysAgo(1))], []);
    const getAll = fakeBrowser.alarms.getAll.bind(fakeBrowser.alarms);
    const pruning = pruneToRetention(testContext({ now }));
    // The alarm is created before the first batch: a worker stopped from here on wakes again to go on.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const armedDuringPruning = (await getAll()).some((alarm) => alarm.name === PRUNE_RESUME_ALARM);
    await pruning;
    expect(armedDuringPruning).toBe(true);
    expect((await getAll()).map((alarm) => alarm.name)).not.toContain(PRUNE_RESUME_ALARM);
    expect((await readStatusEvents('openai')).map((e) => e.at)).toEqual([daysAgo(1)]);
  });

  it('runs one pruning at a time: one asked for meanwhile starts after it, and the resume alarm is pushed back after every batch', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 200 * 86_400_000).toISOString();
    await writePollResult(emptyRecord('openai'), { providerId: 'openai', nextPollAt: 0 }, [{ providerId: 'openai', componentId: null, componentName: null, at: old, from: null, to: 'operational' }], []);
    const calls: string[] = [];
    // Watched where the worker calls them (the polyfill keeps its own wrappers of the fake's functions).
    const create = vi.spyOn(browser.alarms, 'create').mockImplementation(async (name) => void calls.push(`arm ${String(name)}`));
    const clear = vi.spyOn(browser.alarms, 'clear').mockImplementation(async (name) => (calls.push(`clear ${String(name)}`), true));
    const ctx = testContext({ now });
    await Promise.all([pruneToRetention(ctx), pruneToRetention(ctx), pruneToRetention(ctx)]);
    const resume = (verb: string) => `${verb} ${PRUNE_RESUME_ALARM}`;
    // The first pruning arms, pushes the alarm back after its one batch, and clears; the two asked for meanwhile
    // are one more pruning, after it, which finds nothing left.
    expect(calls).toEqual([resume('arm'), resume('arm'), resume('clear'), resume('arm'), resume('clear')]);
    expect(await readStatusEvents('openai')).toEqual([]);
    create.mockRestore();
    clear.mockRestore();
  });
});
