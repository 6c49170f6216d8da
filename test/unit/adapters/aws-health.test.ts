import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  AWS_CURRENT_EVENTS_URL,
  awsHealth,
  awsRssUrl,
  classifyAwsTitle,
  parseAwsCurrentEvents,
  parseAwsRssFeeds,
} from '../../../src/status/adapters/aws-health.ts';
import type { ParseResult } from '../../../src/status/adapter.ts';
import { decodeBody } from '../../../src/status/decode.ts';
import currentEvents from '../../fixtures/status/aws-health/aws-currentevents.decoded.json' with { type: 'json' };
import { regionFeed, type Post } from '../../fixtures/status/aws-health/region-feed.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = 'https://health.aws.amazon.com/health/status';
const NOW = new Date('2026-11-24T12:00:00Z');
const REGIONS = { regions: ['us-east-1', 'us-west-2'] };
const ALL_CLEAR = readFileSync(new URL('../../fixtures/status/aws-health/bedrock-us-east-1.allclear.rss', import.meta.url), 'utf8');

const EMPTY = (region: string) => regionFeed(region, []);

const DETECTED: Post = {
  title: 'Informational message: Increased Error Rates',
  at: 'Tue, 24 Nov 2026 02:10:00 PST',
  body: 'We are investigating increased error rates for InvokeModel in the US-EAST-1 Region.',
};
const ESCALATED: Post = {
  title: 'Service disruption: Increased Error Rates',
  at: 'Tue, 24 Nov 2026 02:45:00 PST',
  body: 'We can confirm that most InvokeModel requests fail in the US-EAST-1 Region. We are working on mitigation.',
};
const RESOLVED: Post = {
  title: 'Service is operating normally: [RESOLVED] Increased Error Rates',
  at: 'Tue, 24 Nov 2026 03:30:00 PST',
  body: 'Between 2:02 AM and 3:21 AM PST we experienced increased error rates. The issue has been resolved.',
};

