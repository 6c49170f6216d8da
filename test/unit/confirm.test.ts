import { describe, expect, it } from 'vitest';
import { confirmWorse } from '../../src/health/confirm.ts';
import type { ProviderHealth } from '../../src/model/health.ts';
import type { HealthLevel } from '../../src/model/levels.ts';

function health(api: HealthLevel, app: HealthLevel = 'operational'): ProviderHealth {
  return {
    level: [api, app].includes('major_outage') ? 'major_outage' : api === 'operational' ? app : api,
    description: '',
    components: [
      { id: 'api', name: 'API', level: api },
      { id: 'app', name: 'App', level: app },
    ],
    incidents: [],
    pageUpdatedAt: null,
    fetchedAt: '2026-11-24T12:00:00.000Z',
  };
}

describe('confirmWorse', () => {
  it('holds a change for the worse until a second read confirms it', () => {
    const shown = health('operational');
    const first = confirmWorse(shown, shown, health('degraded'));
    expect(first.components[0]!.level).toBe('operational');
    expect(first.level).toBe('operational');
    const second = confirmWorse(first, health('degraded'), health('degraded'));
    expect(second.components[0]!.level).toBe('degraded');
    expect(second.level).toBe('degraded');
  });

  it('shows a major outage at once', () => {
    expect(confirmWorse(health('operational'), health('operational'), health('major_outage')).level).toBe('major_outage');
  });

  it('shows improvements at once, and a first reading as it is', () => {
    expect(confirmWorse(health('partial_outage'), health('partial_outage'), health('operational')).level).toBe('operational');
    expect(confirmWorse(null, null, health('degraded')).level).toBe('degraded');
  });

  it('a flap (worse once, then fine) never shows', () => {
    const shown = health('operational');
    const flap = confirmWorse(shown, shown, health('partial_outage'));
    const after = confirmWorse(flap, health('partial_outage'), health('operational'));
    expect([flap.level, after.level]).toEqual(['operational', 'operational']);
  });

  it('confirms per component: a worse reading of another component does not confirm this one', () => {
    const shown = health('operational');
    const held = confirmWorse(shown, health('operational', 'degraded'), health('degraded'));
    expect(held.components[0]!.level).toBe('operational');
  });
});
