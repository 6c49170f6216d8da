import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  EMPTY_NOTIFY_STATE,
  GLOBAL_LIMIT,
  notificationProvider,
  parseNotifyState,
  planNotifications,
  type NotificationSettings,
  type NotifyState,
  type PlannedNotification,
  type ProviderSituation,
} from '../../src/health/notify.ts';
import type { Incident } from '../../src/model/health.ts';
import type { HealthLevel } from '../../src/model/levels.ts';
import { english } from '../../src/model/english.ts';

const T0 = Date.parse('2026-11-24T12:00:00.000Z');
const at = (minute: number) => new Date(T0 + minute * 60_000);

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    title: `Incident ${id}`,
    impact: 'degraded',
    status: 'investigating',
    startedAt: null,
    latestUpdate: { body: 'We are investigating.', at: '2026-11-24T12:00:00.000Z', status: 'investigating' },
    url: `https://status.example.com/incidents/${id}`,
    componentIds: [],
    maintenance: false,
    ...overrides,
  };
}

function situation(level: HealthLevel, overrides: Partial<ProviderSituation> = {}): ProviderSituation {
  return { providerId: 'anthropic', providerName: 'Anthropic', level, incidents: [], productNames: ['Notion AI', 'Cursor'], ...overrides };
}

const other = (level: HealthLevel, overrides: Partial<ProviderSituation> = {}) =>
  situation(level, { providerId: 'openai', providerName: 'OpenAI', productNames: ['ChatGPT'], ...overrides });

function settings(levels: Partial<NotificationSettings['levels']> = {}, rest: Partial<Omit<NotificationSettings, 'levels'>> = {}): NotificationSettings {
  return { ...DEFAULT_NOTIFICATION_SETTINGS, ...rest, levels: { ...DEFAULT_NOTIFICATION_SETTINGS.levels, ...levels } };
}

/** Polls in sequence; `restart` stores and reloads the state between polls, as a restarted worker does. */
function session(restart: boolean, initial: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS) {
  let state: NotifyState = EMPTY_NOTIFY_STATE;
  let current = initial;
  return {
    poll(minute: number, ...situations: ProviderSituation[]): PlannedNotification[] {
      const result = planNotifications(state, situations, current, at(minute), english);
      state = restart ? parseNotifyState(JSON.parse(JSON.stringify(result.state))) : result.state;
      return result.notifications;
    },
    set settings(next: NotificationSettings) {
      current = next;
    },
    get state() {
      return state;
    },
  };
}

/** The gist of a notification, for compact expectations. */
const gist = (n: PlannedNotification) => `${n.kind}:${n.providerId}:${n.level}${n.silent ? ':silent' : ''}`;
const gists = (list: PlannedNotification[]) => list.map(gist);

