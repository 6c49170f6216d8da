import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admissionLine,
  admit,
  advanceEpisodes,
  durationText,
  EARLY_WARNING,
  episodeOver,
  episodeRecord,
  errorOutcome,
  expireObservations,
  failuresText,
  honesty,
  judge,
  nextChangeAt,
  NO_OBSERVATIONS,
  observeError,
  observeRedirect,
  observeResponse,
  observeStart,
  parseObservations,
  responseOutcome,
  warningLine,
  type ConnectionEvidence,
  type EarlyWarningView,
  type Episode,
  type Observations,
  type Outcome,
  type Warning,
} from '../../src/health/early-warning.ts';
import { english } from '../../src/model/english.ts';

// A fixed instant handed to the code, never compared with the real clock.
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const S = 1000;
const MIN = 60 * S;
const ONLINE: ConnectionEvidence = { online: true, others: [] };

const at = (secondsAgo: number) => NOW - secondsAgo * S;
const obs = (...outcomes: Outcome[]): Observations => ({ outcomes, pending: [] });
const fail = (secondsAgo: number, status = 503): Outcome => ({ at: at(secondsAgo), kind: responseOutcome(status) ?? 'server-error', status });
const ok = (secondsAgo: number): Outcome => ({ at: at(secondsAgo), kind: 'success', status: 200 });
const net = (secondsAgo: number, local = false): Outcome => ({ at: at(secondsAgo), kind: 'network', ...(local ? { local: true } : {}) });

function warned(verdict: ReturnType<typeof judge>): Warning {
  if (verdict.kind === 'calm') throw new Error('expected a warning');
  return verdict;
}

describe('what a request’s end says about the product', () => {
  it('counts 5xx, 529 and 429 as failures, 1xx–3xx as successes, and other 4xx not at all', () => {
    for (let status = 0; status < 1000; status++) {
      const kind = responseOutcome(status);
      if (status === 529) expect(kind).toBe('overloaded');
      else if (status === 429) expect(kind).toBe('rate-limited');
      else if (status >= 500 && status <= 599) expect(kind).toBe('server-error');
      else if (status >= 100 && status <= 399) expect(kind).toBe('success');
      // 401 signed out, 403 a bot check, 404, 422 bad input…: answers about the request, not the product.
      else expect(kind).toBeNull();
    }
    expect(responseOutcome(503.5)).toBeNull();
  });

  it('takes a cancelled or blocked request as no failure, and tells errors of the browser’s own connection apart', () => {
    for (const error of ['net::ERR_ABORTED', 'net::ERR_BLOCKED_BY_CLIENT', 'NS_BINDING_ABORTED']) expect(errorOutcome(error)).toBeNull();
    for (const error of ['net::ERR_INTERNET_DISCONNECTED', 'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_NETWORK_CHANGED', 'NS_ERROR_OFFLINE']) expect(errorOutcome(error)).toEqual({ local: true });
    for (const error of ['net::ERR_CONNECTION_RESET', 'net::ERR_EMPTY_RESPONSE', 'net::ERR_HTTP2_PROTOCOL_ERROR', 'anything else']) expect(errorOutcome(error)).toEqual({ local: false });
  });
});

