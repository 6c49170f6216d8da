import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { FetchError } from '../../src/status/adapter.ts';
import { offlineFetchers, RECORDED_PROVIDERS } from '../../scripts/registry-check-captures.ts';
import { checkProvider, checkRegistry, formatReport } from '../../scripts/registry-check-core.ts';
import together from '../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import { claudeSummary } from '../fixtures/status/scenarios.ts';
import { allClearFetcher } from '../support/all-clear-fetcher.ts';
import { fakeFetcher } from '../support/fake-fetcher.ts';

const NOW = new Date();
const provider = (id: string) => CATALOG.providers.find((candidate) => candidate.id === id)!;
const anthropic = provider('anthropic');
const synthetic = (now: Date) => () => ({ fetcher: allClearFetcher(now), source: 'synthetic' as const });

/** xAI's feed with one item, titled as xAI titles them: `[Component] title`. */
function xaiFeed(component: string): string {
  const slug = component.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>xAI status</title><link>https://status.x.ai</link>
<item><title>[${component}] Elevated errors</title><link>https://status.x.ai/${slug}/INC01</link><guid isPermaLink="false">INC01</guid><pubDate>${NOW.toUTCString()}</pubDate><category>available</category><category>resolved</category>
<description><![CDATA[<h3>Status: RESOLVED</h3><p>Severity: available</p>]]></description></item></channel></rss>`;
}

describe('the registry self-check', () => {
  it('agrees with the synthetic all-clear pages built from the registry, every provider', async () => {
    const checks = await checkRegistry(CATALOG.providers, synthetic(NOW), NOW);
    // xAI's all-clear page is its real feed capture, whose one incident names none of the components mapped.
    expect(checks.filter((check) => !check.ok).map((check) => [check.providerId, check.componentsFound])).toEqual([['xai', []]]);
    expect(checks).toHaveLength(CATALOG.providers.length);
    const report = formatReport(checks, 'fixtures', NOW);
    expect(report).toContain('| provider | platform | checked against | reachable | shape | components | newest incident | verdict |');
    expect(report).toContain(`${CATALOG.providers.length - 1} of ${CATALOG.providers.length} providers OK.`);
    const line = report.split('\n').find((text) => text.startsWith('Checked against synthetic all-clear pages built from the registry itself (their OK says only that adapter and registry agree): '));
    expect(line?.split(': ')[1]?.replace(/\.$/, '').split(', ').sort()).toEqual(checks.map((check) => check.providerId).sort());
  });

  it('without a network, reads real captures where there are some and says which providers had only synthetic pages', async () => {
    const checks = await checkRegistry(CATALOG.providers, offlineFetchers(NOW), NOW);
    const recorded = checks.filter((check) => check.source === 'recorded').map((check) => check.providerId);
    expect(recorded.sort()).toEqual([...RECORDED_PROVIDERS].sort());
    expect(recorded).toEqual(expect.arrayContaining(['anthropic', 'xai', 'google']));
    // The real Claude capture lists every component the registry maps for Anthropic.
    expect(checks.find((check) => check.providerId === 'anthropic')).toMatchObject({ source: 'recorded', ok: true, componentsMissing: [] });
    const report = formatReport(checks, 'fixtures', NOW);
    expect(report).toContain('| anthropic | atlassian-statuspage | recorded capture | yes | recognised | 4/4 | none listed | OK |');
    expect(report).toMatch(/Checked against synthetic all-clear pages .*: .*\bopenai\b/);
    expect(report).not.toMatch(/Checked against synthetic all-clear pages .*\banthropic\b/);
  });

  it('a feed that names no mapped component reports them missing, though the adapter reads them operational', async () => {
    const xai = provider('xai');
    const unknown = await checkProvider(xai, fakeFetcher(() => xaiFeed('Status Page Widget')), NOW);
    expect(unknown).toMatchObject({ ok: false, shapeRecognised: true, componentsFound: [] });
    expect(unknown.componentsMissing).toEqual(xai.components.map((component) => component.id));
    const named = xai.components.find((component) => component.match.names.length > 0)!;
    const one = await checkProvider(xai, fakeFetcher(() => xaiFeed(named.match.names[0]!)), NOW);
    expect(one.componentsFound).toEqual([named.id]);
  });

  it('a Google product counts only when products.json lists it, and an Azure service only when the page names it', async () => {
    const google = provider('google');
    const { fetcher } = synthetic(NOW)();
    const withoutList = { ...fetcher, json: (url: string) => (url.endsWith('/products.json') ? Promise.reject(new FetchError({ kind: 'http', status: 404 })) : fetcher.json(url)), text: (url: string) => (url.endsWith('/products.json') ? Promise.reject(new FetchError({ kind: 'http', status: 404 })) : fetcher.text(url)) };
    const unlisted = await checkProvider(google, withoutList, NOW);
    expect(unlisted).toMatchObject({ ok: false, componentsFound: [] });
    expect((await checkProvider(google, fetcher, NOW)).ok).toBe(true);

    const azure = provider('azure-openai');
    const feedOnly = await checkProvider(azure, { ...fetcher, text: (url: string) => (url === azure.status.pageUrl ? Promise.reject(new FetchError({ kind: 'http', status: 404 })) : fetcher.text(url)) }, NOW);
    expect(feedOnly).toMatchObject({ ok: false, componentsFound: [] });
    const services = [azure.status.params?.services ?? []].flat();
    const page = `<!doctype html><html><body><table>${services.map((service) => `<tr><td>${service}</td></tr>`).join('')}</table></body></html>`;
    const listed = { ...fetcher, text: (url: string) => (url === azure.status.pageUrl ? Promise.resolve(page) : fetcher.text(url)) };
    expect(await checkProvider(azure, listed, NOW)).toMatchObject({ ok: true, componentsMissing: [] });
  });

  it('flags a page that answers another platform’s data, naming it', async () => {
    const check = await checkProvider(anthropic, fakeFetcher(() => together), NOW);
    expect(check).toMatchObject({ ok: false, reachable: true, shapeRecognised: false, error: { kind: 'format', platform: 'better-stack' } });
    expect(formatReport([check], 'live', NOW)).toContain('| anthropic | atlassian-statuspage | live page | yes | answers as better-stack | - | none listed | CHECK |');
  });

  it('flags a mapped component the page no longer lists, and a page behind a browser check', async () => {
    const summary = claudeSummary('allclear', NOW);
    summary.components = summary.components.filter((component) => component.id !== 'k8w3r06qmzrp');
    const dropped = await checkProvider(anthropic, fakeFetcher((url) => (url.endsWith('/api/v2/status.json') ? undefined : summary)), NOW);
    expect(dropped).toMatchObject({ ok: false, shapeRecognised: true, componentsMissing: ['api'] });
    const challenged = await checkProvider(anthropic, { text: () => Promise.reject(new FetchError({ kind: 'format', found: 'challenge' })), json: () => Promise.reject(new FetchError({ kind: 'format', found: 'challenge' })) }, NOW);
    expect(challenged).toMatchObject({ ok: false, reachable: true, error: { kind: 'format', found: 'challenge' } });
    const down = await checkProvider(anthropic, fakeFetcher({}), NOW);
    expect(down).toMatchObject({ ok: false, reachable: false });
  });
});
