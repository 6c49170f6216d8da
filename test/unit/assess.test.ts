import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { parseStatuspageSummary } from '../../src/status/adapters/atlassian-statuspage.ts';
import { mergeIncidentIo } from '../../src/status/adapters/incident-io.ts';
import { assessProduct, badgeFor } from '../../src/health/assess.ts';
import { english } from '../../src/model/english.ts';
import type { Incident } from '../../src/model/health.ts';
import { FROZEN_AFTER_DAYS, type HealthRecord } from '../../src/health/record.ts';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { claudeSummary, openaiSummary, type Scenario } from '../fixtures/status/scenarios.ts';

// A fixed product (Notion AI's two high-confidence edges), so these tests do not move with the catalog's data.
const catalogNotion = CATALOG.products.find((product) => product.id === 'notion-ai')!;
const notion = {
  ...catalogNotion,
  features: [{ ...catalogNotion.features[0]!, dependencies: catalogNotion.features[0]!.dependencies.filter((dep) => ['anthropic', 'openai'].includes(dep.provider)) }],
};
const index = new CatalogIndex({ providers: CATALOG.providers, products: [notion] });
const NOW = new Date('2026-11-24T12:00:00Z');
const SCHEDULE = DEFAULT_SCHEDULE;
const DAY = 86_400_000;

function records(claude: Scenario, fetchedAt = NOW, failures = 0): Map<string, HealthRecord> {
  const anthropic = parseStatuspageSummary(claudeSummary(claude, fetchedAt), 'https://status.claude.com', fetchedAt);
  const openai = mergeIncidentIo(openaiSummary(fetchedAt), [], 'https://status.openai.com', fetchedAt);
  if (!anthropic.ok || !openai.ok) throw new Error('fixtures must parse');
  return new Map([
    ['anthropic', { providerId: 'anthropic', health: anthropic.health, lastAttemptAt: NOW.toISOString(), lastError: failures ? { kind: 'http' as const, status: 500 } : null, consecutiveFailures: failures }],
    ['openai', { providerId: 'openai', health: openai.health, lastAttemptAt: NOW.toISOString(), lastError: null, consecutiveFailures: 0 }],
  ]);
}