describe.each([
  ['in memory', false],
  ['restarted between polls', true],
])('planNotifications (%s)', (_name, restart) => {
  const start = (initial?: NotificationSettings) => session(restart, initial);

  describe('episodes', () => {
    it('alerts on entering degraded, once, however many polls repeat it', () => {
      const s = start();
      expect(s.poll(0, situation('operational'))).toEqual([]);
      expect(gists(s.poll(1, situation('degraded', { incidents: [incident('a')] })))).toEqual(['trouble:anthropic:degraded']);
      for (let minute = 2; minute < 120; minute += 1) {
        expect(s.poll(minute, situation('degraded', { incidents: [incident('a')] })), `minute ${minute}`).toEqual([]);
      }
    });

    it('partial and major outages are the outage category', () => {
      for (const level of ['partial_outage', 'major_outage'] as const) {
        const s = start(settings({ degraded: false }));
        expect(gists(s.poll(0, situation(level)))).toEqual([`trouble:anthropic:${level}`]);
        const quiet = start(settings({ outage: false }));
        expect(quiet.poll(0, situation(level))).toEqual([]);
      }
    });

    it('a first-ever reading already in trouble starts an episode and alerts', () => {
      const s = start();
      expect(gists(s.poll(0, situation('major_outage')))).toEqual(['trouble:anthropic:major_outage']);
    });

    it('operational with no episode keeps nothing in the state', () => {
      const s = start();
      s.poll(0, situation('operational'), other('operational'));
      expect(s.state.providers).toEqual({});
    });

    it('one id per episode: trouble, escalation and recovery share it; the next episode gets another', () => {
      const s = start();
      const [first] = s.poll(0, situation('degraded'));
      s.settings = settings(); // unchanged settings, new object
      const [escalation] = s.poll(20, situation('major_outage'));
      const [recovery] = s.poll(30, situation('operational'));
      const [next] = s.poll(60, situation('degraded'));
      expect(escalation!.id).toBe(first!.id);
      expect(recovery!.id).toBe(first!.id);
      expect(next!.id).not.toBe(first!.id);
      for (const n of [first, escalation, recovery, next]) expect(notificationProvider(n!.id)).toBe('anthropic');
    });
  });

  describe('within an episode', () => {
    it('alerts again on an escalation into a worse category (degraded → outage)', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      expect(gists(s.poll(20, situation('partial_outage')))).toEqual(['trouble:anthropic:partial_outage']);
    });

    it('a change of level within a category, or back down, only updates silently; returning up does not alert', () => {
      const s = start();
      s.poll(0, situation('partial_outage'));
      expect(gists(s.poll(20, situation('major_outage')))).toEqual(['trouble:anthropic:major_outage:silent']);
      expect(gists(s.poll(40, situation('degraded')))).toEqual(['trouble:anthropic:degraded:silent']);
      expect(gists(s.poll(60, situation('major_outage')))).toEqual(['trouble:anthropic:major_outage:silent']);
      expect(s.poll(80, situation('major_outage'))).toEqual([]);
    });

    it('an outage already told is not news again after a new incident while degraded', () => {
      const s = start();
      s.poll(0, situation('major_outage', { incidents: [incident('a')] }));
      expect(gists(s.poll(20, situation('degraded', { incidents: [incident('a'), incident('b')] })))).toEqual(['trouble:anthropic:degraded']);
      expect(gists(s.poll(40, situation('major_outage', { incidents: [incident('a'), incident('b')] })))).toEqual(['trouble:anthropic:major_outage:silent']);
    });

    it('maintenance → degraded is an escalation', () => {
      const s = start(settings({ maintenance: true }));
      expect(gists(s.poll(0, situation('maintenance')))).toEqual(['trouble:anthropic:maintenance']);
      expect(gists(s.poll(20, situation('degraded')))).toEqual(['trouble:anthropic:degraded']);
    });

    it('a new incident id alerts again, naming that incident; the same incident polled again does not', () => {
      const s = start();
      s.poll(0, situation('degraded', { incidents: [incident('a', { title: 'Slow console' })] }));
      const both = [incident('a', { title: 'Slow console' }), incident('b', { title: 'Elevated errors on Claude API' })];
      const [n] = s.poll(20, situation('degraded', { incidents: both }));
      expect(n).toMatchObject({ kind: 'trouble', silent: false, message: 'Affects Notion AI and Cursor · Elevated errors on Claude API' });
      expect(s.poll(21, situation('degraded', { incidents: both }))).toEqual([]);
      // Incident a resolving is not news; its id coming back later is not new either.
      expect(s.poll(22, situation('degraded', { incidents: [both[1]!] }))).toEqual([]);
      expect(s.poll(23, situation('degraded', { incidents: both }))).toEqual([]);
    });

    it('a new latest update of a notified incident produces nothing (messages show titles, never updates)', () => {
      const s = start();
      s.poll(0, situation('degraded', { incidents: [incident('a')] }));
      const updated = incident('a', { status: 'identified', latestUpdate: { body: 'Fix deployed.', at: '2026-11-24T12:30:00.000Z', status: 'monitoring' } });
      expect(s.poll(30, situation('degraded', { incidents: [updated] }))).toEqual([]);
    });

    it('a new maintenance window is news only when maintenance notifications are on', () => {
      const quiet = start();
      quiet.poll(0, situation('degraded', { incidents: [incident('a')] }));
      const window = incident('m', { maintenance: true, impact: 'maintenance', title: 'Scheduled database upgrade' });
      expect(quiet.poll(20, situation('degraded', { incidents: [incident('a'), window] }))).toEqual([]);

      const loud = start(settings({ maintenance: true }));
      loud.poll(0, situation('degraded', { incidents: [incident('a')] }));
      const [n] = loud.poll(20, situation('degraded', { incidents: [incident('a'), window] }));
      expect(n).toMatchObject({ silent: false, message: 'Affects Notion AI and Cursor · Scheduled database upgrade' });
    });

    it('an unknown reading in the middle changes nothing: no recovery, no repeat, state untouched', () => {
      const s = start();
      s.poll(0, situation('major_outage', { incidents: [incident('a')] }));
      const before = JSON.stringify(s.state);
      expect(s.poll(5, situation('unknown'))).toEqual([]);
      expect(s.poll(6, situation('unknown', { incidents: [incident('b')] }))).toEqual([]);
      expect(JSON.stringify(s.state)).toBe(before);
      expect(s.poll(30, situation('major_outage', { incidents: [incident('a')] }))).toEqual([]);
      expect(gists(s.poll(40, situation('operational')))).toEqual(['recovery:anthropic:operational']);
    });

    it('an unknown reading never starts an episode', () => {
      const s = start();
      expect(s.poll(0, situation('unknown', { incidents: [incident('a')] }))).toEqual([]);
      expect(s.state).toEqual(EMPTY_NOTIFY_STATE);
      expect(s.poll(1, situation('operational'))).toEqual([]);
    });
  });

  describe('recovery', () => {
    it('follows a trouble notification the user saw', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      const [n] = s.poll(30, situation('operational'));
      expect(n).toMatchObject({ kind: 'recovery', level: 'operational', silent: false, providerId: 'anthropic' });
      expect(s.poll(31, situation('operational'))).toEqual([]);
    });

    it('is quiet when recovery notifications are off', () => {
      const s = start(settings({ recovery: false }));
      expect(s.poll(0, situation('degraded'))).toHaveLength(1);
      expect(s.poll(30, situation('operational'))).toEqual([]);
    });

    it('is quiet after trouble the user never saw (its level disabled)', () => {
      const s = start(settings({ degraded: false }));
      expect(s.poll(0, situation('degraded'))).toEqual([]);
      expect(s.poll(30, situation('operational'))).toEqual([]);
    });

    it('of a maintenance-only episode is quiet by default, and shown when maintenance notifications were on', () => {
      const quiet = start();
      expect(quiet.poll(0, situation('maintenance'))).toEqual([]);
      expect(quiet.poll(90, situation('operational'))).toEqual([]);

      const loud = start(settings({ maintenance: true }));
      expect(loud.poll(0, situation('maintenance'))).toHaveLength(1);
      expect(gists(loud.poll(90, situation('operational')))).toEqual(['recovery:anthropic:operational']);
    });

    it('after maintenance shown, turning maintenance off silences the recovery', () => {
      const s = start(settings({ maintenance: true }));
      s.poll(0, situation('maintenance'));
      s.settings = settings({ maintenance: false });
      expect(s.poll(90, situation('operational'))).toEqual([]);
    });
  });

  describe('settings', () => {
    it('a muted provider never notifies; others still do', () => {
      const s = start(settings({}, { mutedProviders: ['anthropic'] }));
      expect(gists(s.poll(0, situation('major_outage'), other('degraded')))).toEqual(['trouble:openai:degraded']);
      expect(gists(s.poll(30, situation('operational'), other('operational')))).toEqual(['recovery:openai:operational']);
    });

    it('muting during an episode silences its updates and its recovery', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      s.settings = settings({}, { mutedProviders: ['anthropic'] });
      expect(s.poll(20, situation('major_outage', { incidents: [incident('x')] }))).toEqual([]);
      expect(s.poll(40, situation('operational'))).toEqual([]);
    });

    it('unmuting during an episode tells the user about the ongoing trouble, once', () => {
      const s = start(settings({}, { mutedProviders: ['anthropic'] }));
      expect(s.poll(0, situation('degraded'))).toEqual([]);
      s.settings = settings();
      expect(gists(s.poll(5, situation('degraded')))).toEqual(['trouble:anthropic:degraded']);
      expect(s.poll(6, situation('degraded'))).toEqual([]);
    });

    it('notifications off: nothing at all', () => {
      const s = start(settings({ maintenance: true }, { enabled: false }));
      expect(s.poll(0, situation('major_outage'), other('maintenance'))).toEqual([]);
      expect(s.poll(30, situation('operational'), other('operational'))).toEqual([]);
    });

    it('degraded off: a degraded episode is silent until it escalates to an outage', () => {
      const s = start(settings({ degraded: false }));
      expect(s.poll(0, situation('degraded', { incidents: [incident('a')] }))).toEqual([]);
      expect(s.poll(5, situation('degraded', { incidents: [incident('a'), incident('b')] }))).toEqual([]);
      expect(gists(s.poll(10, situation('partial_outage')))).toEqual(['trouble:anthropic:partial_outage']);
    });

    it('outage off: an outage after a shown degradation is a silent update only', () => {
      const s = start(settings({ outage: false }));
      s.poll(0, situation('degraded'));
      expect(gists(s.poll(30, situation('major_outage')))).toEqual(['trouble:anthropic:major_outage:silent']);
    });
  });

  describe('rate limits', () => {
    it('flapping pings once each way, then defers: a trouble held back fires once the 15 minutes are over', () => {
      const s = start();
      expect(gists(s.poll(0, situation('degraded')))).toEqual(['trouble:anthropic:degraded']);
      // Recoveries are exempt from the per-provider limit: the all-clear is the news.
      expect(gists(s.poll(2, situation('operational')))).toEqual(['recovery:anthropic:operational']);
      expect(s.poll(4, situation('degraded'))).toEqual([]);
      // That episode was never shown, so its end is not news either.
      expect(s.poll(6, situation('operational'))).toEqual([]);
      expect(s.poll(8, situation('degraded'))).toEqual([]);
      expect(s.poll(14, situation('degraded'))).toEqual([]);
      expect(gists(s.poll(15, situation('degraded')))).toEqual(['trouble:anthropic:degraded']);
      expect(s.poll(16, situation('degraded'))).toEqual([]);
    });

    it('a deferred trouble that is over before the window ends is never shown', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      s.poll(2, situation('operational'));
      s.poll(4, situation('major_outage'));
      expect(s.poll(10, situation('operational'))).toEqual([]);
      expect(s.poll(20, situation('operational'))).toEqual([]);
    });

    it('an escalation inside the window alerts at once (the limit is for flapping, not for getting worse)', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      expect(gists(s.poll(5, situation('major_outage')))).toEqual(['trouble:anthropic:major_outage']);
      expect(s.poll(10, situation('major_outage'))).toEqual([]);
      expect(s.poll(16, situation('major_outage'))).toEqual([]);
    });

    it('an escalation held by the hourly cap updates silently and alerts when there is room', () => {
      const s = start();
      const crowd = Array.from({ length: GLOBAL_LIMIT - 1 }, (_, i) => other('degraded', { providerId: `p${i}`, providerName: `P${i}` }));
      s.poll(0, situation('degraded'), ...crowd);
      expect(gists(s.poll(5, situation('major_outage'), ...crowd))).toEqual(['trouble:anthropic:major_outage:silent']);
      expect(gists(s.poll(61, situation('major_outage'), ...crowd))).toEqual(['trouble:anthropic:major_outage']);
    });

    it('a new incident inside the window is deferred, then named', () => {
      const s = start();
      s.poll(0, situation('degraded', { incidents: [incident('a')] }));
      const both = [incident('a'), incident('b', { title: 'Login failures' })];
      expect(s.poll(5, situation('degraded', { incidents: both }))).toEqual([]);
      const [n] = s.poll(15, situation('degraded', { incidents: both }));
      expect(n).toMatchObject({ silent: false, message: 'Affects Notion AI and Cursor · Login failures' });
    });

    it('the per-provider limit is per provider', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      expect(gists(s.poll(1, situation('degraded'), other('degraded')))).toEqual(['trouble:openai:degraded']);
    });

    it(`at most ${GLOBAL_LIMIT} alerts an hour overall, outages first; the rest wait for room`, () => {
      const s = start();
      const many = Array.from({ length: 8 }, (_, i) =>
        situation(i < 2 ? 'degraded' : 'major_outage', { providerId: `p${i}`, providerName: `P${i}` }),
      );
      const first = s.poll(0, ...many);
      expect(first.map((n) => n.providerId)).toEqual(['p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
      expect(first.every((n) => !n.silent)).toBe(true);
      expect(s.poll(30, ...many)).toEqual([]);
      expect(s.state.alerts).toHaveLength(GLOBAL_LIMIT);
      // The hour is a sliding window from the first alerts.
      expect(s.poll(59, ...many)).toEqual([]);
      expect(s.poll(60, ...many).map((n) => n.providerId)).toEqual(['p0', 'p1']);
    });

    it('recoveries count toward the hourly cap; over it they replace the trouble notification silently', () => {
      const s = start();
      const six = Array.from({ length: GLOBAL_LIMIT }, (_, i) => situation('major_outage', { providerId: `p${i}` }));
      const shown = s.poll(0, ...six);
      expect(shown).toHaveLength(GLOBAL_LIMIT);
      const recoveries = s.poll(10, ...six.map((x) => ({ ...x, level: 'operational' as const })));
      expect(recoveries.map((n) => [n.kind, n.silent])).toEqual(six.map(() => ['recovery', true]));
      expect(recoveries.map((n) => n.id)).toEqual(shown.map((n) => n.id));
    });

    it('a recovery takes a free slot of the hourly cap, so fewer new troubles fit', () => {
      const s = start();
      const five = Array.from({ length: 5 }, (_, i) => situation('major_outage', { providerId: `p${i}` }));
      s.poll(0, ...five);
      expect(gists(s.poll(1, situation('operational', { providerId: 'p0' })))).toEqual(['recovery:p0:operational']);
      expect(s.poll(2, situation('degraded', { providerId: 'q' }))).toEqual([]);
      expect(gists(s.poll(60, situation('degraded', { providerId: 'q' })))).toEqual(['trouble:q:degraded']);
    });

    it('an outage wins the last slot over a recovery polled at the same time', () => {
      const s = start();
      const five = Array.from({ length: 5 }, (_, i) => situation('degraded', { providerId: `p${i}` }));
      s.poll(0, ...five);
      const result = s.poll(20, situation('operational', { providerId: 'p0' }), situation('major_outage', { providerId: 'q' }));
      expect(gists(result)).toEqual(['trouble:q:major_outage', 'recovery:p0:operational:silent']);
    });

    it('silent updates do not use the cap or the per-provider window', () => {
      const s = start();
      s.poll(0, situation('partial_outage'));
      s.poll(1, situation('major_outage'));
      s.poll(2, situation('partial_outage'));
      expect(s.state.alerts).toHaveLength(1);
      expect(s.state.providers.anthropic!.lastAlertAt).toBe(T0);
    });
  });

  describe('state stays bounded', () => {
    it('a recovered provider is dropped once its per-provider window is over; old alerts are pruned', () => {
      const s = start();
      s.poll(0, situation('degraded'));
      s.poll(5, situation('operational'));
      expect(Object.keys(s.state.providers)).toEqual(['anthropic']);
      s.poll(15, situation('operational'));
      expect(s.state.providers).toEqual({});
      expect(s.state.alerts).toHaveLength(2);
      s.poll(65, situation('operational'));
      expect(s.state).toEqual({ version: 1, providers: {}, alerts: [] });
    });

    it('an episode without a fresh reading for a day is forgotten: the ongoing trouble is told again', () => {
      const s = start();
      s.poll(0, situation('major_outage'));
      // Each fresh reading renews the day.
      s.poll(20 * 60, situation('major_outage'));
      expect(s.poll(43 * 60, situation('unknown'))).toEqual([]);
      expect(s.poll(43 * 60 + 1, situation('major_outage'))).toEqual([]);
      s.poll(66 * 60, situation('unknown'));
      expect(s.state.providers.anthropic?.episode).not.toBeNull();
      s.poll(67 * 60 + 1, situation('unknown'));
      expect(s.state.providers).toEqual({});
      expect(gists(s.poll(67 * 60 + 2, situation('major_outage')))).toEqual(['trouble:anthropic:major_outage']);
    });

    it('many incidents over a long episode keep the state small', () => {
      const s = start();
      for (let minute = 0; minute < 2000; minute += 1) {
        s.poll(minute, situation('degraded', { incidents: [incident(`i${minute}`), incident(`j${minute}`)] }));
      }
      expect(s.state.providers.anthropic!.episode!.told.length).toBeLessThanOrEqual(50);
      expect(s.state.alerts.length).toBeLessThanOrEqual(GLOBAL_LIMIT);
      expect(JSON.stringify(s.state).length).toBeLessThan(2000);
    });
  });
});

