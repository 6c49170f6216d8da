import { EXTENSION_PAGE, pageSender, resetBrowser } from '../../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/background/db.ts';
import { getCatalog } from '../../../src/background/handlers/get-catalog.ts';
import { getDataStatus } from '../../../src/background/handlers/get-data-status.ts';
import { getProviderNames } from '../../../src/background/handlers/get-provider-names.ts';
import { pageReport } from '../../../src/background/handlers/page-report.ts';
import { rollBackData } from '../../../src/background/handlers/roll-back-data.ts';
import { updateDataNow } from '../../../src/background/handlers/update-data-now.ts';
import { CATALOG } from '../../../src/catalog/index.ts';
import { parseRequest } from '../../../src/protocol/messages.ts';
import { testContext } from '../../support/worker-context.ts';

const DATA_MESSAGES = ['get-data-status', 'update-data-now', 'roll-back-data', 'get-catalog', 'get-provider-names'] as const;

describe('the data messages', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('take no parameters, and come from Upstream’s own pages only', () => {
    for (const type of DATA_MESSAGES) {
      expect(parseRequest({ type, payload: {} })).toEqual({ type, payload: {} });
      expect(parseRequest({ type, payload: { url: 'https://evil.example/pack' } })).toBeNull();
    }
    for (const handler of [getDataStatus, updateDataNow, rollBackData, getCatalog, getProviderNames]) expect(handler.callers).toEqual(['extension-page']);
  });

  it('with the bundled data: no catalog is sent (the page has it), names come from it, and pages get no markers', async () => {
    const ctx = testContext();
    expect(await getCatalog.handle({}, EXTENSION_PAGE, ctx)).toEqual({ ok: true, value: { provenance: ctx.data.provenance, catalog: null } });
    const names = await getProviderNames.handle({}, EXTENSION_PAGE, ctx);
    expect(names.ok && names.value).toHaveLength(CATALOG.providers.length);
    const report = { hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 1, scripts: [], iframes: [], dom: [], meta: [] };
    expect(await pageReport.handle(report, pageSender(3, 'www.notion.so'), ctx)).toEqual({ ok: true, value: null });
  });
});