describe('counting a product’s requests', () => {
  it('counts a request once, from its start to its answer or error', () => {
    let seen = observeStart(NO_OBSERVATIONS, '1', at(30));
    expect(seen.pending).toEqual([{ request: '1', at: at(30) }]);
    seen = observeResponse(seen, '1', 503, at(29));
    expect(seen).toEqual({ pending: [], outcomes: [{ at: at(29), kind: 'server-error', status: 503, request: '1' }] });
    // A second answer for the same request (the browser reports one per redirect hop at most) is not counted again.
    expect(observeResponse(seen, '1', 200, at(28))).toEqual(seen);
    seen = observeError(observeStart(seen, '2', at(20)), '2', 'net::ERR_CONNECTION_RESET', at(19));
    expect(seen.outcomes.map((outcome) => outcome.kind)).toEqual(['server-error', 'network']);
  });

  it('ignores answers to requests it did not see start, and a request the user stopped', () => {
    expect(observeResponse(NO_OBSERVATIONS, '9', 500, at(1))).toEqual(NO_OBSERVATIONS);
    expect(observeError(NO_OBSERVATIONS, '9', 'net::ERR_FAILED', at(1))).toEqual(NO_OBSERVATIONS);
    const stopped = observeError(observeStart(NO_OBSERVATIONS, '3', at(10)), '3', 'net::ERR_ABORTED', at(9));
    expect(stopped).toEqual({ outcomes: [], pending: [] });
    // 403 (a bot check) ends the request without counting it.
    expect(observeResponse(observeStart(NO_OBSERVATIONS, '4', at(10)), '4', 403, at(9))).toEqual({ outcomes: [], pending: [] });
    // A redirect (to a sign-in page, say) is no answer about the product, and no timeout later either.
    const redirected = observeRedirect(observeStart(NO_OBSERVATIONS, '6', at(100)), '6');
    expect(redirected).toEqual({ outcomes: [], pending: [] });
    expect(expireObservations(redirected, NOW)).toEqual({ outcomes: [], pending: [] });
  });

  it('makes a request unanswered for a minute a timeout, and lets a late answer replace it', () => {
    const started = observeStart(NO_OBSERVATIONS, '5', at(90));
    expect(expireObservations(started, at(90) + EARLY_WARNING.timeoutMs - 1).pending).toHaveLength(1);
    const timedOut = expireObservations(started, at(20));
    expect(timedOut).toEqual({ pending: [], outcomes: [{ at: at(90) + EARLY_WARNING.timeoutMs, kind: 'timeout', request: '5' }] });
    // A proxy gives up after 100 s with a 524: the timeout becomes that server error.
    expect(observeResponse(timedOut, '5', 524, at(10)).outcomes).toEqual([{ at: at(10), kind: 'server-error', status: 524, request: '5' }]);
    // A slow success after all: not a failure any more.
    expect(observeResponse(timedOut, '5', 200, at(10)).outcomes.map((outcome) => outcome.kind)).toEqual(['success']);
    // The user stopped it after the timeout was counted: not a failure either.
    expect(observeError(timedOut, '5', 'net::ERR_ABORTED', at(10)).outcomes).toEqual([]);
  });

  it('forgets outcomes older than the window, and says when the counts next change by themselves', () => {
    const seen = obs(fail(EARLY_WARNING.windowMs / S + 1), fail(100));
    expect(expireObservations(seen, NOW).outcomes).toEqual([fail(100)]);
    expect(nextChangeAt(seen)).toBe(at(EARLY_WARNING.windowMs / S + 1) + EARLY_WARNING.windowMs);
    expect(nextChangeAt(observeStart(NO_OBSERVATIONS, '1', at(5)))).toBe(at(5) + EARLY_WARNING.timeoutMs);
    expect(nextChangeAt(NO_OBSERVATIONS)).toBeNull();
  });

  it('stays bounded whatever a page sends, and never holds a request both pending and counted', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('start' as const), id: fc.string({ maxLength: 60 }), t: fc.integer({ min: 0, max: 600 }) }),
      fc.record({ type: fc.constant('response' as const), id: fc.string({ maxLength: 60 }), t: fc.integer({ min: 0, max: 600 }), status: fc.integer({ min: -1, max: 1000 }) }),
      fc.record({ type: fc.constant('error' as const), id: fc.string({ maxLength: 60 }), t: fc.integer({ min: 0, max: 600 }), error: fc.constantFrom('net::ERR_ABORTED', 'net::ERR_FAILED', 'net::ERR_INTERNET_DISCONNECTED') }),
      fc.record({ type: fc.constant('expire' as const), t: fc.integer({ min: 0, max: 600 }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        let seen: Observations = NO_OBSERVATIONS;
        for (const e of events) {
          const time = at(600 - e.t);
          if (e.type === 'start') seen = observeStart(seen, e.id, time);
          else if (e.type === 'response') seen = observeResponse(seen, e.id, e.status, time);
          else if (e.type === 'error') seen = observeError(seen, e.id, e.error, time);
          else seen = expireObservations(seen, time);
          if (seen.outcomes.length > EARLY_WARNING.outcomesPerProduct || seen.pending.length > EARLY_WARNING.pendingPerProduct) return false;
          const pending = new Set(seen.pending.map((entry) => entry.request));
          if (pending.size !== seen.pending.length) return false;
          if (seen.outcomes.some((outcome) => outcome.request !== undefined && pending.has(outcome.request))) return false;
          if ([...seen.outcomes, ...seen.pending].some((entry) => (('request' in entry && entry.request) || '').length > EARLY_WARNING.requestIdLength)) return false;
        }
        return true;
      }),
    );
  });

  it('reads stored counts back within bounds, whatever storage holds', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (junk) => {
        const parsed = parseObservations(junk);
        return Array.isArray(parsed.outcomes) && Array.isArray(parsed.pending) && parsed.outcomes.length <= EARLY_WARNING.outcomesPerProduct;
      }),
    );
    const many = { outcomes: Array.from({ length: 500 }, (_, i) => ({ at: NOW - i, kind: 'server-error', status: 503, request: 'x'.repeat(500) })), pending: Array.from({ length: 500 }, (_, i) => ({ request: String(i), at: NOW })) };
    const parsed = parseObservations(many);
    expect(parsed.outcomes).toHaveLength(EARLY_WARNING.outcomesPerProduct);
    expect(parsed.pending).toHaveLength(EARLY_WARNING.pendingPerProduct);
    expect(parsed.outcomes[0]?.request).toHaveLength(EARLY_WARNING.requestIdLength);
    expect(parseObservations({ outcomes: [{ at: NOW, kind: 'exploded' }, { at: 'soon', kind: 'success' }, { at: NOW, kind: 'timeout', local: 'yes' }] }).outcomes).toEqual([{ at: NOW, kind: 'timeout' }]);
  });
});