describe('messages', () => {
  const plan = (...situations: ProviderSituation[]) =>
    planNotifications(EMPTY_NOTIFY_STATE, situations, DEFAULT_NOTIFICATION_SETTINGS, at(0), english).notifications;

  it('trouble: provider and level in the title; tools and the incident title in the message', () => {
    const [n] = plan(
      situation('major_outage', {
        productNames: ['Notion AI', 'Cursor', 'Raycast AI', 'Copilot'],
        incidents: [incident('a', { title: 'Elevated errors on Claude API', impact: 'major_outage' })],
      }),
    );
    expect(n!.title).toBe('Anthropic: major outage');
    expect(n!.message).toBe('Affects Notion AI, Cursor and 2 more · Elevated errors on Claude API');
  });

  it('lists up to three tools in full, each once, and leaves the incident out when there is none', () => {
    expect(plan(situation('degraded', { productNames: ['Notion AI', 'Cursor', 'Notion AI', 'Raycast AI'] }))[0]!.message).toBe(
      'Affects Notion AI, Cursor and Raycast AI',
    );
    expect(plan(situation('degraded', { productNames: ['Cursor'] }))[0]!.message).toBe('Affects Cursor');
    expect(plan(situation('degraded', { productNames: [], incidents: [incident('a', { title: 'Slow' })] }))[0]!.message).toBe('Slow');
  });

  it('names the worst real incident, not a maintenance window, in an outage', () => {
    const incidents = [
      incident('m', { maintenance: true, impact: 'maintenance', title: 'Planned upgrade' }),
      incident('d', { impact: 'degraded', title: 'Slow responses' }),
      incident('o', { impact: 'major_outage', title: 'API down' }),
    ];
    expect(plan(situation('major_outage', { incidents }))[0]!.message).toBe('Affects Notion AI and Cursor · API down');
    const maintenance = planNotifications(EMPTY_NOTIFY_STATE, [situation('maintenance', { incidents: [incidents[0]!] })], settings({ maintenance: true }), at(0), english);
    expect(maintenance.notifications[0]).toMatchObject({ title: 'Anthropic: under maintenance', message: 'Affects Notion AI and Cursor · Planned upgrade' });
    // Under maintenance, the window is named even beside a worse incident elsewhere on the page.
    const both = planNotifications(EMPTY_NOTIFY_STATE, [situation('maintenance', { incidents: [incidents[2]!, incidents[0]!] })], settings({ maintenance: true }), at(0), english);
    expect(both.notifications[0]!.message).toBe('Affects Notion AI and Cursor · Planned upgrade');
  });

  it('a silent update keeps naming the real incident, not a maintenance window announced as critical', () => {
    const incidents = [incident('m', { maintenance: true, impact: 'major_outage', title: 'Planned upgrade' }), incident('d', { impact: 'degraded', title: 'Slow responses' })];
    const state = planNotifications(EMPTY_NOTIFY_STATE, [situation('partial_outage', { incidents })], settings({ maintenance: true }), at(0), english).state;
    const result = planNotifications(state, [situation('major_outage', { incidents })], settings({ maintenance: true }), at(1), english);
    expect(result.notifications[0]).toMatchObject({ silent: true, message: 'Affects Notion AI and Cursor · Slow responses' });
  });

  it('cuts long incident titles and flattens their whitespace', () => {
    const [n] = plan(situation('degraded', { productNames: [], incidents: [incident('a', { title: `Errors\n\n${'x'.repeat(300)}` })] }));
    expect(n!.message.length).toBeLessThanOrEqual(100);
    expect(n!.message.startsWith('Errors x')).toBe(true);
    expect(n!.message.endsWith('…')).toBe(true);
  });

  it('windows are counted in schedule minutes, which end-to-end tests shrink', () => {
    const secondMinute = 2000;
    const plan = (state: Parameters<typeof planNotifications>[0], level: HealthLevel, ms: number) =>
      planNotifications(state, [situation(level)], DEFAULT_NOTIFICATION_SETTINGS, new Date(at(0).getTime() + ms), english, secondMinute);
    let state = plan(EMPTY_NOTIFY_STATE, 'degraded', 0).state;
    state = plan(state, 'operational', 2000).state;
    // A new episode 14 schedule minutes after the last alert waits; at 15 it is told.
    const early = plan(state, 'degraded', 14 * secondMinute);
    expect(early.notifications).toEqual([]);
    expect(plan(early.state, 'degraded', 15 * secondMinute).notifications).toHaveLength(1);
  });

  it('recovery: the provider is operational again, the tools should work again', () => {
    const state = planNotifications(EMPTY_NOTIFY_STATE, [situation('degraded')], DEFAULT_NOTIFICATION_SETTINGS, at(0), english).state;
    const [n] = planNotifications(state, [situation('operational')], DEFAULT_NOTIFICATION_SETTINGS, at(30), english).notifications;
    expect(n).toMatchObject({ title: 'Anthropic is operational again', message: 'Notion AI and Cursor should work again' });
  });

  it('text goes through the translate function', () => {
    const keys: string[] = [];
    planNotifications(EMPTY_NOTIFY_STATE, [situation('degraded', { incidents: [incident('a')] })], DEFAULT_NOTIFICATION_SETTINGS, at(0), (key, ...subs) => {
      keys.push(key);
      return english(key, ...subs);
    });
    expect(keys).toEqual(expect.arrayContaining(['notifyTroubleTitle', 'notifyTroubleMessage', 'level_degraded', 'listAnd']));
  });
});

