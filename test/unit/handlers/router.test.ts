import { EXTENSION_PAGE, resetBrowser } from '../../support/fake-extension.ts';
import type { Runtime } from 'webextension-polyfill';
import { beforeEach, describe, expect, it } from 'vitest';
import { classifySender, route } from '../../../src/background/router.ts';
import { HANDLERS } from '../../../src/background/handlers/index.ts';
import type { Caller, MessageMap, MessageType } from '../../../src/protocol/messages.ts';
import { clearAll } from '../../../src/background/db.ts';
import { testContext } from '../../support/worker-context.ts';

const SELF = { id: 'upstream-id', origin: 'chrome-extension://upstream-id' };
const popup: Runtime.MessageSender = { id: SELF.id, url: `${SELF.origin}/src/ui/popup/index.html?tab=3` };
const notionTop: Runtime.MessageSender = { id: SELF.id, url: 'https://www.notion.so/workspace', frameId: 0, tab: { id: 7 } as Runtime.MessageSender['tab'] };

describe('classifySender: who is asking, decided once for every message', () => {
  it("knows Upstream's own pages and its content script in a tab's top frame", () => {
    expect(classifySender(popup, SELF)).toEqual(EXTENSION_PAGE);
    expect(classifySender(notionTop, SELF)).toEqual({ caller: 'page', tabId: 7, pageHostname: 'www.notion.so' });
  });

  it('answers nobody else: another extension, a frame inside a page, a sender without a URL or tab', () => {
    expect(classifySender({ ...popup, id: 'someone-else' }, SELF)).toBeNull();
    expect(classifySender({ ...notionTop, frameId: 3 }, SELF)).toBeNull();
    expect(classifySender({ id: SELF.id }, SELF)).toBeNull();
    expect(classifySender({ ...notionTop, tab: undefined }, SELF)).toBeNull();
    expect(classifySender({ ...notionTop, url: 'file:///etc/passwd' }, SELF)).toBeNull();
    expect(classifySender({ ...notionTop, url: 'not a url' }, SELF)).toBeNull();
  });
});

describe('route: every message gets a reply, a value or an error', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  const ask = (raw: unknown, sender: Runtime.MessageSender) => route(raw, sender, SELF, () => testContext());

  it('answers a well-formed request from an allowed caller with its value', async () => {
    expect(await ask({ type: 'get-levels', payload: { providerIds: ['anthropic'] } }, popup)).toMatchObject({ ok: true, value: { anthropic: { level: 'unknown', freshness: 'never-read' } } });
  });

  it('refuses a sender it does not answer, and a caller the handler does not accept', async () => {
    expect(await ask({ type: 'get-levels', payload: { providerIds: ['anthropic'] } }, { ...popup, id: 'intruder' })).toEqual({ ok: false, error: { code: 'refused' } });
    // A web page's content script may report its page, never read the user's stack or clear history.
    expect(await ask({ type: 'get-stack', payload: {} }, notionTop)).toEqual({ ok: false, error: { code: 'refused' } });
    expect(await ask({ type: 'clear-history', payload: {} }, notionTop)).toEqual({ ok: false, error: { code: 'refused' } });
    // ... and an extension page may not pretend to be a page.
    const report = { hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 0, scripts: [], iframes: [], dom: [], meta: [] };
    expect(await ask({ type: 'page-report', payload: report }, popup)).toEqual({ ok: false, error: { code: 'refused' } });
  });

  it('says a malformed or unknown request is invalid', async () => {
    for (const raw of [null, 'get-levels', { type: 'get-levels' }, { type: 'get-levels', payload: { extra: 1 } }, { type: 'get-levels', payload: { providerIds: ['../etc'] } }, { type: 'format-disk', payload: {} }, { type: 'get-tab-view', payload: { tabId: -1 } }]) {
      expect(await ask(raw, popup), JSON.stringify(raw)).toEqual({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('turns a handler that throws into a "failed" reply, never a rejection', async () => {
    const broken = () => ({ ...testContext(), records: () => Promise.reject(new Error('disk on fire')) });
    expect(await route({ type: 'get-levels', payload: { providerIds: ['anthropic'] } }, popup, SELF, broken)).toEqual({ ok: false, error: { code: 'failed' } });
  });
});

/** A well-formed request of every type: a new message type must be added here to compile. */
const EXAMPLES: { [T in MessageType]: MessageMap[T]['request'] } = {
  'page-report': { hostname: 'www.notion.so', path: '/', timeOrigin: 1, seq: 0, scripts: [], iframes: [], dom: [], meta: [] },
  'get-tab-view': { tabId: 7 },
  'refresh-now': {},
  'refresh-due': {},
  'set-pinned': { productId: 'notion-ai', pinned: true },
  'forget-product': { productId: 'notion-ai' },
  'get-stack': {},
  'get-levels': { providerIds: ['anthropic'] },
  'get-provider-view': { providerId: 'anthropic', recent: false },
  'get-problems': {},
  'clear-history': {},
  'get-data-status': {},
  'update-data-now': {},
  'roll-back-data': {},
  'get-catalog': {},
  'get-provider-names': {},
};

const AS_CALLER: Record<Caller, Runtime.MessageSender> = { page: notionTop, 'extension-page': popup };
const NEVER_ANSWERED: Record<string, Runtime.MessageSender> = {
  'a frame inside the page': { ...notionTop, frameId: 3 },
  'another extension’s page': { ...popup, id: 'someone-else' },
  'another extension in a tab': { ...notionTop, id: 'someone-else' },
};

describe('route: refused before any handler runs', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  // A context that fails when read: a handler that ran would answer "failed", not "refused".
  const untouchable = () => {
    throw new Error('a refused request must not reach its handler');
  };

  for (const type of Object.keys(EXAMPLES) as MessageType[]) {
    const raw = { type, payload: EXAMPLES[type] };
    const refusedCallers = (Object.keys(AS_CALLER) as Caller[]).filter((caller) => !HANDLERS[type].callers.includes(caller));
    it(`${type}: from a caller its handler does not accept, a sub-frame or another extension`, async () => {
      for (const caller of refusedCallers) expect(await route(raw, AS_CALLER[caller], SELF, untouchable), caller).toEqual({ ok: false, error: { code: 'refused' } });
      for (const [who, sender] of Object.entries(NEVER_ANSWERED)) expect(await route(raw, sender, SELF, untouchable), who).toEqual({ ok: false, error: { code: 'refused' } });
    });
  }
});
