import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/shared/messages.ts';

describe('parseRequest', () => {
  it('accepts each well-formed request', () => {
    expect(parseRequest({ type: 'page-seen', payload: { hostname: 'www.notion.so' } })).toEqual({ type: 'page-seen', payload: { hostname: 'www.notion.so' } });
    expect(parseRequest({ type: 'get-tab-view', payload: { tabId: 12 } })).toEqual({ type: 'get-tab-view', payload: { tabId: 12 } });
    expect(parseRequest({ type: 'refresh-now', payload: {} })).toEqual({ type: 'refresh-now', payload: {} });
  });

  it('drops extra fields instead of passing them on', () => {
    expect(parseRequest({ type: 'page-seen', payload: { hostname: 'notion.so', url: 'https://notion.so/secret' } })).toEqual({
      type: 'page-seen',
      payload: { hostname: 'notion.so' },
    });
  });

  it.each([
    null,
    'page-seen',
    { type: 'page-seen' },
    { type: 'page-seen', payload: { hostname: 'Not A Host!' } },
    { type: 'page-seen', payload: { hostname: 'x'.repeat(300) } },
    { type: 'get-tab-view', payload: { tabId: -1 } },
    { type: 'get-tab-view', payload: { tabId: '3' } },
    { type: 'refresh-now', payload: { force: true } },
    { type: 'delete-everything', payload: {} },
  ])('rejects %j', (raw) => {
    expect(parseRequest(raw)).toBeNull();
  });
});
