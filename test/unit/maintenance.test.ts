import { fakeBrowser, resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
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
});