describe('assessProduct and badgeFor', () => {
  it('all clear: no badge, a title that names the providers', () => {
    const status = assessProduct(index, notion, records('allclear'), NOW, SCHEDULE);
    expect(status.level).toBe('operational');
    expect(badgeFor([status], english)).toEqual({ text: '', color: '#188038', title: 'Upstream\nNotion AI: Anthropic and OpenAI operational' });
  });

  it('a Claude API outage warns with text, colour and a title that says why', () => {
    const status = assessProduct(index, notion, records('outage'), NOW, SCHEDULE);
    expect(status.level).toBe('major_outage');
    const anthropic = status.dependencies.find((dep) => dep.providerId === 'anthropic')!;
    expect(anthropic.incidents.map((incident) => incident.title)).toEqual(['Claude API unavailable']);
    expect(badgeFor([status], english)).toEqual({ text: 'OUT', color: '#C5221F', title: 'Upstream\nNotion AI → Anthropic: major outage' });
  });

  it('an outage of a component the product does not use leaves it green', () => {
    const recs = records('allclear');
    const health = recs.get('anthropic')!.health!;
    health.components.find((component) => component.name === 'claude.ai')!.level = 'major_outage';
    expect(assessProduct(index, notion, recs, NOW, SCHEDULE).level).toBe('operational');
  });

  it('maintenance and degraded have their own badge text', () => {
    expect(badgeFor([assessProduct(index, notion, records('maintenance'), NOW, SCHEDULE)], english).text).toBe('MNT');
    const recs = records('allclear');
    recs.get('openai')!.health!.components[0]!.level = 'degraded';
    expect(badgeFor([assessProduct(index, notion, recs, NOW, SCHEDULE)], english)).toMatchObject({ text: '!', color: '#B06000' });
  });

  it('a known outage is not hidden behind another provider that could not be read', () => {
    const recs = records('outage');
    recs.set('openai', { ...recs.get('openai')!, consecutiveFailures: 3, lastError: { kind: 'http', status: 500 } });
    const status = assessProduct(index, notion, recs, NOW, SCHEDULE);
    expect(status.level).toBe('major_outage');
    expect(badgeFor([status], english)).toEqual({
      text: 'OUT',
      color: '#C5221F',
      title: 'Upstream\nNotion AI → Anthropic: major outage\nNotion AI → OpenAI: status unknown',
    });
    // Unknown still outranks operational: nothing unread shows green.
    const unread = records('allclear');
    unread.set('openai', { ...unread.get('openai')!, consecutiveFailures: 3 });
    expect(assessProduct(index, notion, unread, NOW, SCHEDULE).level).toBe('unknown');
  });

  it('never shows operational for a page never read, failing three times, or stale', () => {
    const never = assessProduct(index, notion, new Map(), NOW, SCHEDULE);
    expect(never.level).toBe('unknown');
    expect(never.dependencies.map((dep) => dep.freshness)).toEqual(['never-read', 'never-read']);

    const failing = assessProduct(index, notion, records('allclear', NOW, 3), NOW, SCHEDULE);
    const anthropic = failing.dependencies[0]!;
    expect([anthropic.level, anthropic.lastKnownLevel, anthropic.freshness, anthropic.lastError]).toEqual(['unknown', 'operational', 'failing', { kind: 'http', status: 500 }]);

    const oneMiss = assessProduct(index, notion, records('allclear', NOW, 1), NOW, SCHEDULE);
    expect(oneMiss.level).toBe('operational');

    const old = new Date(NOW.getTime() - 16 * 60_000);
    const stale = assessProduct(index, notion, records('allclear', old), NOW, SCHEDULE);
    expect(stale.dependencies.map((dep) => dep.freshness)).toEqual(['stale', 'stale']);
    expect(badgeFor([stale], english)).toMatchObject({ text: '?', color: '#5F6368' });
  });

  it('a calm page that has not changed for months is still believed: a quiet page is not an abandoned one', () => {
    const recs = records('allclear');
    recs.get('anthropic')!.health!.pageUpdatedAt = new Date(NOW.getTime() - 400 * DAY).toISOString();
    const status = assessProduct(index, notion, recs, NOW, SCHEDULE);
    expect(status.dependencies[0]).toMatchObject({ level: 'operational', freshness: 'fresh' });
  });

  it.each([
    ['build-time', 4],
    ['daily-history', 4],
    ['feed-activity', 61],
  ] as const)('a page whose %s evidence is %i days old is no longer published: frozen, not operational', (signal, days) => {
    const recs = records('allclear');
    recs.get('anthropic')!.health!.liveness = { at: new Date(NOW.getTime() - days * DAY).toISOString(), signal };
    const status = assessProduct(index, notion, recs, NOW, SCHEDULE);
    expect(status.dependencies[0]).toMatchObject({ level: 'unknown', lastKnownLevel: 'operational', freshness: 'frozen' });
    // The same evidence a little younger is a live page.
    recs.get('anthropic')!.health!.liveness = { at: new Date(NOW.getTime() - (FROZEN_AFTER_DAYS[signal] - 1) * DAY).toISOString(), signal };
    expect(assessProduct(index, notion, recs, NOW, SCHEDULE).dependencies[0]).toMatchObject({ level: 'operational', freshness: 'fresh' });
  });

  describe('no incident is dropped: one on a component nothing maps is a possible impact', () => {
    const incident = (componentIds: string[], extra: Partial<Incident> = {}): Incident => ({
      id: `inc-${componentIds.join('-') || 'none'}`,
      title: 'Elevated errors',
      impact: 'major_outage',
      status: 'investigating',
      startedAt: NOW.toISOString(),
      latestUpdate: null,
      url: 'https://status.claude.com/incidents/x',
      componentIds,
      maintenance: false,
      ...extra,
    });
    const withIncident = (added: Incident, pageComponent?: { id: string; name: string }) => {
      const recs = records('allclear');
      const health = recs.get('anthropic')!.health!;
      if (pageComponent) health.components.push({ ...pageComponent, level: 'major_outage' });
      health.incidents.push(added);
      return recs;
    };

    it('an incident on a new or renamed component warns, worded as possible, and the badge says "may be affected"', () => {
      const recs = withIncident(incident(['newcomp01']), { id: 'newcomp01', name: 'Claude Platform' });
      const status = assessProduct(index, notion, recs, NOW, SCHEDULE);
      const anthropic = status.dependencies.find((dep) => dep.providerId === 'anthropic')!;
      expect(anthropic).toMatchObject({ level: 'major_outage', confirmedLevel: 'operational', possible: true });
      expect(anthropic.possibleIncidents.map((possible) => possible.componentNames)).toEqual([['Claude Platform']]);
      expect(badgeFor([status], english)).toEqual({ text: '!', color: '#B06000', title: 'Upstream\nNotion AI → Anthropic: may be affected (incident on ‘Claude Platform’)' });
    });

    it('an incident that names no component at all is a possible impact too', () => {
      const status = assessProduct(index, notion, withIncident(incident([])), NOW, SCHEDULE);
      expect(status.dependencies.find((dep) => dep.providerId === 'anthropic')).toMatchObject({ possible: true, level: 'major_outage' });
      expect(badgeFor([status], english).title).toContain('may be affected (incident on ‘Elevated errors’)');
    });

    it('an incident on another component the catalog maps stays there (claude.ai is not the API)', () => {
      const status = assessProduct(index, notion, withIncident(incident(['rwppv331jlwc'])), NOW, SCHEDULE);
      expect(status.dependencies.find((dep) => dep.providerId === 'anthropic')).toMatchObject({ level: 'operational', possible: false, possibleIncidents: [] });
    });

    it('maintenance that names nothing mapped is shown, not warned about', () => {
      const status = assessProduct(index, notion, withIncident(incident([], { maintenance: true, impact: 'maintenance' })), NOW, SCHEDULE);
      const anthropic = status.dependencies.find((dep) => dep.providerId === 'anthropic')!;
      expect(anthropic).toMatchObject({ level: 'operational', possible: false });
      expect(anthropic.incidents).toHaveLength(1);
    });

    it('a confirmed outage elsewhere keeps its own badge: OUT, not "may be affected"', () => {
      const recs = withIncident(incident(['newcomp01']), { id: 'newcomp01', name: 'Claude Platform' });
      recs.get('openai')!.health!.components[0]!.level = 'major_outage';
      expect(badgeFor([assessProduct(index, notion, recs, NOW, SCHEDULE)], english).text).toBe('OUT');
    });
  });

  it('a renamed component reads as unknown, not operational', () => {
    const recs = records('allclear');
    for (const component of recs.get('anthropic')!.health!.components) {
      component.id = `renamed-${component.id}`;
      component.name = `${component.name} v2`;
    }
    const status = assessProduct(index, notion, recs, NOW, SCHEDULE);
    expect(status.dependencies[0]).toMatchObject({ level: 'unknown', freshness: 'component-missing' });
  });

  it('a tab without products has no badge', () => {
    expect(badgeFor([], english)).toEqual({ text: '', color: '#188038', title: 'Upstream' });
  });

  it('in-house and undisclosed models are shown but never make a badge', () => {
    const secretive = { ...notion, id: 'secretive', name: 'Secretive AI', features: [{ name: 'Chat', dependencies: [{ provider: 'undisclosed', route: 'undisclosed', confidence: 'high' as const, sources: [] }] }] };
    const status = assessProduct(index, secretive, records('outage'), NOW, SCHEDULE);
    expect(status.level).toBeNull();
    expect(status.dependencies[0]).toMatchObject({ providerId: 'undisclosed', monitored: false, freshness: 'not-monitored' });
    expect(badgeFor([status], english)).toEqual({ text: '', color: '#188038', title: 'Upstream\nSecretive AI: provider not monitored' });
  });
});
