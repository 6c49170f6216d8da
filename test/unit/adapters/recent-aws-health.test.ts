import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AWS_CURRENT_EVENTS_URL, awsHealth, awsRssUrl, parseAwsRecent, parseAwsRssFeeds } from '../../../src/status/adapters/aws-health.ts';
import { regionFeed, type Post } from '../../fixtures/status/aws-health/region-feed.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, incidentsOf, wellFormedRecent } from './recent-support.ts';

const PAGE = 'https://health.aws.amazon.com/health/status';
const NOW = new Date('2026-11-24T12:00:00Z');
const REGIONS = { regions: ['us-east-1', 'us-west-2'] };
const ALL_CLEAR = readFileSync(new URL('../../fixtures/status/aws-health/bedrock-us-east-1.allclear.rss', import.meta.url), 'utf8');

const DETECTED: Post = {
  title: 'Informational message: Increased Error Rates',
  at: 'Fri, 20 Nov 2026 02:10:00 PST',
  body: 'We are investigating increased error rates for InvokeModel in the US-EAST-1 Region.',
};
const ESCALATED: Post = {
  title: 'Service disruption: Increased Error Rates',
  at: 'Fri, 20 Nov 2026 02:45:00 PST',
  body: 'We can confirm that most InvokeModel requests fail in the US-EAST-1 Region. We are working on mitigation.',
};
const RESOLVED: Post = {
  title: 'Service is operating normally: [RESOLVED] Increased Error Rates',
  at: 'Fri, 20 Nov 2026 03:30:00 PST',
  body: 'Between 2:02 AM and 3:21 AM PST we experienced increased error rates. The issue has been resolved.',
};
const OPEN_NOW: Post = {
  title: 'Performance issues: Elevated Latencies',
  at: 'Tue, 24 Nov 2026 03:10:00 PST',
  body: 'We are investigating elevated latencies for Converse API requests.',
};

