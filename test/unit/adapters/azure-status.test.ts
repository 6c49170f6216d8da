import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog/index.ts';
import { componentStatus } from '../../../src/health/assess.ts';
import { DEFAULT_SCHEDULE } from '../../../src/health/schedule.ts';
import { AZURE_FEED_URLS, AZURE_STATUS_PAGE, azureStatus, parseAzureStatusFeed, parseAzureStatusRecent } from '../../../src/status/adapters/azure-status.ts';
import type { ParseResult } from '../../../src/status/adapter.ts';
import { azureFixture, EMPTY, withItems } from '../../fixtures/status/azure-status/feed.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants, neverOperational } from '../../support/fuzz.ts';

const PAGE = AZURE_STATUS_PAGE;
const NOW = new Date('2026-11-24T12:00:00Z');
const AI_SERVICES = { services: ['Azure OpenAI', 'Azure AI Foundry', 'Azure AI services'] };

const WEST_US = azureFixture('azure-feed-20260723.xml');
const FRONT_DOOR = azureFixture('azure-feed-20251029.xml');
const CROWDSTRIKE = azureFixture('azure-feed-20240721.xml');

function health(result: ParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.health;
}

describe('Azure status RSS', () => {
  it('reads the real empty channel as every service operational', () => {
    const result = health(parseAzureStatusFeed(EMPTY, PAGE, NOW, AI_SERVICES));
    expect(result.level).toBe('operational');
    expect(result.components).toEqual([
      { id: 'azure-openai', name: 'Azure OpenAI', level: 'operational' },
      { id: 'azure-ai-foundry', name: 'Azure AI Foundry', level: 'operational' },
      { id: 'azure-ai-services', name: 'Azure AI services', level: 'operational' },
    ]);
    expect(result.incidents).toEqual([]);
    expect(result.description).toBe('');
    // No item: nothing changed that the feed says; its build time shows it is still generated.
    expect(result.pageUpdatedAt).toBeNull();
    expect(result.liveness).toEqual({ at: '2026-09-25T04:28:00.000Z', signal: 'build-time' });
    expect(result.fetchedAt).toBe(NOW.toISOString());
  });

  it('reads the real West US incident: matched by category, trimmed title, text description, page link', () => {
    const result = health(parseAzureStatusFeed(WEST_US, PAGE, NOW, { services: ['Azure Kubernetes Service (AKS)', 'Azure OpenAI'] }));
    expect(result.level).toBe('degraded');
    expect(result.components.map((component) => [component.id, component.level])).toEqual([
      ['azure-kubernetes-service-aks', 'degraded'],
      ['azure-openai', 'operational'],
    ]);
    expect(result.incidents).toHaveLength(1);
    const incident = result.incidents[0]!;
    expect(incident).toMatchObject({
      id: 'issues-connecting-to-resources-in-west-us@2026-07-23T16:29:09.000Z',
      title: 'Issues connecting to resources in West US',
      impact: 'degraded',
      status: 'active',
      startedAt: '2026-07-23T16:29:09.000Z',
      url: PAGE,
      componentIds: ['azure-kubernetes-service-aks'],
      maintenance: false,
    });
    expect(incident.latestUpdate?.at).toBe('2026-07-23T16:29:09.000Z');
    expect(incident.latestUpdate?.body.split('\n')).toHaveLength(3);
    expect(incident.latestUpdate?.body).toMatch(/^We are investigating a networking issue affecting connectivity/);
    expect(incident.latestUpdate?.body).not.toMatch(/<p>|&lt;|&amp;/);
    expect(result.description).toBe('');
    expect(result.pageUpdatedAt).toBe('2026-07-23T16:29:09.000Z');
    expect(result.liveness).toEqual({ at: '2026-07-23T16:38:47.000Z', signal: 'build-time' });
  });

  it('keeps an incident on a related service (renamed, neighbouring) that names none of the configured ones', () => {
    const feed = withItems({ title: 'Foundry Models - Elevated errors in East US 2', description: 'Customers may see errors calling deployed models.' });
    const result = health(parseAzureStatusFeed(feed, PAGE, NOW, { ...AI_SERVICES, relatedServices: ['Foundry Models'] }));
    expect(result.incidents.map((incident) => [incident.title, incident.componentIds])).toEqual([['Foundry Models - Elevated errors in East US 2', ['foundry-models']]]);
    // It is no component of ours: the configured services stay as they are.
    expect(result.components.filter((component) => AI_SERVICES.services.includes(component.name)).every((component) => component.level === 'operational')).toBe(true);
    expect(result.components.at(-1)).toEqual({ id: 'foundry-models', name: 'Foundry Models', level: 'degraded' });
    expect(health(parseAzureStatusFeed(feed, PAGE, NOW, AI_SERVICES)).incidents).toEqual([]);
  });

  it('shows an incident on a related service of the registry as a possible impact, never all clear', () => {
    const provider = CATALOG.providers.find((candidate) => candidate.status.platform === 'azure-status')!;
    const feed = withItems({ title: 'Azure Machine Learning - Failures creating online endpoints', description: 'Deployments may fail.' });
    const read = health(parseAzureStatusFeed(feed, PAGE, NOW, provider.status.params));
    // The builder's channel date is fixed; this checks attribution, not liveness.
    const record = { providerId: provider.id, health: { ...read, liveness: null }, lastAttemptAt: NOW.toISOString(), lastError: null, consecutiveFailures: 0 };
    for (const component of provider.components) {
      const status = componentStatus(provider, component, record, NOW, DEFAULT_SCHEDULE);
      expect(status).toMatchObject({ level: 'degraded', possible: true });
      expect(status.possibleIncidents.map(({ componentNames }) => componentNames)).toEqual([['Azure Machine Learning']]);
    }
    const recent = parseAzureStatusRecent(feed, PAGE, NOW, provider.status.params);
    expect(recent.ok && recent.incidents.map((incident) => incident.componentIds)).toEqual([['azure-machine-learning']]);
  });

  it('reads the real Front Door incident by its title, and the CrowdStrike guidance not naming the services as clear', () => {
    const frontDoor = health(parseAzureStatusFeed(FRONT_DOOR, PAGE, NOW, { services: ['Azure Front Door'] }));
    expect(frontDoor.level).toBe('degraded');
    expect(frontDoor.incidents.map((incident) => [incident.title, incident.id])).toEqual([
      ['Azure Front Door - Connectivity issues', 'azure-front-door-connectivity-issues@2025-10-29T16:00:00.000Z'],
    ]);
    const crowdstrike = health(parseAzureStatusFeed(CROWDSTRIKE, PAGE, NOW, AI_SERVICES));
    expect(crowdstrike.level).toBe('operational');
    expect(crowdstrike.incidents).toEqual([]);
  });

  it('an incident naming Azure OpenAI turns that component only; an outage is red', () => {
    const feed = withItems(
      {
        title: 'Azure OpenAI Service - Elevated error rates in East US 2',
        description: '&lt;p&gt;Starting at 09:40 UTC, a subset of customers using Azure OpenAI in East US 2 may see 5xx errors.&lt;/p&gt;',
        categories: ['Azure OpenAI Service', 'East US 2'],
      },
      {
        title: 'Outage affecting AI model deployments in Sweden Central',
        description: 'Customers using Azure AI Foundry may be unable to call deployed models.',
        guid: 'outage-ai-sweden',
        pubDate: 'Tue, 24 Nov 2026 11:15:00 Z',
      },
    );
    const result = health(parseAzureStatusFeed(feed, PAGE, NOW, AI_SERVICES));
    expect(result.components.map((component) => [component.id, component.level])).toEqual([
      ['azure-openai', 'degraded'],
      ['azure-ai-foundry', 'major_outage'],
      ['azure-ai-services', 'operational'],
    ]);
    expect(result.level).toBe('major_outage');
    expect(result.incidents.map((incident) => [incident.title, incident.impact, incident.componentIds])).toEqual([
      ['Azure OpenAI Service - Elevated error rates in East US 2', 'degraded', ['azure-openai']],
      ['Outage affecting AI model deployments in Sweden Central', 'major_outage', ['azure-ai-foundry']],
    ]);
    expect(result.incidents[0]?.latestUpdate).toEqual({
      body: 'Starting at 09:40 UTC, a subset of customers using Azure OpenAI in East US 2 may see 5xx errors.',
      at: '2026-11-24T10:05:00.000Z',
      status: 'active',
    });
  });

  it('reads recovery: the item leaves the feed, or its title says resolved or mitigated', () => {
    expect(health(parseAzureStatusFeed(EMPTY, PAGE, NOW, AI_SERVICES)).level).toBe('operational');
    for (const title of ['[RESOLVED] Azure OpenAI - Elevated error rates', 'Mitigated - Azure OpenAI - Elevated error rates']) {
      const result = health(parseAzureStatusFeed(withItems({ title, description: 'Impact has been mitigated.' }), PAGE, NOW, AI_SERVICES));
      expect(result.level).toBe('operational');
      expect(result.incidents).toEqual([]);
    }
  });

  it('shows a listed maintenance as maintenance, not as an outage', () => {
    const feed = withItems({ title: 'Planned maintenance - Azure AI services in West Europe', description: 'Maintenance is in progress.' });
    const result = health(parseAzureStatusFeed(feed, PAGE, NOW, AI_SERVICES));
    expect(result.components.find((component) => component.id === 'azure-ai-services')?.level).toBe('maintenance');
    expect(result.level).toBe('maintenance');
  });

  it('never reads HTML, a truncated feed, another feed or garbage as all clear', () => {
    const refused = [
      '<!DOCTYPE html><html><head><title>Azure status</title></head><body></body></html>',
      WEST_US.slice(0, WEST_US.indexOf('</item>')),
      EMPTY.slice(0, EMPTY.indexOf('</channel>')),
      EMPTY.replace('<title>Azure Status</title>', '<title>Corporate proxy notices</title>'),
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Azure Status</title></feed>',
      'OK',
      '',
    ];
    for (const body of refused) expect(parseAzureStatusFeed(body, PAGE, NOW, AI_SERVICES).ok).toBe(false);
  });

  it('refuses a configuration without services', () => {
    expect(parseAzureStatusFeed(EMPTY, PAGE, NOW, {}).ok).toBe(false);
    expect(parseAzureStatusFeed(EMPTY, PAGE, NOW, { services: [' '] }).ok).toBe(false);
  });
});

