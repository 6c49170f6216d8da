import { EXTENSION_PAGE, fakeBrowser, pageSender, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { refreshBadge } from '../../../src/background/badge.ts';
import { getProblems } from '../../../src/background/handlers/get-problems.ts';
import { pageReport } from '../../../src/background/handlers/page-report.ts';
import { MAX_PROBLEMS, recordProblem } from '../../../src/background/problems.ts';
import { clearAll } from '../../../src/background/db.ts';
import { testContext } from '../../support/worker-context.ts';

const notionReport = { hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 0, scripts: [], iframes: [], dom: [], meta: [] };

describe('get-problems', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('is for Upstream’s own pages only', () => {
    expect(getProblems.callers).toEqual(['extension-page']);
  });

  it('lists a badge the browser refused to paint on an open tab, with the browser’s words', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://www.notion.so/' });
    await pageReport.handle(notionReport, pageSender(tab.id!, 'www.notion.so'), testContext());
    fakeBrowser.action.setBadgeText = () => Promise.reject(new Error('Badge text is too long'));
    await refreshBadge(testContext(), tab.id!);
    const reply = await getProblems.handle({}, EXTENSION_PAGE, testContext());
    expect(reply).toMatchObject({ ok: true, value: [{ kind: 'badge', detail: 'Badge text is too long' }] });
  });

  it('does not count a tab that closed meanwhile as a problem', async () => {
    fakeBrowser.action.setBadgeText = () => Promise.reject(new Error('No tab with id: 999'));
    await refreshBadge(testContext(), 999);
    expect(await getProblems.handle({}, EXTENSION_PAGE, testContext())).toEqual({ ok: true, value: [] });
  });

  it('keeps the newest few, each cut to a line', async () => {
    for (let n = 0; n < MAX_PROBLEMS + 5; n++) await recordProblem('notification', new Error(`${n} ${'x'.repeat(1000)}`));
    const reply = await getProblems.handle({}, EXTENSION_PAGE, testContext());
    if (!reply.ok) throw new Error('expected problems');
    expect(reply.value).toHaveLength(MAX_PROBLEMS);
    expect(reply.value[0]!.detail?.startsWith(`${MAX_PROBLEMS + 4} `)).toBe(true);
    expect(Math.max(...reply.value.map((problem) => problem.detail?.length ?? 0))).toBeLessThanOrEqual(300);
  });

  it('records a failure the browser gave no words for without inventing any', async () => {
    await recordProblem('notification', { code: 42 });
    await recordProblem('badge', new Error('   '));
    const reply = await getProblems.handle({}, EXTENSION_PAGE, testContext());
    expect(reply).toMatchObject({ ok: true, value: [{ kind: 'badge', detail: null }, { kind: 'notification', detail: null }] });
  });
});
