import '../support/fake-extension.ts';
import { describe, expect, it } from 'vitest';
import { NEXT_POLL_ALARM, PRUNE_ALARM, PRUNE_RESUME_ALARM, WATCHDOG_ALARM } from '../../src/background/alarms.ts';
import { DATA_CHECK_ALARM } from '../../src/background/data-updates.ts';
import { EARLY_WARNING_ALARM } from '../../src/background/early-warning.ts';
import { alarmTask, frameTab, onAiRequestPhase, requestTab, storageTask, tabChange } from '../../src/background/events.ts';
import { TEST_MINUTE_KEY } from '../../src/background/settings.ts';
import { SETTINGS_KEY } from '../../src/protocol/settings.ts';

describe('the worker’s events', () => {
  it('routes each alarm to its job by name, and ignores alarms it does not know', () => {
    expect([NEXT_POLL_ALARM, WATCHDOG_ALARM, PRUNE_ALARM, PRUNE_RESUME_ALARM, DATA_CHECK_ALARM, EARLY_WARNING_ALARM].map(alarmTask)).toEqual([
      'poll',
      'poll',
      'prune',
      'prune',
      'check-data',
      'early-warning',
    ]);
    expect(alarmTask('something-else')).toBeNull();
    expect(alarmTask('')).toBeNull();
  });

  it('applies settings changed in local storage, re-arms the schedule when its pace changes, and ignores the rest', () => {
    expect(storageTask({ [SETTINGS_KEY]: {} }, 'local')).toBe('apply-settings');
    // Settings win over a pace change that arrives in the same write.
    expect(storageTask({ [SETTINGS_KEY]: {}, [TEST_MINUTE_KEY]: {} }, 'local')).toBe('apply-settings');
    expect(storageTask({ [TEST_MINUTE_KEY]: {} }, 'local')).toBe('reschedule');
    expect(storageTask({ 'tab:3': {} }, 'local')).toBeNull();
    expect(storageTask({ [SETTINGS_KEY]: {} }, 'session')).toBeNull();
    expect(storageTask({ [SETTINGS_KEY]: {} }, 'sync')).toBeNull();
  });

  it('learns a tab’s address when it navigates or reloads, notes a finished load, and ignores its other changes', () => {
    expect(tabChange({ status: 'loading', url: 'https://www.notion.so/' }, { url: 'https://www.notion.so/' })).toEqual({ navigatedTo: 'https://www.notion.so/', loaded: false });
    expect(tabChange({ url: 'https://chatgpt.com/codex' }, { url: 'https://chatgpt.com/codex' })).toEqual({ navigatedTo: 'https://chatgpt.com/codex', loaded: false });
    expect(tabChange({ status: 'loading' }, { url: 'https://www.notion.so/' })).toEqual({ navigatedTo: 'https://www.notion.so/', loaded: false });
    expect(tabChange({ status: 'complete' }, { url: 'https://www.notion.so/' })).toEqual({ navigatedTo: null, loaded: true });
    expect(tabChange({ title: 'Notion' } as { status?: string }, { url: 'https://www.notion.so/' })).toEqual({ navigatedTo: null, loaded: false });
  });

  it('takes requests made in a tab as signals of that tab, and none of no tab', () => {
    expect(requestTab({ tabId: 7 })).toBe(7);
    expect(requestTab({ tabId: 0 })).toBe(0);
    expect(requestTab({ tabId: -1 })).toBeNull();
    // Frames count for the tab whose own page embeds them, as its content script would have seen them.
    expect(frameTab({ tabId: 7, parentFrameId: 0 })).toBe(7);
    expect(frameTab({ tabId: 7, parentFrameId: 12 })).toBeNull();
    expect(frameTab({ tabId: -1, parentFrameId: 0 })).toBeNull();
  });

  it('never blocks a request it observes, and passes over one that is no catalog AI request', () => {
    const details = { url: 'https://example.com/', method: 'GET', requestId: '1', timeStamp: 0 };
    for (const phase of ['start', 'redirect', 'response', 'error'] as const) expect(onAiRequestPhase(phase)(details)).toBeUndefined();
  });
});
