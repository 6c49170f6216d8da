import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../../src/health/schedule.ts';
import { DEFAULT_SETTINGS, parseSettings, scheduleWith, SETTING_BOUNDS } from '../../src/protocol/settings.ts';

describe('user settings', () => {
  it('defaults to the polite schedule, quiet maintenance and 90 days of history', () => {
    const settings = parseSettings(undefined);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.notifications.levels).toEqual({ degraded: true, outage: true, maintenance: false, recovery: true });
    expect(scheduleWith(settings, DEFAULT_SCHEDULE)).toEqual(DEFAULT_SCHEDULE);
  });

  it('never polls faster than the defaults, whatever is stored', () => {
    const settings = parseSettings({ polling: { watchedSeconds: 1, backgroundMinutes: 0.1 }, retentionDays: 100_000 });
    expect(settings.polling).toEqual({ everyProvider: false,  watchedSeconds: SETTING_BOUNDS.watchedSeconds.min, backgroundMinutes: SETTING_BOUNDS.backgroundMinutes.min });
    expect(settings.retentionDays).toBe(SETTING_BOUNDS.retentionDays.max);
    expect(scheduleWith(parseSettings({ polling: { watchedSeconds: 120, backgroundMinutes: 60 } }), DEFAULT_SCHEDULE)).toMatchObject({
      watchedMinutes: 2,
      defaultMinutes: 60,
      minuteMs: 60_000,
    });
  });

  it('keeps valid choices and replaces malformed ones with defaults', () => {
    const settings = parseSettings({
      polling: { watchedSeconds: 'fast', backgroundMinutes: Number.NaN },
      notifications: { enabled: false, levels: { maintenance: true, degraded: 'no' }, mutedProviders: ['anthropic', 'anthropic', 42, 'x'.repeat(101)] },
      retentionDays: 30.4,
    });
    expect(settings.polling).toEqual(DEFAULT_SETTINGS.polling);
    expect(settings.notifications).toEqual({
      enabled: false,
      levels: { degraded: true, outage: true, maintenance: true, recovery: true },
      mutedProviders: ['anthropic'],
    });
    expect(settings.retentionDays).toBe(30);
    for (const junk of [null, 'settings', [], 42]) expect(parseSettings(junk)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('reading every provider and the relay', () => {
  it('are off by default and kept only when well-formed', () => {
    expect(parseSettings(undefined)).toMatchObject({ polling: { everyProvider: false }, relayUrl: null });
    expect(parseSettings({ polling: { everyProvider: true }, relayUrl: 'https://relay.example/v1/digest.json' })).toMatchObject({ polling: { everyProvider: true }, relayUrl: 'https://relay.example/v1/digest.json' });
    for (const relayUrl of ['http://relay.example/', 'https://user:secret@relay.example/', 'javascript:alert(1)', 'relay.example', 42, `https://relay.example/${'x'.repeat(3000)}`]) {
      expect(parseSettings({ relayUrl }).relayUrl).toBeNull();
    }
    expect(parseSettings({ polling: { everyProvider: 'yes' } }).polling.everyProvider).toBe(false);
  });
});
