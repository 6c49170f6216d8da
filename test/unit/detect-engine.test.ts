import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/catalog/types.ts';
import { confidenceOf, DetectionIndex, EVIDENCE_PER_SIGNAL, frameUrlPatterns, pageMarkers, requestHostPatterns } from '../../src/detect/engine.ts';
import fc from 'fast-check';
import { emptySignals, markupUrlKey, urlKey, type PageSignals } from '../../src/detect/signals.ts';

function product(id: string, kind: Product['kind'], detect: Product['detect']): Product {
  return { id, name: id, vendor: id, kind, category: 'customer-support', job: 'support-chat-widget', detect, features: [] };
}

const products = [
  product('chat-app', 'first-party', { hosts: ['chat.example.ai'] }),
  product('suite', 'first-party', { hosts: ['*.suite.example'] }),
  product('code-assist', 'first-party', { hosts: ['code.example'], paths: ['/assist'] }),
  product('help-widget', 'widget', {
    scripts: ['widget.helpdesk.example/loader/'],
    iframes: ['frame.helpdesk.example/'],
    dom: ['#helpdesk-launcher', 'helpdesk-chat', '[data-helpdesk-id]'],
    globals: ['HelpDesk', 'HD.boot'],
    meta: ['helpdesk-site=acme'],
    requests: ['api.helpdesk.example', '*.events.helpdesk.example'],
  }),
  product('cdn-widget', 'widget', { scripts: ['*.cdn.example/bot.js'], globals: ['Bot'] }),
];
const index = new DetectionIndex(products);
const detect = (signals: Partial<PageSignals>) => index.detect({ ...emptySignals('shop.acme.example'), ...signals });
const ids = (signals: Partial<PageSignals>) => detect(signals).map((found) => found.productId);