function health(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('AWS Health per-region RSS', () => {
  it('reads a feed whose only event is resolved as operational', () => {
    const result = health(parseAwsRssFeeds({ 'us-east-1': ALL_CLEAR }, PAGE, NOW, { regions: ['us-east-1'] }));
    expect(result.level).toBe('operational');
    expect(result.components).toEqual([{ id: 'us-east-1', name: 'Amazon Bedrock (us-east-1)', level: 'operational' }]);
    expect(result.incidents).toEqual([]);
    expect(result.description).toBe('');
    // The feed last changed with its newest post; AWS regenerates it all the time, which shows it is live.
    expect(result.pageUpdatedAt).toBe('2024-03-19T18:02:00.000Z');
    expect(result.liveness).toEqual({ at: '2026-11-24T11:55:12.000Z', signal: 'build-time' });
    expect(result.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads an RSS channel without items as no events', () => {
    const result = health(parseAwsRssFeeds({ 'us-east-1': EMPTY('us-east-1'), 'us-west-2': EMPTY('us-west-2') }, PAGE, NOW, REGIONS));
    expect(result.level).toBe('operational');
    expect(result.components.map((component) => component.level)).toEqual(['operational', 'operational']);
  });

  it('groups the posts of an open event and reports its latest state', () => {
    const feeds = { 'us-east-1': regionFeed('us-east-1', [ESCALATED, DETECTED]), 'us-west-2': EMPTY('us-west-2') };
    const result = health(parseAwsRssFeeds(feeds, PAGE, NOW, REGIONS));
    expect(result.level).toBe('major_outage');
    expect(result.components).toEqual([
      { id: 'us-east-1', name: 'Amazon Bedrock (us-east-1)', level: 'major_outage' },
      { id: 'us-west-2', name: 'Amazon Bedrock (us-west-2)', level: 'operational' },
    ]);
    expect(result.incidents).toEqual([
      {
        id: 'https://status.aws.amazon.com/#bedrock-us-east-1_1795515000',
        title: 'Increased Error Rates',
        impact: 'major_outage',
        status: 'service disruption',
        startedAt: '2026-11-24T10:10:00.000Z',
        latestUpdate: {
          body: 'We can confirm that most InvokeModel requests fail in the US-EAST-1 Region. We are working on mitigation.',
          at: '2026-11-24T10:45:00.000Z',
          status: 'Service disruption',
        },
        url: PAGE,
        componentIds: ['us-east-1'],
        maintenance: false,
      },
    ]);
    expect(result.description).toBe('');
  });

  it('keeps an informational message yellow, not red', () => {
    const result = health(parseAwsRssFeeds({ 'us-east-1': regionFeed('us-east-1', [DETECTED]) }, PAGE, NOW, { regions: ['us-east-1'] }));
    expect(result.level).toBe('degraded');
    expect(result.incidents.map((incident) => [incident.title, incident.status])).toEqual([['Increased Error Rates', 'informational message']]);
  });

  it('reads recovery: a later "[RESOLVED]" post closes the event, whatever the order in the feed', () => {
    const newestFirst = regionFeed('us-east-1', [RESOLVED, ESCALATED, DETECTED]);
    const shuffled = regionFeed('us-east-1', [ESCALATED, RESOLVED, DETECTED]);
    for (const feed of [newestFirst, shuffled]) {
      const result = health(parseAwsRssFeeds({ 'us-east-1': feed }, PAGE, NOW, { regions: ['us-east-1'] }));
      expect(result.level).toBe('operational');
      expect(result.incidents).toEqual([]);
    }
  });

  it('reads the newer "Resolved: …" title form as a resolution', () => {
    const feed = regionFeed('us-east-1', [
      { title: 'Resolved: Informational message: Recovery underway', at: 'Tue, 24 Nov 2026 03:00:00 PST', body: 'The issue has been resolved.' },
      { title: 'Informational message: Recovery underway', at: 'Tue, 24 Nov 2026 02:00:00 PST', body: 'Recovery is underway.' },
    ]);
    expect(health(parseAwsRssFeeds({ 'us-east-1': feed }, PAGE, NOW, { regions: ['us-east-1'] })).level).toBe('operational');
  });

  it('a new event opened after an older one resolved is open', () => {
    const reopened: Post = { ...DETECTED, at: 'Tue, 24 Nov 2026 04:00:00 PST' };
    const result = health(parseAwsRssFeeds({ 'us-east-1': regionFeed('us-east-1', [reopened, RESOLVED, DETECTED]) }, PAGE, NOW, { regions: ['us-east-1'] }));
    expect(result.level).toBe('degraded');
    expect(result.incidents.map((incident) => [incident.startedAt, incident.latestUpdate?.at])).toEqual([
      ['2026-11-24T12:00:00.000Z', '2026-11-24T12:00:00.000Z'],
    ]);
  });

  it('a resolution closes the event even when its title changed between posts', () => {
    const renamed: Post = { ...ESCALATED, title: 'Service disruption: Increased Error Rates and Latencies' };
    const resolved: Post = { ...RESOLVED, title: 'Service is operating normally: [RESOLVED] Increased Error Rates and Latencies' };
    const open = health(parseAwsRssFeeds({ 'us-east-1': regionFeed('us-east-1', [renamed, DETECTED]) }, PAGE, NOW, { regions: ['us-east-1'] }));
    expect(open.incidents.map((incident) => [incident.title, incident.impact])).toEqual([
      ['Increased Error Rates', 'degraded'],
      ['Increased Error Rates and Latencies', 'major_outage'],
    ]);
    expect(open.level).toBe('major_outage');
    const closed = health(parseAwsRssFeeds({ 'us-east-1': regionFeed('us-east-1', [resolved, renamed, DETECTED]) }, PAGE, NOW, { regions: ['us-east-1'] }));
    expect(closed.level).toBe('operational');
    expect(closed.incidents).toEqual([]);
  });

  it('a post at the same minute as the resolution stays open, and an undated resolution closes nothing', () => {
    const sameMinute: Post = { ...DETECTED, title: 'Informational message: Elevated latency', at: RESOLVED.at };
    const tie = health(parseAwsRssFeeds({ 'us-east-1': regionFeed('us-east-1', [RESOLVED, sameMinute, DETECTED]) }, PAGE, NOW, { regions: ['us-east-1'] }));
    expect(tie.incidents.map((incident) => incident.title)).toEqual(['Elevated latency']);
    const undated = regionFeed('us-east-1', [RESOLVED, DETECTED]).replace(`<pubDate>${RESOLVED.at}</pubDate>`, '');
    expect(health(parseAwsRssFeeds({ 'us-east-1': undated }, PAGE, NOW, { regions: ['us-east-1'] })).level).toBe('degraded');
  });

  it('classifies titles by AWS prefix, then by their words, else unknown', () => {
    const levels = [
      'Informational message: Increased Error Rates',
      'Performance issues: Elevated latencies',
      'Service impact: Increased Connectivity Issues and API Error Rates',
      'Service disruption: Increased Error Rates',
      'Increased Error Rates',
      'Bedrock update',
      '',
      'Service is operating normally: [RESOLVED] Increased Error Rates',
      'Informational message: [RESOLVED] Internet connectivity',
    ].map((title) => [classifyAwsTitle(title).level, classifyAwsTitle(title).resolved]);
    expect(levels).toEqual([
      ['degraded', false],
      ['degraded', false],
      ['partial_outage', false],
      ['major_outage', false],
      ['degraded', false],
      ['unknown', false],
      ['unknown', false],
      ['operational', true],
      ['operational', true],
    ]);
  });

  it('never reads an unreadable region as operational', () => {
    const feeds = {
      'us-east-1': '<html><head><title>403 Forbidden</title></head><body>Request blocked.</body></html>',
      'us-west-2': EMPTY('us-west-2').slice(0, 200),
    };
    const result = health(parseAwsRssFeeds(feeds, PAGE, NOW, { regions: ['us-east-1', 'us-west-2', 'eu-central-1'] }));
    expect(result.components.map((component) => component.level)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(result.level).toBe('unknown');
    expect(result.description).toBe('');
  });

  it('refuses a configuration without regions', () => {
    expect(parseAwsRssFeeds({}, PAGE, NOW, {}).ok).toBe(false);
    expect(parseAwsRssFeeds({}, PAGE, NOW, { regions: ['us-east-1'], service: '../x' }).ok).toBe(false);
  });
});

describe('AWS Health currentevents', () => {
  const REAL_REGIONS = { regions: ['us-east-1', 'us-west-2', 'me-central-1', 'me-south-1'] };

  it('reads the real sample: Bedrock disrupted in me-central-1 and me-south-1, resolved events ignored', () => {
    const result = health(parseAwsCurrentEvents(currentEvents, PAGE, NOW, REAL_REGIONS));
    expect(result.level).toBe('major_outage');
    expect(result.components.map((component) => [component.id, component.level])).toEqual([
      ['us-east-1', 'operational'],
      ['us-west-2', 'operational'],
      ['me-central-1', 'major_outage'],
      ['me-south-1', 'major_outage'],
    ]);
    expect(result.incidents[0]).toEqual({
      id: 'arn:aws:health:me-central-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_5E6B8_EF2498889B5',
      title: 'Increased Error Rates',
      impact: 'major_outage',
      status: 'disrupted',
      startedAt: '2026-03-01T12:51:25.000Z',
      latestUpdate: {
        body: 'We are investigating issues with AWS services in the ME-CENTRAL-1 Region.',
        at: '2026-03-01T12:51:25.000Z',
        status: 'informational',
      },
      url: PAGE,
      componentIds: ['me-central-1'],
      maintenance: false,
    });
    expect(result.incidents.map((incident) => incident.componentIds)).toEqual([['me-central-1'], ['me-south-1']]);
  });

  it('reads the UTF-16 body AWS serves, little- and big-endian, through decodeBody', () => {
    const text = JSON.stringify(currentEvents);
    const expected = parseAwsCurrentEvents(currentEvents, PAGE, NOW, REAL_REGIONS);
    for (const littleEndian of [true, false]) {
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
      expect(parseAwsCurrentEvents(decodeBody(bytes), PAGE, NOW, REAL_REGIONS)).toEqual(expected);
    }
    // A body whose BOM survived decoding as U+FEFF still parses.
    expect(parseAwsCurrentEvents(`\uFEFF${text}`, PAGE, NOW, REAL_REGIONS)).toEqual(expected);
  });

  it('reads an informational event as degraded, a recovered service inside an open event as clear', () => {
    const events = [
      { arn: 'a1', service: 'bedrock-us-east-1', status: '1', summary: 'Increased Latency', date: '1795946400' },
      { arn: 'a2', service: 'multipleservices-us-west-2', status: '3', impacted_services: { 'bedrock-us-west-2': { current: '0', max: '3' } } },
    ];
    const result = health(parseAwsCurrentEvents(events, PAGE, NOW, REGIONS));
    expect(result.components.map((component) => component.level)).toEqual(['degraded', 'operational']);
    expect(result.incidents.map((incident) => [incident.id, incident.status])).toEqual([['a1', 'informational']]);
  });

  it('ignores closed events (status 0 or an end_time)', () => {
    const events = [
      { arn: 'a1', service: 'bedrock-us-east-1', status: '0', summary: 'x' },
      { arn: 'a2', service: 'bedrock-us-west-2', status: '2', end_time: '1795950000', summary: 'y' },
    ];
    expect(health(parseAwsCurrentEvents(events, PAGE, NOW, REGIONS)).level).toBe('operational');
  });

  it('an empty list or a list of junk is not all clear; a body that is not a list is refused', () => {
    expect(health(parseAwsCurrentEvents([], PAGE, NOW, REGIONS)).level).toBe('unknown');
    expect(health(parseAwsCurrentEvents([{}], PAGE, NOW, REGIONS)).level).toBe('unknown');
    expect(health(parseAwsCurrentEvents([{ service: 'bedrock-us-east-1', status: '9' }], PAGE, NOW, REGIONS)).level).toBe('unknown');
    expect(parseAwsCurrentEvents('<html>Service Unavailable</html>', PAGE, NOW, REGIONS).ok).toBe(false);
    expect(parseAwsCurrentEvents({ events: [] }, PAGE, NOW, REGIONS).ok).toBe(false);
  });
});

describe('awsHealth.read', () => {
  const params = { ...REGIONS, currentEvents: 'true' };
  const rssUrls = [awsRssUrl('bedrock', 'us-east-1'), awsRssUrl('bedrock', 'us-west-2')];

  it('reads one RSS feed per region and currentevents', async () => {
    const fetcher = fakeFetcher({
      [rssUrls[0]!]: ALL_CLEAR,
      [rssUrls[1]!]: EMPTY('us-west-2'),
      [AWS_CURRENT_EVENTS_URL]: [{ arn: 'x', service: 'ec2-us-east-1', status: '0' }],
    });
    const result = health(await awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params }, fetcher, NOW));
    expect(result.level).toBe('operational');
    expect([...fetcher.requested].sort()).toEqual([
      AWS_CURRENT_EVENTS_URL,
      'https://status.aws.amazon.com/rss/bedrock-us-east-1.rss',
      'https://status.aws.amazon.com/rss/bedrock-us-west-2.rss',
    ]);
  });

  it('adds multi-service events from currentevents that the service feed does not carry', async () => {
    const fetcher = fakeFetcher({
      [awsRssUrl('bedrock', 'me-central-1')]: EMPTY('me-central-1'),
      [AWS_CURRENT_EVENTS_URL]: currentEvents,
    });
    const result = health(await awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params: { regions: ['me-central-1'] } }, fetcher, NOW));
    expect(result.level).toBe('major_outage');
    expect(result.incidents.map((incident) => [incident.title, incident.componentIds])).toEqual([
      ['Increased Error Rates', ['me-central-1']],
      // The same event in a region nobody configured is kept, for a possible impact, not dropped.
      ['Increased Error Rates', ['me-south-1']],
    ]);
    expect(result.components.map((component) => component.id)).toEqual(['me-central-1']);
  });

  it('skips currentevents when asked, and survives it failing', async () => {
    const fetcher = fakeFetcher({ [rssUrls[0]!]: ALL_CLEAR, [rssUrls[1]!]: EMPTY('us-west-2') });
    const skipped = await awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params: { ...REGIONS, currentEvents: 'false' } }, fetcher, NOW);
    expect(health(skipped).level).toBe('operational');
    expect(fetcher.requested).not.toContain(AWS_CURRENT_EVENTS_URL);
    const failed = await awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params }, fetcher, NOW);
    expect(health(failed).level).toBe('operational');
  });

  it('marks a region whose feed fails as unknown, and rejects when every feed fails', async () => {
    const partial = await awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params }, fakeFetcher({ [rssUrls[0]!]: ALL_CLEAR }), NOW);
    expect(health(partial).components.map((component) => component.level)).toEqual(['operational', 'unknown']);
    await expect(awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params }, fakeFetcher({}), NOW)).rejects.toThrow('HTTP 404');
  });

  it('never puts a malformed region code into a URL', async () => {
    const fetcher = fakeFetcher({ [rssUrls[0]!]: ALL_CLEAR });
    const result = await awsHealth.read({ pageUrl: PAGE, platform: 'aws-health', params: { regions: ['us-east-1', '../../evil'], currentEvents: 'false' } }, fetcher, NOW);
    expect(fetcher.requested).toEqual([rssUrls[0]]);
    expect(health(result).components.map((component) => component.level)).toEqual(['operational', 'unknown']);
  });
});

