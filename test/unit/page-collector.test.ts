import { afterEach, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { SIGNAL_LIMITS } from '../../src/detect/signals.ts';
import { collect, PageCollector, planMarkers, type Markers } from '../../src/content/collect.ts';

const markers: Markers = { dom: ['#intercom-container', 'zapier-interfaces-chatbot-embed'], meta: ['generator'], urlHosts: ['widget.intercom.io', '*.chatbase.co'] };

let window: Window;
afterEach(async () => window?.happyDOM.close());

function page(html: string): Document {
  window = new Window({ url: 'https://shop.example/cart', settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableIframePageLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('page collector', () => {
  it('reads catalog script hosts, id and tag markers and meta from the whole page, and no other URL, and no frame', () => {
    const doc = page(`<head><meta name="generator" content="Shopify"><script src="https://cdn.shop.example/app.js"></script>
      <script src="//widget.intercom.io/widget/abc"></script></head><body><div id="intercom-container"></div>
      <iframe src="https://www.chatbase.co/chatbot-iframe/xyz"></iframe><script src="/local.js"></script></body>`);
    const collector = new PageCollector(planMarkers(markers));
    collector.readAll(doc);
    const report = collector.report(doc, 3);
    // The worker sees frames load; the content script never reads them, even on a catalog host.
    expect(report).toMatchObject({ hostname: 'shop.example', path: '/cart', seq: 3, scripts: ['widget.intercom.io/widget/abc'], iframes: [], dom: ['#intercom-container'], meta: ['generator=Shopify'] });
  });

  it('on a shared host, lets through only the paths the catalog asks for there, and says whether anything was found', () => {
    const doc = page(`<script src="https://d1abc.cloudfront.net/app/bundle.js"></script><script src="https://d2xyz.cloudfront.net/lex-web-ui-loader.min.js"></script>
      <script src="https://acme.my.site.com/ESWacme123/assets/js/bootstrap.min.js"></script><script src="https://acme.my.site.com/s/other.js"></script>`);
    const shared: Markers = { dom: [], meta: [], urlHosts: ['*.cloudfront.net/lex-web-ui-loader.min.js', '*.my.site.com/ESW', 'widget.intercom.io'] };
    const collector = new PageCollector(planMarkers(shared));
    expect(collector.empty).toBe(true);
    collector.readAll(doc);
    expect(collector.report(doc).scripts).toEqual(['d2xyz.cloudfront.net/lex-web-ui-loader.min.js', 'acme.my.site.com/ESWacme123/assets/js/bootstrap.min.js']);
    expect(collector.empty).toBe(false);
    // A page with only other scripts from those hosts gives nothing to report.
    const other = new PageCollector(planMarkers(shared));
    other.readAll(page('<script src="https://d1abc.cloudfront.net/app/bundle.js"></script><script src="https://acme.my.site.com/s/other.js"></script>'));
    expect(other.empty).toBe(true);
  });

  it('a host named both bare and with a path takes any path', () => {
    for (const urlHosts of [['cdn.vendor.example/widget/', 'cdn.vendor.example'], ['cdn.vendor.example', 'cdn.vendor.example/widget/']]) {
      const plan = planMarkers({ dom: [], meta: [], urlHosts });
      expect(plan).toMatchObject({ anyPath: '|cdn.vendor.example|', pathPrefixes: {} });
      const doc = page('<script src="https://cdn.vendor.example/other.js"></script>');
      expect(collect(doc, plan).scripts).toEqual(['cdn.vendor.example/other.js']);
    }
  });

  it('never takes a name that spans two catalog hosts, or a name the plan’s lookup table inherits', () => {
    const plan = planMarkers({ dom: [], meta: [], urlHosts: ['a.example', 'b.example', '*.c.example/w/'] });
    const doc = page(`<script src="https://a.example|b.example/x.js"></script><script src="https://constructor/x.js"></script>
      <script src="https://__proto__/x.js"></script><script src="https://x.toString/x.js"></script><script src="https://d.c.example/other.js"></script>`);
    expect(collect(doc, plan).scripts).toEqual([]);
  });

  it('reads again what arrived later: a late widget script, a marker inside an added subtree, a custom element', () => {
    const doc = page('<body><main></main></body>');
    const collector = new PageCollector(planMarkers(markers));
    collector.readAll(doc);
    expect(collector.report(doc)).toMatchObject({ scripts: [], dom: [] });

    const script = doc.createElement('script');
    script.src = 'https://widget.intercom.io/widget/late';
    doc.head.append(script);
    const wrapper = doc.createElement('section');
    const inner = doc.createElement('div');
    const marker = doc.createElement('div');
    marker.id = 'intercom-container';
    const other = doc.createElement('script');
    other.src = 'https://elsewhere.example/x.js';
    inner.append(marker, other);
    wrapper.append(inner);
    doc.body.append(wrapper);
    doc.body.append(doc.createElement('zapier-interfaces-chatbot-embed'));
    collector.readAgain(doc);
    const report = collector.report(doc);
    expect(report.scripts).toEqual(['widget.intercom.io/widget/late']);
    expect(report.dom.sort()).toEqual(['#intercom-container', 'zapier-interfaces-chatbot-embed']);
  });

  it('keeps earlier findings on a read again, and forgets them on a full read', () => {
    const doc = page('<body><div id="intercom-container"></div><script src="https://widget.intercom.io/widget/abc"></script></body>');
    const collector = new PageCollector(planMarkers(markers));
    collector.readAll(doc);
    doc.getElementById('intercom-container')!.remove();
    doc.querySelector('script')!.remove();
    const note = doc.createElement('p');
    note.textContent = 'id="intercom-container" widget.intercom.io';
    doc.body.append(note);
    collector.readAgain(doc);
    expect(collector.report(doc)).toMatchObject({ scripts: ['widget.intercom.io/widget/abc'], dom: ['#intercom-container'] });
    collector.readAll(doc);
    expect(collector.report(doc)).toMatchObject({ scripts: [], dom: [] });
  });

  it('looks for tag markers only on a page that shows something else of the catalog’s', () => {
    const alone = page('<body><zapier-interfaces-chatbot-embed></zapier-interfaces-chatbot-embed></body>');
    const collector = new PageCollector(planMarkers(markers));
    collector.readAll(alone);
    expect(collector.empty).toBe(true);
    const withLoader = page('<body><zapier-interfaces-chatbot-embed></zapier-interfaces-chatbot-embed><script src="https://www.chatbase.co/embed.min.js"></script></body>');
    collector.readAll(withLoader);
    expect(collector.report(withLoader).dom).toEqual(['zapier-interfaces-chatbot-embed']);
  });

  it('reads a src’s host by its characters as the URL parser would, and leaves a userinfo or escape to the parser', () => {
    const doc = page(`<script src="HTTPS://Widget.Intercom.io/widget/upper"></script><script src="https://widget.intercom.io:443/widget/port"></script>
      <script src="https://widget.intercom.io@evil.example/x.js"></script><script src="https://evil.example\\@widget.intercom.io/y.js"></script>
      <script src="http:/widget.intercom.io/no-host"></script><script src="javascript:widget.intercom.io"></script><script src="//"></script>`);
    const collector = new PageCollector(planMarkers(markers));
    collector.readAll(doc);
    expect(collector.report(doc).scripts).toEqual(['widget.intercom.io/widget/upper', 'widget.intercom.io/widget/port']);
  });

  it('takes hosts at any depth under a catalog suffix and rules out look-alikes, whatever the names’ shapes', () => {
    const doc = page(`<script src="https://a.b.chatbase.co/x.js"></script><script src="https://chatbase.co/bare.js"></script>
      <script src="https://notchatbase.co/y.js"></script><script src="https://chatbase.co.evil.example/z.js"></script>
      <script src="https://intranet/w.js"></script><script src="https://widget.intercom.io./dot.js"></script>`);
    // A single-label name cannot be ruled out by a host's last two labels: the full lookup decides every src.
    for (const urlHosts of [['*.chatbase.co'], ['*.chatbase.co', 'intranet']]) {
      const found = collect(doc, planMarkers({ dom: [], meta: [], urlHosts })).scripts;
      expect(found).toEqual(urlHosts.includes('intranet') ? ['a.b.chatbase.co/x.js', 'intranet/w.js'] : ['a.b.chatbase.co/x.js']);
    }
  });

  it('reads attribute markers on the catalog’s own loader tags only, never across the page', () => {
    const attributes: Markers = { dom: ['[data-client-key]'], meta: [], urlHosts: ['agent.d-id.com'] };
    const doc = page('<body><div data-client-key="x"></div><script src="https://cdn.example/a.js" data-client-key="y"></script><script type="module" src="https://agent.d-id.com/v1/index.js" data-client-key="z"></script></body>');
    const collector = new PageCollector(planMarkers(attributes));
    collector.readAll(doc);
    expect(collector.report(doc)).toMatchObject({ scripts: ['agent.d-id.com/v1/index.js'], dom: ['[data-client-key]'] });
    const without = page('<body><div data-client-key="x"></div><script src="https://cdn.example/a.js" data-client-key="y"></script></body>');
    collector.readAll(without);
    expect(collector.report(without).dom).toEqual([]);
  });

  it('stops at the URL limit however many catalog scripts a page adds', () => {
    const doc = page('<body></body>');
    const collector = new PageCollector(planMarkers(markers));
    collector.readAll(doc);
    for (let index = 0; index < SIGNAL_LIMITS.urls + 200; index++) {
      const script = doc.createElement('script');
      script.src = `https://a${index}.chatbase.co/embed.js`;
      doc.body.append(script);
    }
    collector.readAgain(doc);
    expect(collector.report(doc).scripts.length).toBe(SIGNAL_LIMITS.urls);
  });
});