describe('AWS Health region feeds (recent)', () => {
  it('lists resolved and open events newest first; a resolved one with the worst impact its posts declared', () => {
    const feeds = { 'us-east-1': regionFeed('us-east-1', [OPEN_NOW, RESOLVED, ESCALATED, DETECTED]), 'us-west-2': regionFeed('us-west-2', []) };
    expect(incidentsOf(parseAwsRecent(feeds, PAGE, NOW, REGIONS))).toEqual([
      {
        id: 'https://status.aws.amazon.com/#bedrock-us-east-1_1795518600',
        title: 'Elevated Latencies',
        impact: 'degraded',
        status: 'performance issues',
        startedAt: '2026-11-24T11:10:00.000Z',
        latestUpdate: { body: 'We are investigating elevated latencies for Converse API requests.', at: '2026-11-24T11:10:00.000Z', status: 'Performance issues' },
        url: PAGE,
        componentIds: ['us-east-1'],
        maintenance: false,
        resolvedAt: null,
      },
      {
        id: 'https://status.aws.amazon.com/#bedrock-us-east-1_1795169400',
        title: 'Increased Error Rates',
        impact: 'major_outage',
        status: 'resolved',
        startedAt: '2026-11-20T10:10:00.000Z',
        latestUpdate: { body: RESOLVED.body, at: '2026-11-20T11:30:00.000Z', status: 'resolved' },
        url: PAGE,
        componentIds: ['us-east-1'],
        maintenance: false,
        resolvedAt: '2026-11-20T11:30:00.000Z',
      },
    ]);
  });

  it('shows an open event exactly as read does', () => {
    const feeds = { 'us-east-1': regionFeed('us-east-1', [ESCALATED, DETECTED]) };
    const read = parseAwsRssFeeds(feeds, PAGE, NOW, { regions: ['us-east-1'] });
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(incidentsOf(parseAwsRecent(feeds, PAGE, NOW, { regions: ['us-east-1'] }))).toEqual(read.health.incidents.map((incident) => ({ ...incident, resolvedAt: null })));
  });

  it('lists one event posted alike to several regions once, and a lone resolution post as an event of its own', () => {
    const lone: Post = {
      title: 'Resolved: Informational message: Delays in Model Availability',
      at: 'Mon, 23 Nov 2026 09:00:00 PST',
      body: 'Newly released models were delayed in the US-WEST-2 Region. The issue has been resolved.',
    };
    const feeds = {
      'us-east-1': regionFeed('us-east-1', [RESOLVED, ESCALATED, DETECTED]),
      'us-west-2': regionFeed('us-west-2', [lone, RESOLVED, DETECTED]),
    };
    const incidents = incidentsOf(parseAwsRecent(feeds, PAGE, NOW, REGIONS));
    expect(incidents.map((incident) => [incident.title, incident.componentIds, incident.impact, incident.startedAt, incident.resolvedAt])).toEqual([
      ['Delays in Model Availability', ['us-west-2'], 'degraded', null, '2026-11-23T17:00:00.000Z'],
      ['Increased Error Rates', ['us-east-1', 'us-west-2'], 'major_outage', '2026-11-20T10:10:00.000Z', '2026-11-20T11:30:00.000Z'],
    ]);
  });

  it('reads the fixture feed, whose event is out of the 90-day window today but not in March 2024', () => {
    expect(incidentsOf(parseAwsRecent({ 'us-east-1': ALL_CLEAR }, PAGE, NOW, { regions: ['us-east-1'] }))).toEqual([]);
    const march = incidentsOf(parseAwsRecent({ 'us-east-1': ALL_CLEAR }, PAGE, new Date('2024-03-25T00:00:00Z'), { regions: ['us-east-1'] }));
    expect(march.map((incident) => [incident.title, incident.impact, incident.startedAt, incident.resolvedAt])).toEqual([
      ['Increased Error Rates', 'degraded', '2024-03-19T17:13:00.000Z', '2024-03-19T18:02:00.000Z'],
    ]);
  });

  it('skips a region whose feed is not RSS, and fails only when no region can be read', () => {
    const feeds = { 'us-east-1': regionFeed('us-east-1', [RESOLVED, DETECTED]), 'us-west-2': '<!DOCTYPE html><html></html>' };
    expect(incidentsOf(parseAwsRecent(feeds, PAGE, NOW, REGIONS))).toHaveLength(1);
    expect(parseAwsRecent({ 'us-west-2': '<html></html>' }, PAGE, NOW, REGIONS).ok).toBe(false);
    expect(parseAwsRecent({}, PAGE, NOW, {}).ok).toBe(false);
  });

  it('fetches the region feeds only (currentevents lists nothing that ended), and rejects when every feed fails', async () => {
    const fetcher = fakeFetcher({
      [awsRssUrl('bedrock', 'us-east-1')]: regionFeed('us-east-1', [RESOLVED, DETECTED]),
      [awsRssUrl('bedrock', 'us-west-2')]: regionFeed('us-west-2', []),
    });
    const result = await awsHealth.recent!({ pageUrl: PAGE, platform: 'aws-health', params: REGIONS }, fetcher, NOW);
    expect(incidentsOf(result)).toHaveLength(1);
    expect(fetcher.requested).not.toContain(AWS_CURRENT_EVENTS_URL);
    expect(fetcher.requested.toSorted()).toEqual([awsRssUrl('bedrock', 'us-east-1'), awsRssUrl('bedrock', 'us-west-2')]);
    await expect(awsHealth.recent!({ pageUrl: PAGE, platform: 'aws-health', params: REGIONS }, fakeFetcher({}), NOW)).rejects.toThrow('HTTP 404');
  });

  it('fuzz: arbitrary bodies never throw and never make an ill-formed list', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), anyJson), fc.oneof(fc.string(), anyJson), (east, west) =>
        wellFormedRecent(parseAwsRecent({ 'us-east-1': east, 'us-west-2': west }, PAGE, NOW, REGIONS)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('reads a post titled like an object property (__proto__, constructor) as an event like any other', () => {
    for (const title of ['__proto__', 'constructor', 'toString: x']) {
      const feed = regionFeed('us-east-1', [{ ...DETECTED, title }]);
      const result = parseAwsRecent({ 'us-east-1': feed }, PAGE, NOW, { regions: ['us-east-1'] });
      expect(wellFormedRecent(result), title).toBe(true);
      expect(incidentsOf(result).every((incident) => typeof incident.impact === 'string'), title).toBe(true);
    }
  });

  it('fuzz: a feed with its envelope or posts broken never throws and invents no event', () => {
    const xmlOptions = { ignoreAttributes: false, parseTagValue: false } as const;
    const valid: unknown = new XMLParser(xmlOptions).parse(regionFeed('us-east-1', [RESOLVED, DETECTED]));
    const builder = new XMLBuilder(xmlOptions);
    const fields = ['title', 'pubDate', 'guid', 'description'];
    const required = [['rss'], ['rss', 'channel'], ['rss', 'channel', 'item'], ...[0, 1].flatMap((i) => fields.map((field) => ['rss', 'channel', 'item', String(i), field]))];
    fc.assert(
      fc.property(brokenVariants(valid, required), (broken) => {
        const result = parseAwsRecent({ 'us-east-1': builder.build(broken) }, PAGE, NOW, { regions: ['us-east-1'] });
        // Two posts make at most two events.
        return wellFormedRecent(result) && (!result.ok || result.incidents.length <= 2);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
