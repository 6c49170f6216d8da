import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  levelFromSeverityWord,
  levelFromTitleWords,
  paramList,
  parseFeedDate,
  readFeed,
} from '../../../src/status/adapters/feed.ts';
import { FUZZ_RUNS } from '../../support/fuzz.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title><![CDATA[Example status]]></title>
    <link>https://status.example.com</link>
    <atom:link href="https://status.example.com/feed.xml" rel="self" type="application/rss+xml" />
    <lastBuildDate>Tue, 24 Nov 2026 03:55:12 PST</lastBuildDate>
    <item>
      <title>A &amp; B</title>
      <link>https://status.example.com/incidents/1</link>
      <guid isPermaLink="false">1</guid>
      <pubDate>Thu, 23 Jul 2026 16:29:09 Z</pubDate>
      <description>&lt;p&gt;One&amp;nbsp;&amp;amp; two&lt;/p&gt;&lt;p&gt;three&lt;/p&gt;</description>
      <category>Network</category>
      <category>West US</category>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example history</title>
  <updated>2026-11-24T10:00:00Z</updated>
  <entry>
    <id>tag:status.example.com,2005:Incident/42</id>
    <published>2026-11-24T09:00:00Z</published>
    <updated>2026-11-24T09:30:00+01:00</updated>
    <link rel="alternate" type="text/html" href="https://status.example.com/incidents/42"/>
    <title type="html">Elevated errors</title>
    <content type="html">&lt;b&gt;Status: Investigating&lt;/b&gt;</content>
    <category term="API"/>
  </entry>
</feed>`;

describe('readFeed', () => {
  it('reads an RSS 2.0 channel: CDATA, entities, guid attributes, categories and dates', () => {
    const feed = readFeed(RSS);
    expect(feed).toEqual({
      format: 'rss',
      title: 'Example status',
      updatedAt: '2026-11-24T11:55:12.000Z',
      items: [
        {
          title: 'A & B',
          link: 'https://status.example.com/incidents/1',
          id: '1',
          publishedAt: '2026-07-23T16:29:09.000Z',
          updatedAt: null,
          html: '<p>One&nbsp;&amp; two</p><p>three</p>',
          categories: ['Network', 'West US'],
        },
      ],
    });
  });

  it('reads an Atom feed: alternate link, attributed title, category terms', () => {
    expect(readFeed(ATOM)).toEqual({
      format: 'atom',
      title: 'Example history',
      updatedAt: '2026-11-24T10:00:00.000Z',
      items: [
        {
          title: 'Elevated errors',
          link: 'https://status.example.com/incidents/42',
          id: 'tag:status.example.com,2005:Incident/42',
          publishedAt: '2026-11-24T09:00:00.000Z',
          updatedAt: '2026-11-24T08:30:00.000Z',
          html: '<b>Status: Investigating</b>',
          categories: ['API'],
        },
      ],
    });
  });

  it('tolerates a byte-order mark and leading blank lines', () => {
    expect(readFeed(`\uFEFF\n\n${RSS}`)?.title).toBe('Example status');
  });

  it('refuses HTML, truncated XML, garbage, DOCTYPEs and documents that are not feeds', () => {
    expect(readFeed('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>')).toBeNull();
    expect(readFeed('<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>')).toBeNull();
    expect(readFeed(RSS.slice(0, RSS.indexOf('</item>')))).toBeNull();
    expect(readFeed(RSS.slice(0, -7))).toBeNull();
    expect(readFeed('{"status":"ok"}')).toBeNull();
    expect(readFeed('')).toBeNull();
    expect(readFeed(null)).toBeNull();
    expect(readFeed(42)).toBeNull();
    expect(readFeed('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss><channel><title>&a;</title></channel></rss>')).toBeNull();
    expect(readFeed('<Error><Code>AccessDenied</Code></Error>')).toBeNull();
    expect(readFeed('<rss version="2.0"><channel><link>x</link></channel></rss>')).toBeNull(); // no channel title
    expect(readFeed('<rss><channel><title>a</title></channel><channel><title>b</title></channel></rss>')).toBeNull();
    expect(readFeed('<__proto__><polluted>1</polluted></__proto__>')).toBeNull();
  });

  it('keeps an empty item as an empty item, for the adapters to distrust', () => {
    expect(readFeed('<rss><channel><title>t</title><item/></channel></rss>')?.items).toEqual([
      { title: '', link: '', id: '', publishedAt: null, updatedAt: null, html: '', categories: [] },
    ]);
  });

  it('fuzz: never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(RSS, ATOM).chain((xml) => fc.nat(xml.length).map((cut) => xml.slice(0, cut)))), (text) => {
        readFeed(text);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 23 Jul 2026 16:29:09 Z', '2026-07-23T16:29:09.000Z'],
    ['Tue, 19 Mar 2024 10:13:00 PDT', '2024-03-19T17:13:00.000Z'],
    ['Wed,  8 Mar 2017 13:16:09 PST', '2017-03-08T21:16:09.000Z'],
    ['Mon, 18 May 2026 02:29:34 GMT', '2026-05-18T02:29:34.000Z'],
    ['Fri, 14 Jan 2022 14:44:00 -0800', '2022-01-14T22:44:00.000Z'],
    ['14 Jan 22 14:44 +0100', '2022-01-14T13:44:00.000Z'],
    ['2026-07-23T16:29:09Z', '2026-07-23T16:29:09.000Z'],
    ['2026-11-24T09:30:00.5+01:00', '2026-11-24T08:30:00.500Z'],
  ])('reads %s', (text, iso) => {
    expect(parseFeedDate(text)).toBe(iso);
  });

  it.each(['2099', '1', '', 'yesterday', 'Thu, 23 Jul 2026 16:29:09 XYZ', 'Thu, 32 Jul 2026 16:29:09 GMT', 'Thu, 23 Foo 2026 16:29:09 GMT'])(
    'refuses %j',
    (text) => {
      expect(parseFeedDate(text)).toBeNull();
    },
  );
});

describe('htmlToText', () => {
  it('turns blocks into lines, drops tags and decodes entities', () => {
    expect(htmlToText('<h3>Status: RESOLVED</h3><p>Severity:&nbsp;available</p><hr /><p>a &amp;lt; b &#8212; <a href="x">link</a></p>')).toBe(
      'Status: RESOLVED\nSeverity: available\na &lt; b — link',
    );
  });
});

describe('severity words', () => {
  it('maps the words status feeds use, and nothing else', () => {
    expect(['available', 'informational', 'degraded', 'partial outage', 'outage', 'unavailable', 'maintenance', 'on fire'].map(levelFromSeverityWord)).toEqual([
      'operational',
      'degraded',
      'degraded',
      'partial_outage',
      'major_outage',
      'major_outage',
      'maintenance',
      null,
    ]);
    expect(levelFromTitleWords('Azure Front Door - Connectivity issues')).toBe('degraded');
    expect(levelFromTitleWords('Models outage')).toBe('major_outage');
    expect(levelFromTitleWords('Partial outage of the API')).toBe('partial_outage');
    expect(levelFromTitleWords('CrowdStrike Falcon agent guidance')).toBeNull();
  });

  it('reads list params from a string or a list, skipping blanks', () => {
    expect(paramList({ a: 'x', b: ['y', ' ', 'z'] }, 'a')).toEqual(['x']);
    expect(paramList({ a: 'x', b: ['y', ' ', 'z'] }, 'b')).toEqual(['y', 'z']);
    expect(paramList(undefined, 'b')).toEqual([]);
  });
});
