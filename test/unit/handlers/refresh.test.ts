import { EXTENSION_PAGE, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll, pruneHistory, readHealthRecords, writePollResult, writePollStates } from '../../../src/background/db.ts';
import { emptyRecord } from '../../../src/health/record.ts';
import { refreshDue } from '../../../src/background/handlers/refresh-due.ts';
import { refreshNow } from '../../../src/background/handlers/refresh-now.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { allClearFetcher } from '../../support/all-clear-fetcher.ts';
import { noteShown } from '../../../src/background/interest.ts';
import { testContext } from '../../support/worker-context.ts';

/** The catalog page is open: every provider is shown, so every one is needed. */
const showEveryProvider = (now: Date) =>
  noteShown(
    CATALOG.providers.map((provider) => provider.id),
    now,
  );

const hosts = (urls: string[]) => new Set(urls.map((url) => new URL(url).hostname));

describe('refresh-due and refresh-now', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('are for Upstream’s own pages only', () => {
    expect(refreshDue.callers).toEqual(['extension-page']);
    expect(refreshNow.callers).toEqual(['extension-page']);
  });

  it('refresh-due reads only what is due; refresh-now every page the user needs; neither one nobody needs', async () => {
    const now = new Date();
    const unneeded = allClearFetcher(now);
    await refreshNow.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: unneeded }));
    expect(unneeded.requested).toEqual([]);
    await showEveryProvider(now);
    const later = now.getTime() + 3_600_000;
    // Every provider but Anthropic is not due for an hour.
    await writePollStates(CATALOG.providers.map((provider) => ({ providerId: provider.id, nextPollAt: provider.id === 'anthropic' ? 0 : later })));
    const due = allClearFetcher(now);
    expect(await refreshDue.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: due }))).toEqual({ ok: true, value: null });
    expect(hosts(due.requested)).toEqual(new Set(['status.claude.com']));

    const all = allClearFetcher(now);
    expect(await refreshNow.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: all }))).toEqual({ ok: true, value: null });
    expect(hosts(all.requested).size).toBeGreaterThanOrEqual(CATALOG.providers.length - 2);
    expect((await readHealthRecords()).size).toBe(CATALOG.providers.length);
  });

  it('a "Check now" during a poll already running is not lost: it reads everything once that poll ends', async () => {
    const now = new Date();
    await showEveryProvider(now);
    await writePollStates(CATALOG.providers.map((provider) => ({ providerId: provider.id, nextPollAt: now.getTime() + 3_600_000 })));
    const first = allClearFetcher(now);
    const forced = allClearFetcher(now);
    // An ordinary poll (nothing due) starts, and "Check now" arrives while it runs.
    const ordinary = refreshDue.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: first }));
    const checkNow = refreshNow.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: forced }));
    await Promise.all([ordinary, checkNow]);
    expect(first.requested).toEqual([]);
    expect(hosts(forced.requested).size).toBeGreaterThanOrEqual(CATALOG.providers.length - 2);
  });

  it('a "Check now" while a long history is pruned reads the status pages before the pruning ends', async () => {
    const now = new Date();
    await showEveryProvider(now);
    const old = (n: number) => new Date(now.getTime() - 400 * 86_400_000 + n * 1000).toISOString();
    const events = Array.from({ length: 20_000 }, (_, n) => ({ providerId: 'openai', componentId: null, componentName: null, at: old(n), from: null, to: 'operational' as const }));
    await writePollResult(emptyRecord('openai'), { providerId: 'openai', nextPollAt: 0 }, events, []);
    let pruned = false;
    let readDuringPruning = false;
    const pruning = pruneHistory(new Date(now.getTime() - 90 * 86_400_000), 200).then(() => (pruned = true));
    // An alarm's poll is under way (its writes meet the pruning) when the user asks to check now.
    const ordinary = refreshDue.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: allClearFetcher(now) }));
    const forced = allClearFetcher(now);
    const text = forced.text;
    forced.text = (url) => {
      if (!pruned) readDuringPruning = true;
      return text(url);
    };
    await Promise.all([pruning, ordinary, refreshNow.handle({}, EXTENSION_PAGE, testContext({ now, fetcher: forced }))]);
    expect(readDuringPruning).toBe(true);
  }, 60_000);
});