describe('azureStatus.read', () => {
  const page = { pageUrl: PAGE, platform: 'azure-status' as const, params: AI_SERVICES };

  it('reads the feed the status page links', async () => {
    const fetcher = fakeFetcher({ [AZURE_FEED_URLS[0]]: EMPTY });
    expect(health(await azureStatus.read(page, fetcher, NOW)).level).toBe('operational');
    expect(fetcher.requested).toEqual(['https://rssfeed.azure.status.microsoft/en-us/status/feed/']);
  });

  it('falls back to the second host, and rejects when both fail', async () => {
    const fetcher = fakeFetcher({ [AZURE_FEED_URLS[1]]: EMPTY });
    expect(health(await azureStatus.read(page, fetcher, NOW)).level).toBe('operational');
    expect(fetcher.requested).toEqual([
      'https://rssfeed.azure.status.microsoft/en-us/status/feed/',
      'https://azure.status.microsoft/en-us/status/feed/',
    ]);
    await expect(azureStatus.read(page, fakeFetcher({}), NOW)).rejects.toThrow('HTTP 404');
  });

  it('reads params.feedUrl instead when given', async () => {
    const fetcher = fakeFetcher({ 'https://example.test/azure.xml': EMPTY });
    await azureStatus.read({ ...page, params: { ...AI_SERVICES, feedUrl: 'https://example.test/azure.xml' } }, fetcher, NOW);
    expect(fetcher.requested).toEqual(['https://example.test/azure.xml']);
  });
});

