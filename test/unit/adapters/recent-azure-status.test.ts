import fc from 'fast-check';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AZURE_FEED_URLS, AZURE_STATUS_PAGE, azureStatus, parseAzureStatusRecent } from '../../../src/status/adapters/azure-status.ts';
import { azureFixture, EMPTY, withItems } from '../../fixtures/status/azure-status/feed.ts';
import { fakeFetcher } from '../../support/fake-fetcher.ts';
import { FUZZ_RUNS, anyJson, brokenVariants } from '../../support/fuzz.ts';
import { FUZZ_TIMEOUT_MS, incidentsOf, wellFormedRecent } from './recent-support.ts';

const PAGE = AZURE_STATUS_PAGE;
const NOW = new Date('2026-11-24T12:00:00Z');
const AI_SERVICES = { services: ['Azure OpenAI', 'Azure AI Foundry', 'Azure AI services'] };

const WEST_US = azureFixture('azure-feed-20260723.xml');

const OPEN = {
  title: 'Azure OpenAI - Degraded performance in East US',
  description: '&lt;p&gt;Starting at 09:40 UTC, customers using Azure OpenAI in East US may see elevated latency.&lt;/p&gt;',
  categories: ['Azure OpenAI', 'East US'],
  guid: 'azure-openai-degraded-performance-in-east-us',
};
const RESOLVED = {
  title: '[RESOLVED] Azure AI Foundry - Connectivity issues',
  description: '&lt;p&gt;Between 02:10 and 04:55 UTC, customers could not reach Azure AI Foundry projects. This issue is now mitigated.&lt;/p&gt;',
  categories: ['Azure AI Foundry'],
  pubDate: 'Sun, 22 Nov 2026 05:10:00 Z',
  guid: 'resolved-azure-ai-foundry-connectivity-issues',
};

describe('Azure status RSS (recent)', () => {
  it('the real empty channel: no recent incident; a real incident naming other services: none either', () => {
    expect(incidentsOf(parseAzureStatusRecent(EMPTY, PAGE, NOW, AI_SERVICES))).toEqual([]);
    expect(incidentsOf(parseAzureStatusRecent(WEST_US, PAGE, new Date('2026-07-24T00:00:00Z'), AI_SERVICES))).toEqual([]);
  });

  it('the real West US incident, for a service it names, is listed open', () => {
    const incidents = incidentsOf(parseAzureStatusRecent(WEST_US, PAGE, new Date('2026-07-24T00:00:00Z'), { services: ['Azure Kubernetes Service (AKS)'] }));
    expect(incidents.map((incident) => [incident.title, incident.resolvedAt, incident.componentIds])).toEqual([
      ['Issues connecting to resources in West US', null, ['azure-kubernetes-service-aks']],
    ]);
  });

  it('lists open items and items titled as resolved (closed at their publication), newest first', () => {
    const incidents = incidentsOf(parseAzureStatusRecent(withItems(RESOLVED, OPEN), PAGE, NOW, AI_SERVICES));
    expect(incidents).toEqual([
      expect.objectContaining({ title: OPEN.title, impact: 'degraded', status: 'active', resolvedAt: null, componentIds: ['azure-openai'], url: PAGE }),
      expect.objectContaining({
        title: RESOLVED.title,
        impact: 'degraded',
        status: 'resolved',
        startedAt: '2026-11-22T05:10:00.000Z',
        resolvedAt: '2026-11-22T05:10:00.000Z',
        componentIds: ['azure-ai-foundry'],
      }),
    ]);
    expect(incidents[1]!.latestUpdate).toEqual({
      body: 'Between 02:10 and 04:55 UTC, customers could not reach Azure AI Foundry projects. This issue is now mitigated.',
      at: '2026-11-22T05:10:00.000Z',
      status: 'resolved',
    });
  });

  it('leaves out an undated resolution, and refuses a page that is not the Azure feed or a config without services', () => {
    const undated = withItems({ ...RESOLVED, pubDate: 'yesterday' });
    expect(incidentsOf(parseAzureStatusRecent(undated, PAGE, NOW, AI_SERVICES))).toEqual([]);
    expect(parseAzureStatusRecent('<!DOCTYPE html><html></html>', PAGE, NOW, AI_SERVICES).ok).toBe(false);
    expect(parseAzureStatusRecent(EMPTY.replace('Azure Status', 'Portal news'), PAGE, NOW, AI_SERVICES).ok).toBe(false);
    expect(parseAzureStatusRecent(EMPTY, PAGE, NOW, {}).ok).toBe(false);
  });

  it('reads the feed from its first host, else the second', async () => {
    const fetcher = fakeFetcher({ [AZURE_FEED_URLS[1]]: withItems(OPEN) });
    const result = await azureStatus.recent!({ pageUrl: PAGE, platform: 'azure-status', params: AI_SERVICES }, fetcher, NOW);
    expect(incidentsOf(result)).toHaveLength(1);
    expect(fetcher.requested).toEqual([...AZURE_FEED_URLS]);
  });

  it('fuzz: arbitrary text never throws and never makes an ill-formed list', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), anyJson), (body) => wellFormedRecent(parseAzureStatusRecent(body, PAGE, NOW, AI_SERVICES))),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('fuzz: a feed with its envelope or item broken never throws and invents no incident', () => {
    const xmlOptions = { ignoreAttributes: false, parseTagValue: false } as const;
    const valid: unknown = new XMLParser(xmlOptions).parse(withItems(RESOLVED));
    const builder = new XMLBuilder(xmlOptions);
    const fields = ['title', 'description', 'category', 'pubDate', 'guid'];
    const required = [['rss'], ['rss', 'channel'], ['rss', 'channel', 'title'], ['rss', 'channel', 'item'], ...fields.map((field) => ['rss', 'channel', 'item', field])];
    fc.assert(
      fc.property(brokenVariants(valid, required), (broken) => {
        const result = parseAzureStatusRecent(builder.build(broken), PAGE, NOW, AI_SERVICES);
        return wellFormedRecent(result) && (!result.ok || result.incidents.length <= 1);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});
