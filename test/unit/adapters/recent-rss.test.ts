import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseRssRecent, rss } from '../../../src/status/adapters/rss.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, incidentsOf, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://status.x.ai';
const NOW = new Date('2026-11-24T12:00:00Z');
const AFTER_MAY_INCIDENT = new Date('2026-06-01T12:00:00Z');

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/status/rss/${name}`, import.meta.url), 'utf8');
const RESOLVED = fixture('xai-feed.resolved.xml');
const ACTIVE = fixture('xai-feed.active.xml');

/** A plain RSS channel of the given items (already XML). */
const channel = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Status - Incident History</title><link>https://status.example.com</link>${items}</channel></rss>`;

describe('RSS feed (recent)', () => {
  it('reads the real xAI capture: one resolved incident, closed at its last update, impact from its title', () => {
    expect(incidentsOf(parseRssRecent(RESOLVED, PAGE, AFTER_MAY_INCIDENT))).toEqual([
      {
        id: 'INC702624e4',
        title: 'Console not loading',
        // "Severity: available" is the state now, not what the incident was; the title names no severity.
        impact: 'unknown',
        status: 'resolved',
        startedAt: '2026-05-18T01:58:00.000Z',
        latestUpdate: { body: 'The issue has been resolved.', at: '2026-05-18T12:00:00.000Z', status: 'updated' },
        url: 'https://status.x.ai/api-console/INC702624e4',
        componentIds: ['API Console'],
        maintenance: false,
        resolvedAt: '2026-05-18T12:00:00.000Z',
      },
    ]);
    // Half a year later it is out of the 90-day window.
    expect(incidentsOf(parseRssRecent(RESOLVED, PAGE, NOW))).toEqual([]);
  });

  it('lists open incidents newest first, one per incident however many components it names', () => {
    const incidents = incidentsOf(parseRssRecent(ACTIVE, PAGE, NOW));
    expect(incidents.map((incident) => [incident.id, incident.resolvedAt, incident.impact, incident.componentIds])).toEqual([
      ['INC9e8f7a6b', null, 'major_outage', ['Grok (Web)', 'Grok (iOS)']],
      ['INC5a1b2c3d', null, 'degraded', ['API (us-east-1.api.x.ai)']],
    ]);
  });

  it('takes the stated "Resolved:" time over the last update, and keeps incidents of components nobody configured', () => {
    const stated = ACTIVE.replace('<p>Resolved: Mon, 18 May 2026 12:00:00 GMT</p>', '<p>Resolved: Mon, 18 May 2026 12:30:00 GMT</p>');
    const incidents = incidentsOf(parseRssRecent(stated, PAGE, AFTER_MAY_INCIDENT, { components: ['API Console'] }));
    expect(incidents.map((incident) => [incident.id, incident.resolvedAt])).toEqual([['INC702624e4', '2026-05-18T12:30:00.000Z']]);
    const elsewhere = incidentsOf(parseRssRecent(stated, PAGE, AFTER_MAY_INCIDENT, { components: ['Grok (Web)'] }));
    expect(elsewhere.map((incident) => [incident.id, incident.componentIds])).toEqual([['INC702624e4', ['API Console']]]);
  });

  it('keeps an incident open while one of its component copies is open', () => {
    const oneCopyResolved = ACTIVE.replace(
      /(<link>https:\/\/status\.x\.ai\/ios-app\/INC9e8f7a6b<\/link>[\s\S]*?)Status: INVESTIGATING([\s\S]*?)<category>investigating<\/category>/,
      '$1Status: RESOLVED$2<category>resolved</category>',
    );
    expect(oneCopyResolved).not.toBe(ACTIVE);
    const grok = incidentsOf(parseRssRecent(oneCopyResolved, PAGE, NOW)).find((incident) => incident.id === 'INC9e8f7a6b');
    expect(grok).toMatchObject({ resolvedAt: null, componentIds: ['Grok (Web)', 'Grok (iOS)'] });
  });

  it('reads Statuspage history items: resolved ones closed at their date, scheduled work left out', () => {
    const feed = channel(`
<item><title>Elevated API errors</title><guid>i1</guid><link>https://status.example.com/incidents/i1</link><pubDate>Tue, 17 Nov 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - This incident has been resolved.&lt;/p&gt;</description></item>
<item><title>Network upgrade</title><guid>m2</guid><pubDate>Tue, 24 Nov 2026 09:00:00 +0000</pubDate>
<description>&lt;p&gt;&lt;strong&gt;Scheduled&lt;/strong&gt; - We will upgrade the network on Dec 1.&lt;/p&gt;</description></item>`);
    expect(incidentsOf(parseRssRecent(feed, 'https://status.example.com', NOW))).toEqual([
      {
        id: 'i1',
        title: 'Elevated API errors',
        impact: 'degraded',
        status: 'resolved',
        startedAt: '2026-11-17T08:00:00.000Z',
        latestUpdate: { body: 'Resolved - This incident has been resolved.', at: '2026-11-17T08:00:00.000Z', status: 'resolved' },
        url: 'https://status.example.com/incidents/i1',
        componentIds: ['feed'],
        maintenance: false,
        resolvedAt: '2026-11-17T08:00:00.000Z',
      },
    ]);
  });

  it('keeps titles as text, and refuses what is not a feed', () => {
    const hostile = ACTIVE.replace('Grok is temporarily unavailable', '&lt;img src=x onerror=alert(1)&gt; unavailable');
    expect(incidentsOf(parseRssRecent(hostile, PAGE, NOW))[0]!.title).toBe('<img src=x onerror=alert(1)> unavailable');
    for (const body of ['<!DOCTYPE html><html></html>', ACTIVE.slice(0, ACTIVE.lastIndexOf('</channel>')), '403 Forbidden', 42]) {
      expect(parseRssRecent(body, PAGE, NOW).ok).toBe(false);
    }
  });

  it('reads the same feed as read: <pageUrl>/feed.xml or params.feedUrl', async () => {
    const fetcher = fakeFetcher({ 'https://status.x.ai/feed.xml': ACTIVE, 'https://status.example.com/history.rss': RESOLVED });
    expect(incidentsOf(await rss.recent!({ pageUrl: PAGE, platform: 'rss' }, fetcher, NOW))).toHaveLength(2);
    await rss.recent!({ pageUrl: 'https://status.example.com', platform: 'rss', params: { feedUrl: 'https://status.example.com/history.rss' } }, fetcher, NOW);
    expect(fetcher.requested).toEqual(['https://status.x.ai/feed.xml', 'https://status.example.com/history.rss']);
  });

  describe('fuzzing', () => {
    const xmlOptions = { ignoreAttributes: false, parseTagValue: false } as const;
    const resolvedObject: unknown = new XMLParser(xmlOptions).parse(RESOLVED);
    const builder = new XMLBuilder(xmlOptions);

    it('fuzz: arbitrary text never throws and never makes an ill-formed list', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), anyJson), (body) => wellFormedRecent(parseRssRecent(body, PAGE, NOW))),
        { numRuns: FUZZ_RUNS },
      );
    }, FUZZ_TIMEOUT_MS);

    it('fuzz: a truncated feed is refused, never read as a shorter history', () => {
      fc.assert(
        fc.property(fc.nat(), (cut) => !parseRssRecent(ACTIVE.slice(0, cut % ACTIVE.lastIndexOf('</rss>')), PAGE, NOW).ok),
        { numRuns: FUZZ_RUNS },
      );
    }, FUZZ_TIMEOUT_MS);

    it('fuzz: the real capture with its envelope or item broken never throws and invents no incident', () => {
      expect(incidentsOf(parseRssRecent(builder.build(resolvedObject), PAGE, AFTER_MAY_INCIDENT))).toHaveLength(1);
      const fields = ['title', 'link', 'guid', 'description', 'pubDate', 'category'];
      const required = [['rss'], ['rss', 'channel'], ['rss', 'channel', 'title'], ['rss', 'channel', 'item'], ...fields.map((field) => ['rss', 'channel', 'item', field])];
      fc.assert(
        fc.property(brokenVariants(resolvedObject, required), (broken) => {
          const result = parseRssRecent(builder.build(broken), PAGE, AFTER_MAY_INCIDENT);
          return wellFormedRecent(result) && (!result.ok || result.incidents.length <= 1);
        }),
        { numRuns: FUZZ_RUNS },
      );
    }, FUZZ_TIMEOUT_MS);
  });
});
