import { describe, expect, it } from 'vitest';
import { parseRequest, type PageReport } from '../../src/protocol/messages.ts';

const report: PageReport = {
  hostname: 'www.notion.so',
  path: '/workspace',
  timeOrigin: 1_795_500_000_000,
  seq: 2,
  scripts: ['widget.intercom.io/widget/abc'],
  iframes: [],
  dom: ['#intercom-container'],
  meta: [],
};

describe('parseRequest', () => {
  it('takes no globals from a page: only the worker reads them, in the page’s world', () => {
    expect(parseRequest({ type: 'page-report', payload: { ...report, globals: ['Intercom'] } })).toEqual({ type: 'page-report', payload: report });
  });

  it('accepts each well-formed request', () => {
    expect(parseRequest({ type: 'page-report', payload: report })).toEqual({ type: 'page-report', payload: report });
    expect(parseRequest({ type: 'get-tab-view', payload: { tabId: 12 } })).toEqual({ type: 'get-tab-view', payload: { tabId: 12 } });
    expect(parseRequest({ type: 'refresh-now', payload: {} })).toEqual({ type: 'refresh-now', payload: {} });
    for (const type of ['refresh-due', 'get-stack', 'clear-history'] as const) {
      expect(parseRequest({ type, payload: {} })).toEqual({ type, payload: {} });
    }
    expect(parseRequest({ type: 'get-levels', payload: { providerIds: ['anthropic', 'openai'] } })).toEqual({ type: 'get-levels', payload: { providerIds: ['anthropic', 'openai'] } });
    expect(parseRequest({ type: 'get-levels', payload: {} })).toBeNull();
    expect(parseRequest({ type: 'get-levels', payload: { providerIds: Array.from({ length: 201 }, () => 'openai') } })).toBeNull();
    expect(parseRequest({ type: 'set-pinned', payload: { productId: 'notion-ai', pinned: true } })).toEqual({
      type: 'set-pinned',
      payload: { productId: 'notion-ai', pinned: true },
    });
    expect(parseRequest({ type: 'forget-product', payload: { productId: 'cursor' } })).toEqual({ type: 'forget-product', payload: { productId: 'cursor' } });
    expect(parseRequest({ type: 'get-provider-view', payload: { providerId: 'anthropic', recent: false } })).toEqual({
      type: 'get-provider-view',
      payload: { providerId: 'anthropic', recent: false },
    });
  });

  it('drops extra fields instead of passing them on', () => {
    expect(parseRequest({ type: 'page-report', payload: { ...report, url: 'https://www.notion.so/secret?token=1', text: 'page text' } })).toEqual({
      type: 'page-report',
      payload: report,
    });
    expect(parseRequest({ type: 'set-pinned', payload: { productId: 'notion-ai', pinned: true, note: 'x' } })).toEqual({ type: 'set-pinned', payload: { productId: 'notion-ai', pinned: true } });
  });

  it('refuses any field on a message that takes no parameters', () => {
    expect(parseRequest({ type: 'clear-history', payload: {} })).toEqual({ type: 'clear-history', payload: {} });
    expect(parseRequest({ type: 'clear-history', payload: { before: '2020-01-01' } })).toBeNull();
    expect(parseRequest({ type: 'refresh-now', payload: { providerIds: ['anthropic'] } })).toBeNull();
  });

  it.each([
    null,
    'page-report',
    { type: 'page-report' },
    { type: 'page-report', payload: { ...report, hostname: 'Not A Host!' } },
    { type: 'page-report', payload: { ...report, hostname: 'x'.repeat(300) } },
    { type: 'page-report', payload: { ...report, path: 'no-slash' } },
    { type: 'page-report', payload: { ...report, timeOrigin: 'now' } },
    { type: 'page-report', payload: { ...report, seq: -1 } },
    { type: 'page-report', payload: { ...report, scripts: 'one' } },
    { type: 'page-report', payload: { ...report, scripts: [42] } },
    { type: 'page-report', payload: { ...report, scripts: Array.from({ length: 301 }, (_, i) => `x.com/${i}`) } },
    { type: 'page-report', payload: { ...report, dom: ['x'.repeat(201)] } },
    { type: 'get-tab-view', payload: { tabId: -1 } },
    { type: 'get-tab-view', payload: { tabId: '3' } },
    { type: 'refresh-now', payload: { force: true } },
    { type: 'delete-everything', payload: {} },
    { type: 'clear-history', payload: { all: true } },
    { type: 'set-pinned', payload: { productId: 'notion-ai' } },
    { type: 'set-pinned', payload: { productId: 'notion-ai', pinned: 'yes' } },
    { type: 'set-pinned', payload: { productId: '../../etc', pinned: true } },
    { type: 'set-pinned', payload: { productId: 'x'.repeat(81), pinned: true } },
    { type: 'forget-product', payload: { productId: 'Notion AI' } },
    { type: 'get-provider-view', payload: { providerId: 'anthropic' } },
    { type: 'get-provider-view', payload: { providerId: '', recent: true } },
  ])('rejects %j', (raw) => {
    expect(parseRequest(raw)).toBeNull();
  });
});