describe('Azure status fuzzing', () => {
  const xmlOptions = { ignoreAttributes: false, parseTagValue: false } as const;
  const emptyObject: unknown = new XMLParser(xmlOptions).parse(EMPTY);
  const builder = new XMLBuilder(xmlOptions);

  it('fuzz: arbitrary text never throws and never reads as operational', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), anyJson), (body) => neverOperational(parseAzureStatusFeed(body, PAGE, NOW, AI_SERVICES))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a truncated feed never reads as operational', () => {
    const end = EMPTY.lastIndexOf('</rss>');
    fc.assert(
      fc.property(fc.nat(end - 1), (cut) => neverOperational(parseAzureStatusFeed(EMPTY.slice(0, cut), PAGE, NOW, AI_SERVICES))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: the empty channel with its envelope or title broken never reads as operational', () => {
    expect(health(parseAzureStatusFeed(builder.build(emptyObject), PAGE, NOW, AI_SERVICES)).level).toBe('operational');
    const required = [['rss'], ['rss', 'channel'], ['rss', 'channel', 'title']];
    fc.assert(
      fc.property(brokenVariants(emptyObject, required), (broken) => neverOperational(parseAzureStatusFeed(builder.build(broken), PAGE, NOW, AI_SERVICES))),
      { numRuns: FUZZ_RUNS },
    );
  });
});
