import { EXTENSION_PAGE, fakeBrowser, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll, readHealthRecords, writePollResult } from '../../../src/background/db.ts';
import { clearHistory } from '../../../src/background/handlers/clear-history.ts';
import { emptyRecord } from '../../../src/health/record.ts';
import { noteShown } from '../../../src/background/interest.ts';
import { testContext } from '../../support/worker-context.ts';

describe('clear-history', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('is for Upstream’s own pages only', () => {
    expect(clearHistory.callers).toEqual(['extension-page']);
  });

  it('forgets every reading and re-arms the poll alarms', async () => {
    await writePollResult({ ...emptyRecord('anthropic'), lastAttemptAt: new Date().toISOString() }, { providerId: 'anthropic', nextPollAt: 0 }, [], []);
    expect((await readHealthRecords()).size).toBe(1);
    expect(await clearHistory.handle({}, EXTENSION_PAGE, testContext())).toEqual({ ok: true, value: null });
    expect((await readHealthRecords()).size).toBe(0);
    // Nothing is needed (no tab, no stack, no page shown): no poll is scheduled, only the watchdog.
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).sort()).toEqual(['poll-watchdog', 'prune-history']);
    await noteShown(['anthropic'], new Date());
    await clearHistory.handle({}, EXTENSION_PAGE, testContext());
    expect((await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).sort()).toEqual(['poll-next', 'poll-watchdog', 'prune-history']);
  });
});