describe('DetectionIndex', () => {
  it('recognises first-party hosts, exactly or by wildcard subdomain, and path prefixes', () => {
    expect(ids({ hostname: 'chat.example.ai' })).toEqual(['chat-app']);
    expect(ids({ hostname: 'app.suite.example' })).toEqual(['suite']);
    expect(ids({ hostname: 'deep.app.suite.example' })).toEqual(['suite']);
    expect(ids({ hostname: 'suite.example' })).toEqual([]); // "*.x" is subdomains only
    expect(ids({ hostname: 'notchat.example.ai' })).toEqual([]);
    expect(ids({ hostname: 'code.example', path: '/assist/chat' })).toEqual(['code-assist']);
    expect(ids({ hostname: 'code.example', path: '/pricing' })).toEqual([]);
    expect(detect({ hostname: 'chat.example.ai' })[0]).toEqual({
      productId: 'chat-app',
      confidence: 'high',
      evidence: [{ signal: 'host', matched: 'chat.example.ai', pattern: 'chat.example.ai' }],
    });
  });

  it('recognises a widget by each kind of signal, with the evidence of each', () => {
    const found = detect({
      scripts: ['widget.helpdesk.example/loader/v2.js', 'cdn.other.example/app.js'],
      iframes: ['frame.helpdesk.example/messenger'],
      dom: ['#helpdesk-launcher', 'helpdesk-chat'],
      globals: ['HD.boot'],
      meta: ['helpdesk-site=acme-prod'],
      requests: ['eu.events.helpdesk.example'],
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.confidence).toBe('high');
    expect(found[0]!.evidence.map((e) => [e.signal, e.matched])).toEqual([
      ['script', 'widget.helpdesk.example/loader/v2.js'],
      ['iframe', 'frame.helpdesk.example/messenger'],
      ['request', 'eu.events.helpdesk.example'],
      ['dom', '#helpdesk-launcher'],
      ['dom', 'helpdesk-chat'],
      ['global', 'HD.boot'],
      ['meta', 'helpdesk-site=acme-prod'],
    ]);
  });

  it('keeps at most three values per product and kind of signal, the first ones, whatever the page repeats', () => {
    const scripts = Array.from({ length: 300 }, (_, n) => `widget.helpdesk.example/loader/${'a'.repeat(200)}${n}`);
    const iframes = Array.from({ length: 300 }, (_, n) => `frame.helpdesk.example/${n}`);
    const [found] = detect({ scripts, iframes, dom: ['#helpdesk-launcher', 'helpdesk-chat', '[data-helpdesk-id]', '#helpdesk-launcher'] });
    const values = (signal: string) => found!.evidence.filter((e) => e.signal === signal).map((e) => e.matched);
    expect(values('script')).toEqual(scripts.slice(0, EVIDENCE_PER_SIGNAL));
    expect(values('iframe')).toEqual(iframes.slice(0, EVIDENCE_PER_SIGNAL));
    expect(values('dom')).toHaveLength(3);
    expect(EVIDENCE_PER_SIGNAL).toBe(3);
    expect(found!.confidence).toBe('high');
  });

  it('does not match a script on another path or host, or a meta tag with other content', () => {
    expect(ids({ scripts: ['widget.helpdesk.example/other.js', 'evilwidget.helpdesk.example.attacker.test/loader/x.js'] })).toEqual([]);
    expect(ids({ meta: ['helpdesk-site=other'] })).toEqual([]);
    expect(ids({ scripts: ['a.cdn.example/bot.js'] })).toEqual(['cdn-widget']);
  });

  it('rates confidence by kinds of signal: one weak signal alone is low', () => {
    expect(detect({ globals: ['HelpDesk'] })[0]!.confidence).toBe('low');
    expect(detect({ globals: ['HelpDesk'], dom: ['[data-helpdesk-id]'] })[0]!.confidence).toBe('medium');
    expect(detect({ scripts: ['widget.helpdesk.example/loader/a.js'] })[0]!.confidence).toBe('medium');
    expect(detect({ scripts: ['widget.helpdesk.example/loader/a.js'], globals: ['HelpDesk'] })[0]!.confidence).toBe('high');
    expect(confidenceOf([])).toBe('low');
  });

  it('costs the same lookups whatever the catalog size: 10,000 products still find the one that matches', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => product(`p${i}`, 'widget', { scripts: [`cdn${i}.example/w.js`], globals: [`G${i}`] }));
    const big = new DetectionIndex([...many, ...products]);
    expect(big.detect({ ...emptySignals('x.test'), scripts: ['cdn9999.example/w.js'], globals: ['G9999'] }).map((f) => f.productId)).toEqual(['p9999']);
  });

  it('asks for the globals of products another signal found and that are not yet certain, and for none otherwise', () => {
    expect(index.globalsToConfirm(detect({ scripts: ['x.cdn.example/bot.js'] }))).toEqual(['Bot']);
    expect(index.globalsToConfirm(detect({ dom: ['#helpdesk-launcher'] }))).toEqual(['HD.boot', 'HelpDesk']);
    // Already certain (a strong signal and another kind), or already seen through a global: nothing to ask.
    expect(index.globalsToConfirm(detect({ scripts: ['widget.helpdesk.example/loader/x.js'], dom: ['#helpdesk-launcher'] }))).toEqual([]);
    expect(index.globalsToConfirm(detect({ dom: ['#helpdesk-launcher'], globals: ['HelpDesk'] }))).toEqual([]);
    expect(index.globalsToConfirm(detect({ hostname: 'chat.example.ai' }))).toEqual([]);
    expect(index.globalsToConfirm(detect({}))).toEqual([]);
  });

  it('derives what content scripts look for, and which request hosts and frames the worker watches', () => {
    expect(pageMarkers(products)).toEqual({
      dom: ['#helpdesk-launcher', '[data-helpdesk-id]', 'helpdesk-chat'],
      meta: ['helpdesk-site'],
      // A pattern's path prefix is kept: on a shared host (a CDN) the host alone would let every script through.
      // Frames are not the content script's to read.
      urlHosts: ['*.cdn.example/bot.js', 'widget.helpdesk.example/loader/'],
    });
    expect(requestHostPatterns(products)).toEqual(['*.events.helpdesk.example', 'api.helpdesk.example']);
    expect(frameUrlPatterns(products)).toEqual(['*://frame.helpdesk.example/*']);
    expect(frameUrlPatterns([{ ...products[0]!, detect: { iframes: ['*.my.site.com/ESW', 'a.example/chat/'] } }])).toEqual(['*://*.my.site.com/ESW*', '*://a.example/chat/*']);
  });
});

describe('urlKey', () => {
  it('keeps host and path, drops scheme, query and fragment, and refuses non-web URLs', () => {
    expect(urlKey('https://Widget.Example.com/loader/v2.js?key=secret#x')).toBe('widget.example.com/loader/v2.js');
    expect(urlKey('javascript:alert(1)')).toBeNull();
    expect(urlKey('not a url')).toBeNull();
  });
});

describe('markupUrlKey', () => {
  it('agrees with the URL parser on every URL it accepts, and declines what it cannot read plainly', () => {
    expect(markupUrlKey('https://Widget.Intercom.io/widget/abc?x=1#y')).toBe('widget.intercom.io/widget/abc');
    expect(markupUrlKey('//cdn.example.com/a.js')).toBe('cdn.example.com/a.js');
    expect(markupUrlKey('/relative.js')).toBeNull();
    expect(markupUrlKey('https://user@host.example/x')).toBeNull();
    expect(markupUrlKey('https://host.example:8443/x')).toBeNull();
    const urls = fc.tuple(
      fc.constantFrom('https://', 'http://', 'HTTPS://', '//'),
      fc.domain(),
      fc.webPath(),
      fc.option(fc.webQueryParameters().map((q) => `?${q}`), { nil: '' }),
      fc.option(fc.webFragments().map((f) => `#${f}`), { nil: '' }),
    );
    fc.assert(
      fc.property(urls, ([scheme, host, path, query, fragment]) => {
        const src = `${scheme}${host}${path}${query}${fragment}`;
        const fast = markupUrlKey(src);
        return fast === null || fast === urlKey(src.startsWith('//') ? `https:${src}` : src);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});
