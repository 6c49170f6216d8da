import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll, readHealthRecord } from '../../src/background/db.ts';
import { pollDue } from '../../src/background/poller.ts';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { interestOf } from '../../src/stack/interest.ts';
import { allClearFetcher } from '../support/all-clear-fetcher.ts';
import { resetBrowser } from '../support/fake-extension.ts';
import { testContext } from '../support/worker-context.ts';

const index = new CatalogIndex(CATALOG);
const interest = interestOf(index, { tabProducts: [], stackProducts: [], shownProviders: ['anthropic'] });

/** A context whose poll fails before reading anything, released when the test says so. */
function failingContext(now: Date) {
  let fail!: () => void;
  const gate = new Promise<never>((_, reject) => {
    fail = () => reject(new Error('storage refused'));
  });
  return { ctx: { ...testContext({ now }), schedule: () => gate }, fail };
}

describe('pollDue', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('runs a forced poll asked during a poll that fails, and forced polls after it still run', async () => {
    const now = new Date();
    const failing = failingContext(now);
    const running = pollDue(failing.ctx, interest);
    const direct = allClearFetcher(now);
    const forced = pollDue(testContext({ now, fetcher: direct }), interest, true);
    failing.fail();
    await expect(running).rejects.toThrow('storage refused');
    await forced;
    expect(direct.requested.some((url) => new URL(url).hostname === 'status.claude.com')).toBe(true);
    expect((await readHealthRecord('anthropic'))?.health?.level).toBe('operational');

    const again = failingContext(now);
    const second = pollDue(again.ctx, interest);
    const later = allClearFetcher(now);
    const laterForced = pollDue(testContext({ now, fetcher: later }), interest, true);
    again.fail();
    await expect(second).rejects.toThrow('storage refused');
    await laterForced;
    expect(later.requested.some((url) => new URL(url).hostname === 'status.claude.com')).toBe(true);
  });
});