describe('judging: are the product’s requests failing?', () => {
  it('warns on three failures spread over a quarter minute with no success since', () => {
    const verdict = warned(judge(obs(fail(40), fail(30), fail(20)), NOW, ONLINE));
    expect(verdict).toMatchObject({ kind: 'failing', because: null, failed: 3, total: 3, firstAt: at(40), lastAt: at(20), lastFailureAt: at(20) });
    expect(verdict.failures).toEqual([{ kind: 'server-error', status: 503, count: 3 }]);
  });

  it('stays calm below three failures, or when they came together (a blip fails everything in flight)', () => {
    expect(judge(obs(fail(40), fail(20)), NOW, ONLINE).kind).toBe('calm');
    expect(judge(obs(fail(12), fail(8), fail(1)), NOW, ONLINE).kind).toBe('calm');
    expect(judge(obs(fail(12), fail(8), fail(1)), NOW + 20 * S, ONLINE).kind).toBe('calm');
    expect(judge(obs(fail(20), fail(12), fail(8), fail(1)), NOW, ONLINE).kind).toBe('failing');
  });

  it('needs few successes, and the newest request to have failed', () => {
    expect(warned(judge(obs(ok(100), fail(40), fail(30), fail(20)), NOW, ONLINE))).toMatchObject({ failed: 3, total: 4 });
    expect(judge(obs(ok(100), ok(90), fail(40), fail(30), fail(20)), NOW, ONLINE).kind).toBe('calm');
    expect(judge(obs(ok(100), ok(90), fail(60), fail(40), fail(30), fail(20)), NOW, ONLINE).kind).toBe('failing');
    // Answered again: the product works, whatever happened before.
    expect(judge(obs(fail(40), fail(30), fail(20), ok(10)), NOW, ONLINE).kind).toBe('calm');
  });

  it('does not warn on 429s alone (the user’s own limit looks the same), but counts them with other failures', () => {
    expect(judge(obs(fail(60, 429), fail(40, 429), fail(30, 429), fail(20, 429)), NOW, ONLINE).kind).toBe('calm');
    const verdict = warned(judge(obs(fail(60, 429), fail(40, 429), fail(20, 529)), NOW, ONLINE));
    expect(verdict.failures).toEqual([
      { kind: 'rate-limited', status: null, count: 2 },
      { kind: 'overloaded', status: null, count: 1 },
    ]);
  });

  it('judges only the last five minutes', () => {
    const seen = obs(fail(330), fail(320), fail(310));
    expect(judge(seen, NOW, ONLINE).kind).toBe('calm');
    expect(judge(seen, at(100), ONLINE).kind).toBe('failing');
  });

  it('says it is the connection when the browser is offline, whatever failed', () => {
    expect(warned(judge(obs(fail(40), fail(30), fail(20)), NOW, { online: false, others: [] }))).toMatchObject({ kind: 'connection', because: 'offline' });
  });

  it('says it is the connection when requests got no answer and the error says the browser could not get out', () => {
    expect(warned(judge(obs(net(40), net(30), net(20, true)), NOW, ONLINE))).toMatchObject({ kind: 'connection', because: 'local-error' });
  });

  it('says it is the connection when other hosts fail too and none answered since, the product when another host answered', () => {
    const seen = obs(net(40), net(30), { at: at(20), kind: 'timeout' });
    const failedToo = { at: at(35), answered: false };
    expect(warned(judge(seen, NOW, { online: true, others: [failedToo] }))).toMatchObject({ kind: 'connection', because: 'other-hosts' });
    // A status page answered after the failures began: the connection works, the product does not.
    expect(judge(seen, NOW, { online: true, others: [failedToo, { at: at(25), answered: true }] }).kind).toBe('failing');
    // An answer from before the failures began says nothing about now.
    expect(judge(seen, NOW, { online: true, others: [failedToo, { at: at(45), answered: true }] }).kind).toBe('connection');
    // Without evidence either way, the product's requests are failing: that much is known.
    expect(judge(seen, NOW, ONLINE).kind).toBe('failing');
  });

  it('takes an error status as the product answering: the connection works', () => {
    const errors = obs(fail(40), fail(30), fail(20));
    expect(judge(errors, NOW, { online: true, others: [{ at: at(30), answered: false }] }).kind).toBe('failing');
    // Unless the connection went since: the failures after the product last answered decide.
    const thenDown = obs(fail(90), fail(60), net(30), net(20));
    expect(judge(thenDown, NOW, { online: true, others: [{ at: at(25), answered: false }] }).kind).toBe('connection');
  });

  it('never warns without enough failures, with a success last, or on 429s alone; its counts add up (any outcomes)', () => {
    const outcome = fc.record({
      secondsAgo: fc.integer({ min: 0, max: 400 }),
      kind: fc.constantFrom('success', 'server-error', 'overloaded', 'rate-limited', 'network', 'timeout'),
      local: fc.boolean(),
    });
    const evidence = fc.record({ online: fc.boolean(), others: fc.array(fc.record({ at: fc.integer({ min: at(400), max: NOW }), answered: fc.boolean() }), { maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 25 }), evidence, (drawn, seenElsewhere) => {
        const outcomes: Outcome[] = drawn.map((entry) => ({ at: at(entry.secondsAgo), kind: entry.kind, ...(entry.local && entry.kind === 'network' ? { local: true } : {}) }));
        const verdict = judge(obs(...outcomes), NOW, seenElsewhere);
        const inWindow = outcomes.filter((entry) => entry.at > NOW - EARLY_WARNING.windowMs).sort((a, b) => a.at - b.at);
        const failures = inWindow.filter((entry) => entry.kind !== 'success');
        if (verdict.kind === 'calm') return true;
        const newest = inWindow.at(-1);
        return (
          failures.length >= EARLY_WARNING.minFailures &&
          failures.length >= EARLY_WARNING.failuresPerSuccess * (inWindow.length - failures.length) &&
          newest !== undefined &&
          newest.kind !== 'success' &&
          failures.some((entry) => entry.kind !== 'rate-limited') &&
          verdict.failed === failures.length &&
          verdict.total === inWindow.length &&
          verdict.failures.reduce((sum, entry) => sum + entry.count, 0) === verdict.failed &&
          (verdict.kind === 'failing' || !seenElsewhere.online || failures.some((entry) => entry.kind === 'network' || entry.kind === 'timeout'))
        );
      }),
    );
  });

  it('keeps warning while failures go on (another failure never calms it)', () => {
    const failure = fc.record({ secondsAgo: fc.integer({ min: 0, max: 290 }), status: fc.constantFrom(500, 502, 503, 504, 529) });
    fc.assert(
      fc.property(fc.array(failure, { minLength: 3, maxLength: 15 }), fc.integer({ min: 0, max: 5 }), (failures, successes) => {
        const outcomes = [...failures.map((entry) => fail(entry.secondsAgo, entry.status)), ...Array.from({ length: successes }, () => ok(299))];
        const before = judge(obs(...outcomes), NOW, ONLINE);
        const after = judge(obs(...outcomes, fail(0)), NOW, ONLINE);
        return before.kind === 'calm' || after.kind !== 'calm';
      }),
    );
  });
});

