/**
 * Data packs from the build's update address: fetched politely (at most daily, jittered, backing off, with
 * If-None-Match), opened (every check in src/pack/open.ts), applied when newer, or refused with the reason kept
 * for Options; rolled back to the bundled data in one step. Applying or rolling back rebuilds the worker's
 * indexes, detects open tabs' products again from what is stored of them, and repaints.
 */
import browser from 'webextension-polyfill';
import { MAX_PACK_BYTES } from '../pack/format.ts';
import { openPack } from '../pack/open.ts';
import { firstCheckTime, nextCheckTime, retryAfterMs, UPDATE_TIMING, type CheckResult, type FetchFailure, type UpdateState } from '../pack/updates.ts';
import type { DataStatusView } from '../protocol/views.ts';
import { eventContext, type WorkerContext } from './context.ts';
import { pollAndPaint } from './cycle.ts';
import { activeData, bundled, fromPack, useData } from './data.ts';
import type { DataSourceConfig } from '../pack/config.ts';
import { acceptedKeys, buildId, DATA_SOURCE } from './data-source.ts';
import { boundedBody } from './fetcher.ts';
import { deleteStoredPack, readStoredPack, readUpdateState, writeStoredPack, writeUpdateState } from './data-store.ts';
import { detectTab, withTabFrames } from './detection.ts';
import { inTabOrder } from './requests.ts';
import { serial, SharedRun } from './serial.ts';
import { readAllTabs, readRequests, readTab, writeTab } from './tab-store.ts';

export const DATA_CHECK_ALARM = 'data-check';

/** What a check works with: the build's data source, the network, chance (for the jitter). Tests pass their own. */
export interface UpdateDeps {
  source: DataSourceConfig;
  fetch: typeof fetch;
  random: () => number;
}

const BUILD: UpdateDeps = { source: DATA_SOURCE, fetch: (input, init) => fetch(input, init), random: Math.random };

export type Fetched =
  | { kind: 'not-modified' }
  | { kind: 'body'; bytes: Uint8Array; etag: string | null }
  | { kind: 'too-large' }
  | { kind: 'failed'; failure: FetchFailure; retryAfterMs: number | null };

/**
 * One GET of the pack: no cookies, no referrer, the stored ETag as If-None-Match, a time limit for the whole
 * download and a size limit (the body stops being read past it). Redirects must stay on https.
 */
export async function fetchPack(url: string, etag: string | null, now: Date, fetchImpl: typeof fetch = fetch, timeoutMs: number = UPDATE_TIMING.timeoutMs): Promise<Fetched> {
  let response: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    response = await fetchImpl(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers: etag ? { 'if-none-match': etag } : {},
      signal,
    });
    if (response.url && new URL(response.url).protocol !== 'https:') {
      await response.body?.cancel();
      return { kind: 'failed', failure: { reason: 'insecure-redirect' }, retryAfterMs: null };
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status !== 200) {
      await response.body?.cancel();
      const failure: FetchFailure = { reason: 'http', status: response.status };
      return { kind: 'failed', failure, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), now) };
    }
    const bytes = await boundedBody(response, MAX_PACK_BYTES);
    return bytes ? { kind: 'body', bytes, etag: response.headers.get('etag') } : { kind: 'too-large' };
  } catch (error) {
    const timedOut = signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    return { kind: 'failed', failure: { reason: timedOut ? 'timeout' : 'network' }, retryAfterMs: null };
  }
}

/**
 * Open tabs' products, detected again with the data now in use, from what is stored of each page (its hostname
 * and path, the signals that matched before, its request hosts and globals). Signals the old data did not match
 * were never kept, so a widget the new data adds shows on an open tab with the page's next report.
 */
async function redetectOpenTabs(ctx: WorkerContext): Promise<void> {
  const tabs = await readAllTabs();
  await Promise.all(
    [...tabs.keys()].map((tabId) =>
      inTabOrder(tabId, async () => {
        const tab = await readTab(tabId);
        if (!tab) return;
        const detections = detectTab(ctx.detection, await withTabFrames(tabId, tab.report, tab.navigatedAt !== undefined), await readRequests(tabId), tab.globals ?? []);
        if (JSON.stringify(detections) !== JSON.stringify(tab.detections)) await writeTab(tabId, { ...tab, detections });
      }),
    ),
  );
}

async function afterDataChange(): Promise<void> {
  const ctx = await eventContext();
  await redetectOpenTabs(ctx);
  await pollAndPaint(ctx.after('tabs'));
}

async function armCheck(at: Date): Promise<void> {
  await browser.alarms.create(DATA_CHECK_ALARM, { when: at.getTime() });
}