describe('notificationProvider', () => {
  it('reads back any provider id, including separators and non-ASCII', () => {
    for (const providerId of ['anthropic', 'google-vertex', 'a:b', 'x/y?z#w', 'mistral ai', 'ünï 💥', '%41']) {
      const [n] = planNotifications(EMPTY_NOTIFY_STATE, [situation('degraded', { providerId })], DEFAULT_NOTIFICATION_SETTINGS, at(0), english).notifications;
      expect(notificationProvider(n!.id)).toBe(providerId);
    }
  });

  it('is null for ids that are not ours', () => {
    for (const id of ['', 'anthropic', 'upstream-status:', 'upstream-status::abc', 'upstream-status:anthropic', 'upstream-status:anthropic:ABC', 'upstream-status:%E0%A4%A:1', 'other:anthropic:1', 'x-upstream-status:anthropic:1']) {
      expect(notificationProvider(id), id).toBeNull();
    }
  });
});

describe('parseNotifyState', () => {
  it('round-trips a real state', () => {
    let state = EMPTY_NOTIFY_STATE;
    state = planNotifications(state, [situation('degraded', { incidents: [incident('a')] }), other('operational')], DEFAULT_NOTIFICATION_SETTINGS, at(0), english).state;
    state = planNotifications(state, [other('major_outage')], DEFAULT_NOTIFICATION_SETTINGS, at(1), english).state;
    expect(parseNotifyState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('turns garbage into a valid empty state', () => {
    for (const raw of [undefined, null, 0, 'state', [], {}, { version: 2, providers: {}, alerts: [] }, { version: '1' }]) {
      expect(parseNotifyState(raw), JSON.stringify(raw)).toEqual({ version: 1, providers: {}, alerts: [] });
    }
  });

  it('keeps what is valid and drops or repairs the rest', () => {
    const parsed = parseNotifyState({
      version: 1,
      alerts: [T0, 'x', -1, 1.5, T0 - 1000, ...Array.from({ length: 20 }, (_, i) => T0 + i)],
      providers: {
        good: { lastAlertAt: T0, episode: { startedAt: T0, seenAt: T0, alerted: 'outage', displayed: 'major_outage', told: ['a', 'a', 7, 'b'] } },
        badEpisode: { lastAlertAt: T0, episode: { startedAt: 'yesterday' } },
        repaired: { lastAlertAt: 'soon', episode: { startedAt: T0, alerted: 'panic', displayed: 'major_outage', told: 'a' } },
        empty: { lastAlertAt: null, episode: null },
        notObject: 5,
        '': { lastAlertAt: T0, episode: null },
      },
    });
    expect(parsed.alerts).toHaveLength(GLOBAL_LIMIT);
    expect(parsed.alerts.every((t) => Number.isSafeInteger(t))).toBe(true);
    expect(parsed.providers).toEqual({
      good: { lastAlertAt: T0, episode: { startedAt: T0, seenAt: T0, alerted: 'outage', displayed: 'major_outage', told: ['a', 'b'] } },
      badEpisode: { lastAlertAt: T0, episode: null },
      // An unreadable "what was told" is read as nothing told: hearing twice beats never hearing.
      repaired: { lastAlertAt: null, episode: { startedAt: T0, seenAt: T0, alerted: null, displayed: null, told: [] } },
    });
  });

  it('treats provider ids like __proto__ and constructor as plain keys', () => {
    const raw = JSON.parse(
      `{"version":1,"alerts":[],"providers":{"__proto__":{"lastAlertAt":${T0},"episode":null},"constructor":{"lastAlertAt":${T0},"episode":null}}}`,
    ) as unknown;
    const state = parseNotifyState(raw);
    expect(Object.keys(state.providers).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(state.providers)).toBe(Object.prototype);
    const result = planNotifications(state, [situation('degraded', { providerId: 'constructor' }), situation('degraded', { providerId: 'toString' })], DEFAULT_NOTIFICATION_SETTINGS, at(1), english);
    // `constructor` is inside its per-provider window; `toString` never alerted.
    expect(result.notifications.map((n) => n.providerId)).toEqual(['toString']);
  });

  it('never throws, and planning on whatever it returns never throws (fuzzed)', () => {
    const levels = ['operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage', 'unknown'] as const;
    const episode = fc.record({
      startedAt: fc.oneof(fc.integer({ min: -5, max: T0 * 2 }), fc.anything()),
      seenAt: fc.oneof(fc.integer({ min: 0, max: T0 * 2 }), fc.anything()),
      alerted: fc.oneof(fc.constantFrom('maintenance', 'degraded', 'outage', null), fc.anything()),
      displayed: fc.oneof(fc.constantFrom(...levels, null), fc.anything()),
      told: fc.oneof(fc.array(fc.string()), fc.anything()),
    }, { requiredKeys: [] });
    const raw = fc.oneof(
      fc.anything(),
      fc.record({
        version: fc.oneof(fc.constant(1), fc.anything()),
        alerts: fc.oneof(fc.array(fc.integer({ min: 0, max: T0 * 2 })), fc.anything()),
        providers: fc.oneof(fc.dictionary(fc.constantFrom('anthropic', 'openai', '__proto__', 'x'), fc.record({ lastAlertAt: fc.anything(), episode: fc.oneof(episode, fc.anything()) }, { requiredKeys: [] })), fc.anything()),
      }, { requiredKeys: [] }),
    );
    // Found by this property once: -0 does not survive JSON, so a stored -0 is read as 0.
    expect(Object.is(parseNotifyState({ version: 1, alerts: [-0], providers: {} }).alerts[0], 0)).toBe(true);
    expect(Object.is(parseNotifyState({ version: 1, providers: { a: { lastAlertAt: -0 } } }).providers.a?.lastAlertAt, 0)).toBe(true);
    fc.assert(
      fc.property(raw, fc.constantFrom(...levels), fc.integer({ min: -60, max: 60 * 48 }), (value, level, minute) => {
        const state = parseNotifyState(value);
        expect(parseNotifyState(JSON.parse(JSON.stringify(state)))).toEqual(state);
        const result = planNotifications(state, [situation(level), other(level)], DEFAULT_NOTIFICATION_SETTINGS, at(minute), english);
        expect(parseNotifyState(JSON.parse(JSON.stringify(result.state)))).toEqual(result.state);
        expect(result.state.alerts.length).toBeLessThanOrEqual(GLOBAL_LIMIT);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('purity', () => {
  it('does not modify the state, situations or settings it is given', () => {
    const deepFreeze = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null) {
        for (const inner of Object.values(value)) deepFreeze(inner);
        Object.freeze(value);
      }
      return value;
    };
    let state = EMPTY_NOTIFY_STATE;
    const steps: [number, HealthLevel][] = [[0, 'degraded'], [5, 'major_outage'], [20, 'major_outage'], [25, 'operational'], [26, 'degraded']];
    for (const [minute, level] of steps) {
      const situations = deepFreeze([situation(level, { incidents: [incident(`i${minute}`)] })]);
      state = deepFreeze(planNotifications(state, situations, deepFreeze(settings()), at(minute), english).state);
    }
    expect(state.providers.anthropic).toBeDefined();
  });

  it('an invalid clock plans nothing and keeps the state', () => {
    const state = planNotifications(EMPTY_NOTIFY_STATE, [situation('degraded')], DEFAULT_NOTIFICATION_SETTINGS, at(0), english).state;
    const result = planNotifications(state, [situation('operational')], DEFAULT_NOTIFICATION_SETTINGS, new Date(Number.NaN), english);
    expect(result).toEqual({ state, notifications: [] });
  });

  it('a clock set back does not stretch the rate limits beyond their window', () => {
    let state = planNotifications(EMPTY_NOTIFY_STATE, [situation('degraded')], DEFAULT_NOTIFICATION_SETTINGS, at(120), english).state;
    state = planNotifications(state, [situation('operational')], DEFAULT_NOTIFICATION_SETTINGS, at(0), english).state;
    const later = planNotifications(state, [situation('degraded')], DEFAULT_NOTIFICATION_SETTINGS, at(15), english);
    expect(gists(later.notifications)).toEqual(['trouble:anthropic:degraded']);
  });

  it('the first situation of a provider counts when the caller sends two', () => {
    const result = planNotifications(EMPTY_NOTIFY_STATE, [situation('degraded'), situation('major_outage')], DEFAULT_NOTIFICATION_SETTINGS, at(0), english);
    expect(gists(result.notifications)).toEqual(['trouble:anthropic:degraded']);
  });
});