describe('AWS Health fuzzing', () => {
  const ONE_REGION = { regions: ['us-east-1'] };
  const xmlOptions = { ignoreAttributes: false, parseTagValue: false, commentPropName: false } as const;
  const allClearObject: unknown = new XMLParser(xmlOptions).parse(ALL_CLEAR);
  const builder = new XMLBuilder(xmlOptions);

  it('fuzz: arbitrary text as a feed never throws and never reads as operational', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), anyJson), (body) =>
        neverOperational(parseAwsRssFeeds({ 'us-east-1': body }, PAGE, NOW, ONE_REGION)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a truncated all-clear feed never reads as operational', () => {
    const end = ALL_CLEAR.lastIndexOf('</rss>');
    fc.assert(
      fc.property(fc.nat(end - 1), (cut) => neverOperational(parseAwsRssFeeds({ 'us-east-1': ALL_CLEAR.slice(0, cut) }, PAGE, NOW, ONE_REGION))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: the all-clear feed with its envelope or its resolution post broken never reads as operational', () => {
    const required = [
      ['rss'],
      ['rss', 'channel'],
      ['rss', 'channel', 'item', '0', 'title'],
      ['rss', 'channel', 'item', '0', 'pubDate'],
    ];
    // Rebuilt unbroken, the feed still reads as all clear: the property below tests the breakage, not the builder.
    expect(health(parseAwsRssFeeds({ 'us-east-1': builder.build(allClearObject) }, PAGE, NOW, ONE_REGION)).level).toBe('operational');
    fc.assert(
      fc.property(brokenVariants(allClearObject, required), (broken) =>
        neverOperational(parseAwsRssFeeds({ 'us-east-1': builder.build(broken) }, PAGE, NOW, ONE_REGION)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: arbitrary values as currentevents never throw and never read as operational', () => {
    fc.assert(fc.property(anyJson, (payload) => neverOperational(parseAwsCurrentEvents(payload, PAGE, NOW, ONE_REGION))), { numRuns: FUZZ_RUNS });
  });

  it('fuzz: an all-clear currentevents list with its event broken never reads as operational', () => {
    // The real sample's resolved us-west-2 event alone: a list that proves the endpoint answers, naming no Bedrock event.
    const allClear = [currentEvents[0]];
    expect(health(parseAwsCurrentEvents(allClear, PAGE, NOW, ONE_REGION)).level).toBe('operational');
    fc.assert(
      fc.property(brokenVariants(allClear, [['0']]), (payload) => neverOperational(parseAwsCurrentEvents(payload, PAGE, NOW, ONE_REGION))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
