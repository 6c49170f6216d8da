import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { FetchError } from '../../src/status/adapter.ts';
import { checkProvider, checkRegistry, formatReport } from '../../scripts/registry-check-core.ts';
import together from '../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import { claudeSummary } from '../fixtures/status/scenarios.ts';
import { allClearFetcher } from '../support/all-clear-fetcher.ts';
import { fakeFetcher } from '../support/fake-fetcher.ts';

const NOW = new Date();
const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;

describe('the registry self-check', () => {
  it('finds every provider in order against the recorded fixtures', async () => {
    const checks = await checkRegistry(CATALOG.providers, allClearFetcher(NOW), NOW);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks).toHaveLength(CATALOG.providers.length);
    const report = formatReport(checks, 'fixtures', NOW);
    expect(report).toContain('| provider | platform | reachable | shape | components | newest incident | verdict |');
    expect(report).toContain(`${CATALOG.providers.length} of ${CATALOG.providers.length} providers OK.`);
  });

  it('flags a page that answers another platform’s data, naming it', async () => {
    const check = await checkProvider(anthropic, fakeFetcher(() => together), NOW);
    expect(check).toMatchObject({ ok: false, reachable: true, shapeRecognised: false, error: { kind: 'format', platform: 'better-stack' } });
    expect(formatReport([check], 'live', NOW)).toContain('| anthropic | atlassian-statuspage | yes | answers as better-stack | - | none listed | CHECK |');
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