/** At every worker start: a build with an update address keeps one check scheduled; one without has none. */
export async function ensureDataCheckAlarm(now = new Date(), deps: UpdateDeps = BUILD): Promise<void> {
  if (deps.source.url === null) {
    await browser.alarms.clear(DATA_CHECK_ALARM);
    return;
  }
  if (await browser.alarms.get(DATA_CHECK_ALARM)) return;
  const state = await readUpdateState();
  const due = state.nextCheckAt !== null ? new Date(Math.max(Date.parse(state.nextCheckAt), now.getTime() + 60_000)) : firstCheckTime(now, deps.random());
  if (state.nextCheckAt === null) await writeUpdateState({ ...state, nextCheckAt: due.toISOString() });
  await armCheck(due);
}

/** The outcome of a downloaded pack: applied, the one in use already, or refused (with the ETag worth keeping). */
async function consider(
  bytes: Uint8Array,
  etag: string | null,
  state: UpdateState,
  now: Date,
  source: DataSourceConfig,
): Promise<{ result: CheckResult; etag: string | null; newest: number | null }> {
  const opened = await openPack(bytes, { keys: await acceptedKeys(source), now, newestApplied: state.newestApplied, bundledAt: source.builtAt });
  if (opened.ok) {
    const { pack } = opened;
    await writeStoredPack({
      envelope: new TextDecoder().decode(bytes),
      pack: JSON.stringify(pack),
      version: pack.version,
      keyId: opened.keyId,
      appliedAt: now.toISOString(),
      checkedBy: buildId(),
    });
    useData(fromPack(pack));
    return { result: { outcome: 'applied', version: pack.version }, etag, newest: pack.version };
  }
  const { refusal } = opened;
  if (refusal.reason === 'not-newer') {
    const inUse = (await activeData()).info.provenance.version;
    // The server still has the pack in use (or an older one): nothing to do until it publishes a newer one.
    return { result: inUse === refusal.version ? { outcome: 'up-to-date' } : { outcome: 'refused', refusal }, etag, newest: state.newestApplied };
  }
  // Anything else is read in full again next time: a pack damaged on the way must not hide behind its ETag.
  return { result: { outcome: 'refused', refusal }, etag: null, newest: state.newestApplied };
}

async function runCheck(url: string, now: Date, deps: UpdateDeps): Promise<CheckResult> {
  const state = await readUpdateState();
  const fetched = await fetchPack(url, state.etag, now, deps.fetch);
  let result: CheckResult;
  let etag = state.etag;
  let newest = state.newestApplied;
  let retryAfter: number | null = null;
  switch (fetched.kind) {
    case 'not-modified':
      result = { outcome: 'up-to-date' };
      break;
    case 'too-large':
      result = { outcome: 'refused', refusal: { reason: 'too-large', limit: MAX_PACK_BYTES } };
      etag = null;
      break;
    case 'failed':
      result = { outcome: 'failed', failure: fetched.failure };
      retryAfter = fetched.retryAfterMs;
      break;
    case 'body':
      ({ result, etag, newest } = await consider(fetched.bytes, fetched.etag, state, now, deps.source));
      break;
  }
  const failures = result.outcome === 'failed' ? state.failures + 1 : 0;
  const next = nextCheckTime(now, result, failures, deps.random(), retryAfter);
  await writeUpdateState({ etag, lastCheckAt: now.toISOString(), last: result, failures, nextCheckAt: next.toISOString(), newestApplied: newest });
  await armCheck(next);
  if (result.outcome === 'applied') await afterDataChange();
  return result;
}

const checks = new SharedRun<CheckResult>();

/**
 * Checks the update address now (the alarm, or "Update data now"); a check asked for while one runs shares it.
 * Null when this build has no update address.
 */
export function checkForData(now = new Date(), deps: UpdateDeps = BUILD): Promise<CheckResult> | null {
  const url = deps.source.url;
  if (url === null) return null;
  return checks.run(() => serial.run('data-pack', () => runCheck(url, now, deps)));
}

/** Back to the bundled data: the pack is dropped, and its version is not applied again (a newer one is). */
export async function rollBack(now = new Date()): Promise<void> {
  await serial.run('data-pack', async () => {
    const stored = await readStoredPack();
    const inUse = (await activeData()).info.provenance.version;
    const version = stored?.version ?? inUse;
    await deleteStoredPack();
    useData(bundled());
    if (version === null) return;
    const state = await readUpdateState();
    await writeUpdateState({ ...state, lastCheckAt: state.lastCheckAt ?? now.toISOString(), last: { outcome: 'rolled-back', version }, newestApplied: Math.max(version, state.newestApplied ?? 0) });
  });
  await afterDataChange();
}

/** What Options shows: the data in use, its release notes, where packs come from and what the last check found. */
export async function dataStatus(source: DataSourceConfig = DATA_SOURCE): Promise<DataStatusView> {
  const [data, state] = await Promise.all([activeData(), readUpdateState()]);
  return {
    provenance: data.info.provenance,
    changelog: data.info.changelog,
    source: source.url,
    lastCheckAt: state.lastCheckAt,
    nextCheckAt: source.url === null ? null : state.nextCheckAt,
    last: state.last,
  };
}