describe('episodes: how much earlier Upstream knew', () => {
  const warning = (lastFailureAt: number): Warning => ({ kind: 'failing', because: null, failed: 3, total: 3, firstAt: lastFailureAt - 30 * S, lastAt: lastFailureAt, lastFailureAt, failures: [] });
  const providersOf = (productId: string) => (productId === 'claude' ? ['anthropic'] : productId === 'notion-ai' ? ['anthropic', 'openai'] : []);

  it('opens one per failing product that has a status page, and moves its last failure on', () => {
    let episodes = advanceEpisodes([], new Map([['claude', warning(at(20))], ['microsoft-copilot', warning(at(20))]]), providersOf, NOW);
    expect(episodes).toEqual([{ productId: 'claude', providerIds: ['anthropic'], warnedAt: NOW, lastFailureAt: at(20), admitted: null, recorded: false }]);
    episodes = advanceEpisodes(episodes, new Map([['claude', warning(NOW + 30 * S)]]), providersOf, NOW + MIN);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ warnedAt: NOW, lastFailureAt: NOW + 30 * S });
    // The connection failing is nobody's incident: no episode.
    expect(advanceEpisodes([], new Map([['claude', { ...warning(NOW), kind: 'connection' as const, because: 'offline' as const }]]), providersOf, NOW)).toEqual([]);
  });

  it('keeps at most twenty, the newest', () => {
    const failing = new Map(Array.from({ length: 30 }, (_, i) => [`p${i}`, warning(NOW)] as const));
    const episodes = advanceEpisodes([], failing, () => ['anthropic'], NOW);
    expect(episodes).toHaveLength(EARLY_WARNING.episodes);
  });

  it('is admitted by the earliest of its providers’ pages, with the lead time; a page that said so first gives a negative lead', () => {
    const episode: Episode = { productId: 'notion-ai', providerIds: ['anthropic', 'openai'], warnedAt: NOW, lastFailureAt: NOW, admitted: null, recorded: false };
    const admitted = admit(episode, [
      { providerId: 'openai', at: NOW + 9 * MIN, incidentId: 'b', incidentTitle: 'Errors' },
      { providerId: 'anthropic', at: NOW + 6 * MIN, incidentId: 'a', incidentTitle: 'Elevated errors' },
      { providerId: 'google', at: NOW + MIN, incidentId: 'c', incidentTitle: 'Not this product' },
    ]);
    expect(admitted.admitted).toEqual({ providerId: 'anthropic', at: NOW + 6 * MIN, incidentId: 'a', incidentTitle: 'Elevated errors', leadMs: 6 * MIN });
    // Once admitted, it stays as first admitted.
    expect(admit(admitted, [{ providerId: 'openai', at: NOW + MIN, incidentId: 'b', incidentTitle: null }])).toBe(admitted);
    expect(admit(episode, []).admitted).toBeNull();
    expect(admit(episode, [{ providerId: 'anthropic', at: NOW - 2 * MIN, incidentId: null, incidentTitle: null }]).admitted?.leadMs).toBe(-2 * MIN);
  });

  it('is recorded once when admitted, and when it ends unadmitted only if one page alone could have admitted it', () => {
    const base: Episode = { productId: 'claude', providerIds: ['anthropic'], warnedAt: NOW, lastFailureAt: NOW + MIN, admitted: null, recorded: false };
    expect(episodeRecord(base, false)).toBeNull();
    expect(episodeOver(base, NOW + MIN + EARLY_WARNING.admitWithinMs)).toBe(false);
    expect(episodeOver(base, NOW + MIN + EARLY_WARNING.admitWithinMs + 1)).toBe(true);
    expect(episodeRecord(base, true)).toEqual({
      providerId: 'anthropic',
      productId: 'claude',
      warnedAt: new Date(NOW).toISOString(),
      lastFailureAt: new Date(NOW + MIN).toISOString(),
      admittedAt: null,
      incidentId: null,
      incidentTitle: null,
      leadMs: null,
    });
    expect(episodeRecord({ ...base, providerIds: ['anthropic', 'openai'] }, true)).toBeNull();
    const admitted = admit(base, [{ providerId: 'anthropic', at: NOW + 7 * MIN, incidentId: 'i', incidentTitle: 'Claude.ai unavailable' }]);
    expect(episodeRecord(admitted, false)).toMatchObject({ admittedAt: new Date(NOW + 7 * MIN).toISOString(), incidentId: 'i', leadMs: 7 * MIN });
    expect(episodeRecord({ ...admitted, recorded: true }, true)).toBeNull();
  });

  it('sums up a page’s honesty: how often it admitted what the requests showed, and how late (median)', () => {
    const record = (leadMs: number | null) => ({ providerId: 'anthropic', productId: 'claude', warnedAt: '', lastFailureAt: '', admittedAt: leadMs === null ? null : 'x', incidentId: null, incidentTitle: null, leadMs });
    expect(honesty([record(2 * MIN), record(10 * MIN), record(4 * MIN), record(-MIN), record(0), record(null)])).toEqual({
      episodes: 6,
      admittedLater: 3,
      medianLeadMs: 4 * MIN,
      admittedFirst: 2,
      notAdmitted: 1,
    });
    expect(honesty([record(2 * MIN), record(4 * MIN)]).medianLeadMs).toBe(3 * MIN);
    expect(honesty([])).toEqual({ episodes: 0, admittedLater: 0, medianLeadMs: null, admittedFirst: 0, notAdmitted: 0 });
  });
});

