import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseRssFeed, rss } from '../../../src/status/adapters/rss.ts';
import type { ParseResult } from '../../../src/status/adapter.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://status.x.ai';
const NOW = new Date('2026-11-24T12:00:00Z');

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/status/rss/${name}`, import.meta.url), 'utf8');
const RESOLVED = fixture('xai-feed.resolved.xml');
const ACTIVE = fixture('xai-feed.active.xml');

function health(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

/** A Statuspage-style `history.rss` channel (lifecycle as the first `<strong>` label of the description). */
function statuspageHistory(items: { title: string; html: string; pubDate: string; id: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Status - Incident History</title><link>https://status.example.com</link>
<description>Statuspage</description><pubDate>Tue, 24 Nov 2026 11:00:00 +0000</pubDate>
${items
  .map(
    (item) => `<item><title>${item.title}</title><description>${item.html}</description><pubDate>${item.pubDate}</pubDate>
<link>https://status.example.com/incidents/${item.id}</link><guid>https://status.example.com/incidents/${item.id}</guid></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

describe('RSS feed: xAI', () => {
  it('reads the real xAI capture (one resolved incident) as operational', () => {
    const result = health(parseRssFeed(RESOLVED, PAGE, NOW));
    expect(result.level).toBe('operational');
    expect(result.components).toEqual([{ id: 'API Console', name: 'API Console', level: 'operational' }]);
    expect(result.incidents).toEqual([]);
    expect(result.description).toBe('');
    expect(result.pageUpdatedAt).toBe('2026-09-03T17:10:57.000Z');
    expect(result.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads open incidents per component, merging the per-component copies of one incident', () => {
    const result = health(parseRssFeed(ACTIVE, PAGE, NOW));
    expect(result.level).toBe('major_outage');
    expect(result.components).toEqual([
      { id: 'API (us-east-1.api.x.ai)', name: 'API (us-east-1.api.x.ai)', level: 'degraded' },
      { id: 'Grok (Web)', name: 'Grok (Web)', level: 'major_outage' },
      { id: 'Grok (iOS)', name: 'Grok (iOS)', level: 'major_outage' },
      { id: 'API Console', name: 'API Console', level: 'operational' },
    ]);
    expect(result.incidents).toEqual([
      {
        id: 'INC5a1b2c3d',
        title: 'Elevated error rates for grok-4 & grok-4-fast',
        impact: 'degraded',
        status: 'identified',
        startedAt: '2026-11-24T10:45:00.000Z',
        // The newest update block, although the feed lists it first or last at random.
        latestUpdate: { body: 'We found a faulty deployment and are rolling it back.', at: '2026-11-24T11:20:00.000Z', status: 'identified' },
        url: 'https://status.x.ai/api-us-east-1/INC5a1b2c3d',
        componentIds: ['API (us-east-1.api.x.ai)'],
        maintenance: false,
      },
      {
        id: 'INC9e8f7a6b',
        title: 'Grok is temporarily unavailable',
        impact: 'major_outage',
        status: 'investigating',
        startedAt: '2026-11-24T11:28:00.000Z',
        latestUpdate: { body: 'Grok does not load for most users.', at: '2026-11-24T11:30:00.000Z', status: 'investigating' },
        url: 'https://status.x.ai/grok-com/INC9e8f7a6b',
        componentIds: ['Grok (Web)', 'Grok (iOS)'],
        maintenance: false,
      },
    ]);
    expect(result.description).toBe('');
  });

  it('matches configured components by bracketed name or link slug, and keeps every other component the feed names', () => {
    const result = health(parseRssFeed(ACTIVE, PAGE, NOW, { components: ['api-us-east-1', 'Grok (Android)'] }));
    expect(result.components.slice(0, 2)).toEqual([
      { id: 'api-us-east-1', name: 'API (us-east-1.api.x.ai)', level: 'degraded' },
      { id: 'Grok (Android)', name: 'Grok (Android)', level: 'operational' },
    ]);
    // A component nobody configured (renamed, new) is reported too, so its incident is never dropped.
    expect(result.components.slice(2).map((component) => [component.id, component.level])).toEqual(
      expect.arrayContaining([['Grok (Web)', 'major_outage']]),
    );
    expect(result.incidents.map((incident) => incident.id).sort()).toEqual(['INC5a1b2c3d', 'INC9e8f7a6b']);
    expect(result.incidents.find((incident) => incident.id === 'INC5a1b2c3d')?.componentIds).toEqual(['api-us-east-1']);
  });

  it('reads recovery: every item resolved reads operational', () => {
    const recovered = ACTIVE.replace(/Status: (IDENTIFIED|INVESTIGATING)/g, 'Status: RESOLVED')
      .replace(/<category>(identified|investigating)<\/category>/g, '<category>resolved</category>');
    const result = health(parseRssFeed(recovered, PAGE, NOW));
    expect(result.level).toBe('operational');
    expect(result.incidents).toEqual([]);
  });

  it('keeps an item open when its status line and categories disagree, or its state is a word we do not know', () => {
    const disagreeing = ACTIVE.replace('Status: IDENTIFIED', 'Status: RESOLVED');
    expect(health(parseRssFeed(disagreeing, PAGE, NOW)).incidents.map((incident) => incident.id)).toContain('INC5a1b2c3d');
    const strange = RESOLVED.replace('Status: RESOLVED', 'Status: ESCALATED').replace('<category>resolved</category>', '');
    const result = health(parseRssFeed(strange, PAGE, NOW));
    expect(result.incidents.map((incident) => [incident.id, incident.status, incident.impact])).toEqual([['INC702624e4', 'escalated', 'operational']]);
  });

  it('reads a severity it does not know as unknown, never as a guess', () => {
    const strange = ACTIVE.replace('Severity: degraded', 'Severity: catastrophic');
    const result = health(parseRssFeed(strange, PAGE, NOW));
    expect(result.components[0]).toEqual({ id: 'API (us-east-1.api.x.ai)', name: 'API (us-east-1.api.x.ai)', level: 'unknown' });
    expect(result.level).toBe('unknown');
  });

  it('keeps incident links on http(s) only', () => {
    const hostile = ACTIVE.replace('https://status.x.ai/api-us-east-1/INC5a1b2c3d', 'javascript:alert(1)');
    expect(health(parseRssFeed(hostile, PAGE, NOW)).incidents[0]?.url).toBe(PAGE);
  });

  it('an empty channel is all clear only for configured components', () => {
    const empty = RESOLVED.replace(/<item>[\s\S]*<\/item>/, '');
    expect(health(parseRssFeed(empty, PAGE, NOW)).level).toBe('unknown');
    const configured = health(parseRssFeed(empty, PAGE, NOW, { components: ['API (us-east-1.api.x.ai)'] }));
    expect(configured.level).toBe('operational');
    expect(configured.components).toEqual([{ id: 'API (us-east-1.api.x.ai)', name: 'API (us-east-1.api.x.ai)', level: 'operational' }]);
  });

  it('never reads HTML, a truncated feed or garbage as a feed', () => {
    const refused = [
      '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body></body></html>',
      ACTIVE.slice(0, ACTIVE.indexOf('Status: INVESTIGATING')),
      ACTIVE.slice(0, ACTIVE.lastIndexOf('</channel>')),
      '403 Forbidden',
    ];
    for (const body of refused) expect(parseRssFeed(body, PAGE, NOW).ok).toBe(false);
  });
});

describe('RSS feed: other status pages', () => {
  it('reads Statuspage history labels, in-progress maintenance, and skips scheduled and resolved items', () => {
    const feed = statuspageHistory([
      {
        id: 'm1',
        title: 'Database maintenance',
        html: '&lt;p&gt;&lt;small&gt;Nov &lt;var&gt;24&lt;/var&gt;, 10:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;In progress&lt;/strong&gt; - Scheduled maintenance is currently in progress.&lt;/p&gt;',
        pubDate: 'Tue, 24 Nov 2026 10:00:00 +0000',
      },
      {
        id: 'm2',
        title: 'Network upgrade',
        html: '&lt;p&gt;&lt;strong&gt;Scheduled&lt;/strong&gt; - We will upgrade the network on Dec 1.&lt;/p&gt;',
        pubDate: 'Tue, 24 Nov 2026 09:00:00 +0000',
      },
      {
        id: 'i1',
        title: 'Elevated API errors',
        html: '&lt;p&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - This incident has been resolved.&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - We are looking into it.&lt;/p&gt;',
        pubDate: 'Tue, 24 Nov 2026 08:00:00 +0000',
      },
    ]);
    const result = health(parseRssFeed(feed, 'https://status.example.com', NOW));
    expect(result.components).toEqual([{ id: 'feed', name: 'Example Status - Incident History', level: 'maintenance' }]);
    expect(result.level).toBe('maintenance');
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]).toMatchObject({
      id: 'https://status.example.com/incidents/m1',
      title: 'Database maintenance',
      impact: 'maintenance',
      status: 'in progress',
      maintenance: true,
      url: 'https://status.example.com/incidents/m1',
      componentIds: ['feed'],
    });
    expect(result.incidents[0]?.latestUpdate?.body).toBe('Nov 24, 10:00 UTC\nIn progress - Scheduled maintenance is currently in progress.');
  });

  it('reads an Atom feed with "Status:" lines (incident.io)', () => {
    const atom = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>OpenAI status</title><updated>2026-11-24T11:00:00Z</updated>
<entry><id>https://status.openai.com/incidents/01KA</id><title>Elevated errors across ChatGPT and Codex</title>
<link href="https://status.openai.com/incidents/01KA"/><published>2026-11-24T10:30:00Z</published><updated>2026-11-24T11:00:00Z</updated>
<content type="html"><![CDATA[<b>Status: Investigating</b><br/><br/>We are investigating elevated errors.]]></content></entry>
<entry><id>https://status.openai.com/incidents/01K9</id><title>Slow responses</title>
<link href="https://status.openai.com/incidents/01K9"/><updated>2026-11-20T10:00:00Z</updated>
<content type="html"><![CDATA[<b>Status: Resolved</b><br/><br/>This incident has been resolved.]]></content></entry>
</feed>`;
    const result = health(parseRssFeed(atom, 'https://status.openai.com', NOW));
    expect(result.level).toBe('degraded');
    expect(result.incidents).toEqual([
      {
        id: 'https://status.openai.com/incidents/01KA',
        title: 'Elevated errors across ChatGPT and Codex',
        impact: 'degraded',
        status: 'investigating',
        startedAt: '2026-11-24T10:30:00.000Z',
        latestUpdate: { body: 'Status: Investigating\nWe are investigating elevated errors.', at: '2026-11-24T11:00:00.000Z', status: 'investigating' },
        url: 'https://status.openai.com/incidents/01KA',
        componentIds: ['feed'],
        maintenance: false,
      },
    ]);
    expect(result.pageUpdatedAt).toBe('2026-11-24T11:00:00.000Z');
  });

  it('treats an item without any lifecycle as open only while recent (params.openHours)', () => {
    const feed = (pubDate: string) =>
      `<rss version="2.0"><channel><title>Plain feed</title><item><title>API outage</title><guid>a</guid><pubDate>${pubDate}</pubDate><description>The API is down.</description></item></channel></rss>`;
    const recent = health(parseRssFeed(feed('Tue, 24 Nov 2026 09:00:00 GMT'), PAGE, NOW));
    expect(recent.level).toBe('major_outage');
    expect(recent.incidents.map((incident) => [incident.id, incident.status])).toEqual([['a', '']]);
    expect(health(parseRssFeed(feed('Sun, 22 Nov 2026 09:00:00 GMT'), PAGE, NOW)).level).toBe('operational');
    expect(health(parseRssFeed(feed('Sun, 22 Nov 2026 09:00:00 GMT'), PAGE, NOW, { openHours: '72' })).level).toBe('major_outage');
  });
});

describe('rss.read', () => {
  it('reads <pageUrl>/feed.xml by default', async () => {
    const fetcher = fakeFetcher({ 'https://status.x.ai/feed.xml': RESOLVED });
    expect(health(await rss.read({ pageUrl: PAGE, platform: 'rss' }, fetcher, NOW)).level).toBe('operational');
    expect(fetcher.requested).toEqual(['https://status.x.ai/feed.xml']);
  });

  it('reads params.feedUrl when given, and lets fetch errors reject', async () => {
    const fetcher = fakeFetcher({ 'https://status.example.com/history.atom': RESOLVED });
    await rss.read({ pageUrl: 'https://status.example.com', platform: 'rss', params: { feedUrl: 'https://status.example.com/history.atom' } }, fetcher, NOW);
    expect(fetcher.requested).toEqual(['https://status.example.com/history.atom']);
    await expect(rss.read({ pageUrl: PAGE, platform: 'rss' }, fakeFetcher({}), NOW)).rejects.toThrow('HTTP 404');
  });
});

describe('RSS fuzzing', () => {
  const xmlOptions = { ignoreAttributes: false, parseTagValue: false } as const;
  const resolvedObject: unknown = new XMLParser(xmlOptions).parse(RESOLVED);
  const builder = new XMLBuilder(xmlOptions);

  it('fuzz: arbitrary text never throws and never reads as operational', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), anyJson), (body) => neverOperational(parseRssFeed(body, PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a truncated feed never reads as operational', () => {
    fc.assert(
      fc.property(fc.constantFrom(RESOLVED, ACTIVE), fc.nat(), (feed, cut) =>
        neverOperational(parseRssFeed(feed.slice(0, cut % feed.lastIndexOf('</rss>')), PAGE, NOW, { components: ['API Console'] })),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: the all-clear capture with its envelope or items broken never reads as operational', () => {
    expect(health(parseRssFeed(builder.build(resolvedObject), PAGE, NOW)).level).toBe('operational');
    const required = [['rss'], ['rss', 'channel'], ['rss', 'channel', 'item']];
    fc.assert(
      fc.property(brokenVariants(resolvedObject, required), (broken) => neverOperational(parseRssFeed(builder.build(broken), PAGE, NOW))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
