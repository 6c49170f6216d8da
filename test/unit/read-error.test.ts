import { resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseReadError, type ReadError } from '../../src/model/health.ts';
import { whatIsIt } from '../../src/status/recognize.ts';
import { readErrorText } from '../../src/ui/shared/labels.ts';

describe('why a status page could not be read', () => {
  beforeEach(resetBrowser);

  it('tells a browser check, a web page, other JSON and other text apart', () => {
    expect(whatIsIt('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>')).toBe('challenge');
    expect(whatIsIt('  <!doctype html><html lang="en"><body>Status</body></html>')).toBe('html');
    expect(whatIsIt('{"data":{"attributes":{}}}')).toBe('json');
    expect(whatIsIt('[1,2,3]')).toBe('json');
    expect(whatIsIt('Service Unavailable')).toBe('text');
  });

  it('words every kind for the user, never as a raw code', () => {
    const cases: [ReadError, string][] = [
      [{ kind: 'http', status: 500 }, 'it answered with an error (HTTP 500)'],
      [{ kind: 'http', status: 429 }, 'it asked Upstream to slow down (HTTP 429)'],
      [{ kind: 'timeout' }, 'it did not answer in time'],
      [{ kind: 'network' }, 'it could not be reached'],
      [{ kind: 'too-large' }, 'its answer was too large to be a status'],
      [{ kind: 'format' }, 'its format changed: Upstream does not recognise its answer'],
      [{ kind: 'format', found: 'html' }, 'its format changed: it answered with a web page instead of its data'],
      [{ kind: 'format', found: 'json', platform: 'atlassian-statuspage' }, 'its format changed: it now answers in the format of Atlassian Statuspage'],
      [{ kind: 'format', found: 'challenge' }, 'it asks for a browser check: open the status page once in a tab, then Upstream can read it'],
      [{ kind: 'closed' }, 'it says it is no longer published'],
      [{ kind: 'config' }, "Upstream's entry for this page is incomplete"],
      [{ kind: 'unexpected' }, 'Upstream failed while reading it'],
    ];
    for (const [error, words] of cases) expect(readErrorText(error)).toBe(words);
  });

  it('reads stored reasons back, those of earlier versions (English text) included, and nothing else', () => {
    expect(parseReadError(null)).toBeNull();
    expect(parseReadError('HTTP 503')).toEqual({ kind: 'http', status: 503 });
    expect(parseReadError('timed out')).toEqual({ kind: 'timeout' });
    expect(parseReadError('not a Statuspage summary.json')).toEqual({ kind: 'format' });
    expect(parseReadError({ kind: 'format', found: 'challenge' })).toEqual({ kind: 'format', found: 'challenge' });
    expect(parseReadError({ kind: 'format', found: '<script>' })).toEqual({ kind: 'format' });
    expect(parseReadError({ kind: 'http', status: 9000 })).toEqual({ kind: 'unexpected' });
    expect(parseReadError({ kind: '__proto__' })).toEqual({ kind: 'unexpected' });
  });
});