describe('the words', () => {
  const failing = warned(judge(obs(ok(150), fail(110, 529), fail(60, 529), fail(30, 503)), NOW, ONLINE));
  const view = (over: Partial<EarlyWarningView> = {}): EarlyWarningView => ({ warning: failing, pages: 'calm', providers: ['Anthropic'], admission: null, ...over });

  it('says what failed, against what the status page says, distinct from an outage', () => {
    expect(warningLine('Claude', view(), english)).toBe("Your Claude requests are failing: 3 of the last 4 in 2 min; Anthropic's status page reports no incident yet");
    expect(warningLine('Notion AI', view({ providers: ['Anthropic', 'OpenAI'] }), english)).toBe(
      'Your Notion AI requests are failing: 3 of the last 4 in 2 min; the status pages of Anthropic and OpenAI report no incident yet',
    );
    expect(warningLine('Claude', view({ pages: 'unknown' }), english)).toContain('Upstream cannot read the status page of Anthropic right now');
    expect(warningLine('Claude', view({ pages: 'unread' }), english)).toContain('Upstream has not read the status page of Anthropic yet');
    expect(warningLine('Claude', view({ pages: 'maintenance' }), english)).toContain('maintenance is under way at Anthropic');
    expect(warningLine('Claude', view({ pages: 'trouble' }), english)).toContain('the status page reports trouble at Anthropic too');
    expect(warningLine('Copilot', view({ pages: 'none', providers: [] }), english)).toContain('Copilot has no status page Upstream reads');
    expect(failuresText(failing, english)).toBe('2 × HTTP 529 (overloaded), 1 × HTTP 503');
    expect(warningLine('Claude', view({ warning: null }), english)).toBeNull();
  });

  it('says “connection” when it is likely the connection', () => {
    const connection = warned(judge(obs(net(40), net(30), net(20, true)), NOW, ONLINE));
    expect(warningLine('Claude', view({ warning: connection }), english)).toBe(
      'Your Claude requests are failing (3 of the last 3 in under a minute), and so are other sites: it is likely your connection, not Claude',
    );
    const offline = warned(judge(obs(net(40), net(30), net(20)), NOW, { online: false, others: [] }));
    expect(warningLine('Claude', view({ warning: offline }), english)).toBe('The browser is offline: your Claude requests fail because of the connection, not Claude');
    expect(failuresText({ ...connection, failures: [{ kind: 'timeout', status: null, count: 2 }] }, english)).toBe('2 × no answer within 60 s');
  });

  it('says how much earlier Upstream knew, never more than it was', () => {
    expect(admissionLine('Claude', view({ admission: { providerName: 'Anthropic', leadMs: 6 * MIN + 50 * S, incidentTitle: null } }), english)).toBe(
      "Upstream knew 6 min earlier: your Claude requests were failing before Anthropic's status page said so.",
    );
    expect(admissionLine('Claude', view({ admission: { providerName: 'Anthropic', leadMs: -MIN, incidentTitle: null } }), english)).toBe(
      "Anthropic's status page said so before your Claude requests failed.",
    );
    expect(durationText(59 * S, english)).toBe('under a minute');
    expect(durationText(119 * MIN, english)).toBe('119 min');
    expect(durationText(150 * MIN, english)).toBe('2.5 h');
    expect(admissionLine('Claude', view(), english)).toBeNull();
  });
});
