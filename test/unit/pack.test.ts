import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { CATALOG } from '../../src/catalog/index.ts';
import { pageMarkers } from '../../src/detect/engine.ts';
import { changelogBetween, packPayload } from '../../src/pack/build.ts';
import { dataSourceFromEnv } from '../../src/pack/config.ts';
import { MAX_PACK_BYTES, PACK_LIMITS, readEnvelope, writeEnvelope } from '../../src/pack/format.ts';
import { openPack, type OpenOptions } from '../../src/pack/open.ts';
import { readCatalog } from '../../src/pack/shape.ts';
import {
  firstCheckTime,
  nextCheckTime,
  parseUpdateState,
  retryAfterMs,
  UPDATE_TIMING,
  EMPTY_UPDATE_STATE,
  type UpdateState,
} from '../../src/pack/updates.ts';
import { insideRepository, keyFromEnvironment, signPack } from '../../scripts/data-pack-core.ts';
import { catalogWith, movedProvider, newSigningKey, packbotProduct, signedPack, trusted } from '../support/packs.ts';

// The tests' own clock: catalog sources are dated in the past, so the validator runs at the real time.
const NOW = new Date();
const HOUR_MS = 3_600_000;
const key = await newSigningKey();
const otherKey = await newSigningKey();
const KEYS = await trusted(key);
const options = (more: Partial<OpenOptions> = {}): OpenOptions => ({ keys: KEYS, now: NOW, newestApplied: null, bundledAt: new Date(NOW.getTime() - 48 * HOUR_MS).toISOString(), ...more });
const published = new Date(NOW.getTime() - HOUR_MS);
const packbot = packbotProduct(NOW);
const anthropic = CATALOG.providers.find((provider) => provider.id === 'anthropic')!;
const moved = movedProvider(anthropic, 'https://status.claude-moved.test');
const changed = catalogWith({ products: [packbot], providers: [moved] });

async function refusal(bytes: Uint8Array, more: Partial<OpenOptions> = {}) {
  const opened = await openPack(bytes, options(more));
  expect(opened.ok).toBe(false);
  return opened.ok ? null : opened.refusal;
}

describe('building a pack from the catalog', () => {
  it('holds the catalog, markers derived exactly as the bundled copy’s, its version, date and release notes', () => {
    const document = JSON.parse(new TextDecoder().decode(packPayload(CATALOG, { version: 7, published, changelog: [] })));
    expect(document.schema).toBe(1);
    expect(document.version).toBe(7);
    expect(document.published).toBe(published.toISOString());
    expect(document.catalog).toEqual(CATALOG);
    expect(document.markers).toEqual(pageMarkers(CATALOG.products));
    expect(document.changelog).toEqual([]);
  });

  it('the bundled catalog fits the pack’s bounds, and a pack of it opens with every field kept', async () => {
    const shaped = readCatalog(JSON.parse(JSON.stringify(CATALOG)));
    expect(shaped).toEqual({ ok: true, value: CATALOG });
    expect(CATALOG.products.length).toBeLessThan(PACK_LIMITS.products);
    const markers = pageMarkers(CATALOG.products);
    for (const kind of ['dom', 'meta', 'urlHosts'] as const) expect(markers[kind].length, kind).toBeLessThanOrEqual(PACK_LIMITS.markers[kind] / 2);
    const opened = await openPack(signPack(packPayload(CATALOG, { version: 1, published, changelog: [] }), key), options());
    expect(opened).toMatchObject({ ok: true, keyId: key.keyId });
    if (opened.ok) expect(opened.pack.catalog).toEqual(CATALOG);
  });

  it('writes release notes from the difference with the previous catalog', () => {
    const notion = CATALOG.products.find((product) => product.id === 'notion-ai')!;
    const fewerClaims = { ...notion, features: notion.features.slice(0, 1).map((feature) => ({ ...feature, dependencies: feature.dependencies.slice(0, 1) })) };
    const notionMoved = { ...notion, detect: { ...notion.detect, hosts: ['www.notion.com'] } };
    const before = catalogWith({});
    const after = {
      providers: [...changed.providers.filter((provider) => provider.id !== 'mistral'), { ...anthropic, id: 'new-lab', name: 'New Lab' }].map((provider) =>
        provider.id === 'openai' ? { ...provider, components: provider.components.slice(1) } : provider,
      ),
      products: [...changed.products.filter((product) => product.id !== 'cursor').map((product) => (product.id === 'notion-ai' ? { ...fewerClaims, detect: notionMoved.detect } : product))],
    };
    const entries = changelogBetween(before, after);
    expect(entries).toHaveLength(8);
    // Providers first, then products, each in catalog order.
    expect(entries.findIndex((entry) => entry.kind === 'product-added')).toBeGreaterThan(entries.findIndex((entry) => entry.kind === 'provider-removed'));
    expect(entries).toEqual(expect.arrayContaining([
      { kind: 'provider-moved', id: 'anthropic', name: 'Anthropic', from: 'https://status.claude.com', to: 'https://status.claude-moved.test' },
      { kind: 'components-changed', id: 'openai', name: 'OpenAI' },
      { kind: 'provider-added', id: 'new-lab', name: 'New Lab' },
      { kind: 'provider-removed', id: 'mistral', name: CATALOG.providers.find((provider) => provider.id === 'mistral')!.name },
      { kind: 'claims-changed', id: 'notion-ai', name: 'Notion AI' },
      { kind: 'detection-changed', id: 'notion-ai', name: 'Notion AI' },
      { kind: 'product-added', id: 'packbot-assistant', name: 'Packbot assistant' },
      { kind: 'product-removed', id: 'cursor', name: CATALOG.products.find((product) => product.id === 'cursor')!.name },
    ]));
    expect(changelogBetween(CATALOG, CATALOG)).toEqual([]);
  });

  it('frames the payload with a header naming the key, and reads it back byte for byte', () => {
    const payload = new TextEncoder().encode('{"schema":1}');
    const signature = new Uint8Array(64).fill(7);
    const envelope = readEnvelope(writeEnvelope(payload, key.keyId, signature));
    expect(envelope).toEqual({ format: 1, keyId: key.keyId, signature, payload });
    for (const junk of ['', '{"schema":1}', `UPSTREAM-DATA-PACK 1 ${key.keyId} short\n{}`, `UPSTREAM-DATA-PACK 1 NOTHEX ${'A'.repeat(86)}==\n{}`, `${'x'.repeat(300)}\n{}`]) {
      expect(readEnvelope(new TextEncoder().encode(junk)), junk.slice(0, 40)).toBeNull();
    }
  });
});

describe('opening a pack: accepted only when every check passes', () => {
  it('accepts a signed pack that adds a product and moves a provider, with its release notes', async () => {
    const opened = await openPack(signedPack(changed, { version: 3, published }, key), options({ newestApplied: 2 }));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.pack.version).toBe(3);
    expect(opened.pack.catalog.products.at(-1)).toEqual(packbot);
    expect(opened.pack.catalog.providers.find((provider) => provider.id === 'anthropic')?.status.pageUrl).toBe('https://status.claude-moved.test');
    expect(opened.pack.markers.urlHosts).toContain('widget.packbot.test/embed/');
    expect(opened.pack.changelog.map((entry) => entry.kind)).toEqual(['provider-moved', 'product-added']);
  });

  it('refuses a pack with one byte changed after signing', async () => {
    const bytes = signedPack(changed, { version: 3, published }, key);
    const payloadStart = bytes.indexOf(0x0a) + 1;
    // The digit of the version, well inside the signed payload.
    const at = bytes.indexOf('3'.charCodeAt(0), payloadStart);
    const tampered = bytes.slice();
    tampered[at] = '4'.charCodeAt(0);
    expect(await refusal(tampered)).toEqual({ reason: 'bad-signature' });
    // A flipped bit in the signature is no better.
    const badSignature = bytes.slice();
    badSignature[40] = badSignature[40] === 65 ? 66 : 65;
    expect(await refusal(badSignature)).toEqual({ reason: 'bad-signature' });
  });

  it('refuses a pack signed with a key it does not accept, and one whose header names an accepted key it was not signed with', async () => {
    const foreign = signedPack(changed, { version: 3, published }, otherKey);
    expect(await refusal(foreign)).toEqual({ reason: 'unknown-key', keyId: otherKey.keyId });
    const impostor = signPack(packPayload(changed, { version: 3, published, changelog: [] }), { ...otherKey, keyId: key.keyId });
    expect(await refusal(impostor)).toEqual({ reason: 'bad-signature' });
    // After a rotation the extension accepts either key.
    expect((await openPack(foreign, options({ keys: await trusted(key, otherKey) }))).ok).toBe(true);
  });

  it('refuses a version that is not newer than the newest applied', async () => {
    expect(await refusal(signedPack(changed, { version: 3, published }, key), { newestApplied: 3 })).toEqual({ reason: 'not-newer', version: 3, newest: 3 });
    expect(await refusal(signedPack(changed, { version: 2, published }, key), { newestApplied: 3 })).toEqual({ reason: 'not-newer', version: 2, newest: 3 });
  });

  it('refuses a pack older than the data bundled with the build, and one dated in the future', async () => {
    const bundledAt = NOW.toISOString();
    expect(await refusal(signedPack(changed, { version: 3, published }, key), { bundledAt })).toEqual({ reason: 'older-than-bundled', published: published.toISOString() });
    const ahead = new Date(NOW.getTime() + 3 * 24 * HOUR_MS);
    expect(await refusal(signedPack(changed, { version: 3, published: ahead }, key))).toEqual({ reason: 'from-the-future', published: ahead.toISOString() });
    // A clock a few hours behind the publisher's is not a reason.
    expect((await openPack(signedPack(changed, { version: 3, published: new Date(NOW.getTime() + 2 * HOUR_MS) }, key), options())).ok).toBe(true);
  });

  it('refuses a format it cannot read', async () => {
    const edit = (document: Record<string, unknown>) => (document.schema = 2);
    expect(await refusal(signedPack(changed, { version: 3, published, edit }, key))).toEqual({ reason: 'unsupported-schema', schema: '2' });
  });

  it('refuses a pack larger than the limit before reading it', async () => {
    const huge = new Uint8Array(MAX_PACK_BYTES + 1);
    huge.set(signedPack(changed, { version: 3, published }, key));
    expect(await refusal(huge)).toEqual({ reason: 'too-large', limit: MAX_PACK_BYTES });
  });

  it('refuses signed bytes that are not a pack: not UTF-8, not JSON, no header', async () => {
    expect(await refusal(signPack(new Uint8Array([0xff, 0xfe, 0x00]), key))).toEqual({ reason: 'malformed' });
    expect(await refusal(signPack(new TextEncoder().encode('{"schema":1,'), key))).toEqual({ reason: 'malformed' });
    expect(await refusal(signPack(new TextEncoder().encode('[1,2]'), key))).toEqual({ reason: 'malformed' });
    expect(await refusal(new TextEncoder().encode('{"schema":1}'))).toEqual({ reason: 'malformed' });
  });

  it('refuses data the catalog’s validator refuses, saying how many checks failed and the first', async () => {
    const orphan = { ...packbot, features: [{ name: 'AI', dependencies: [{ ...packbot.features[0]!.dependencies[0]!, provider: 'no-such-lab' }] }] };
    expect(await refusal(signedPack(catalogWith({ products: [orphan] }), { version: 3, published }, key))).toEqual({
      reason: 'invalid',
      part: 'catalog',
      problems: 1,
      first: 'product packbot-assistant → no-such-lab: provider is not in the provider registry',
    });
    const plainHttp = movedProvider(anthropic, 'http://status.claude-moved.test');
    const invalid = await refusal(signedPack(catalogWith({ providers: [plainHttp] }), { version: 3, published, changelog: [] }, key));
    expect(invalid).toMatchObject({ reason: 'invalid', first: 'provider anthropic: status.pageUrl must be an https URL' });
    // A platform this version has no adapter for cannot arrive as data.
    const unknownPlatform = { ...anthropic, status: { ...anthropic.status, platform: 'status-o-matic' as typeof anthropic.status.platform } };
    expect(await refusal(signedPack(catalogWith({ providers: [unknownPlatform] }), { version: 3, published }, key))).toMatchObject({
      reason: 'invalid',
      first: 'provider anthropic: no adapter for platform status-o-matic',
    });
    // A widget pattern that would make detection a regular expression is refused like in the bundled catalog.
    const pattern = { ...packbot, detect: { ...packbot.detect, dom: ['div:has(.x)'] } };
    expect(await refusal(signedPack(catalogWith({ products: [pattern] }), { version: 3, published }, key))).toMatchObject({ reason: 'invalid' });
  });

  it('refuses data of the wrong shape or beyond the bounds, before the validator reads it', async () => {
    const cases: [string, (document: Record<string, unknown>) => void, string][] = [
      ['components not a list', (d) => ((d.catalog as { providers: { components: unknown }[] }).providers[0]!.components = 5), 'catalog.providers[0].components: must be a list'],
      ['a name that is a number', (d) => ((d.catalog as { products: { name: unknown }[] }).products[0]!.name = 42), 'catalog.products[0].name: must be a string'],
      ['a very long summary', (d) => ((d.catalog as { providers: { notes: unknown }[] }).providers[0]!.notes = 'x'.repeat(PACK_LIMITS.text + 1)), `catalog.providers[0].notes: is longer than ${PACK_LIMITS.text} characters`],
      ['too many products', (d) => ((d.catalog as { products: unknown[] }).products = Array.from({ length: PACK_LIMITS.products + 1 }, () => packbot)), `catalog.products: holds more than ${PACK_LIMITS.products} items`],
      ['no catalog', (d) => delete d.catalog, 'catalog: must be an object'],
      ['release notes with a bad id', (d) => (d.changelog = [{ kind: 'product-added', id: 'Not An Id', name: 'x' }]), 'changelog[0].id: must be a catalog id'],
      ['a move to a plain-http page', (d) => (d.changelog = [{ kind: 'provider-moved', id: 'anthropic', name: 'Anthropic', from: 'https://a.example', to: 'javascript:alert(1)' }]), 'changelog[0].to: must be an https URL'],
      ['a version that is not a number', (d) => (d.version = '3'), 'version must be a whole number from 1'],
      ['no publication time', (d) => (d.published = 'yesterday'), 'published must be an ISO time with a zone'],
    ];
    // The part is what Options words; the first problem stays in the validator's words for pack builders.
    const partOf = (first: string) => (first.startsWith('changelog') ? 'release-notes' : first.startsWith('version') ? 'version' : first.startsWith('published') ? 'published' : 'catalog');
    for (const [what, edit, first] of cases) {
      expect(await refusal(signedPack(changed, { version: 3, published, edit }, key)), what).toEqual({ reason: 'invalid', part: partOf(first), problems: 1, first });
    }
  });

  it('refuses markers that do not match the products, so the content script looks for what the worker matches', async () => {
    const edit = (document: Record<string, unknown>) => ((document.markers as { dom: string[] }).dom.push('#not-in-any-product'));
    expect(await refusal(signedPack(changed, { version: 3, published, edit }, key))).toMatchObject({ reason: 'invalid', part: 'markers', first: 'markers do not match the products’ detection patterns' });
  });

  it('refuses more markers in all than the content script should look for on every page', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({
      ...packbot,
      id: `packbot-${i}`,
      detect: { scripts: packbot.detect.scripts, dom: Array.from({ length: PACK_LIMITS.patternsPerKind }, (_, j) => `#packbot-${i}-${j}`) },
    }));
    expect(await refusal(signedPack(catalogWith({ products: many }), { version: 3, published, changelog: [] }, key))).toEqual({
      reason: 'invalid',
      part: 'markers',
      problems: 1,
      first: `markers: more than ${PACK_LIMITS.markers.dom} dom markers in all, which every page would be read for`,
    });
  });

  it('leaves out what it does not know: release notes of a newer kind, fields of a newer catalog', async () => {
    const edit = (document: Record<string, unknown>) => {
      document.changelog = [{ kind: 'price-changed', id: 'x', name: 'X' }, { kind: 'product-added', id: 'packbot-assistant', name: 'Packbot assistant', extra: 1 }];
      (document.catalog as { products: Record<string, unknown>[] }).products.at(-1)!.pricing = { free: true };
    };
    const opened = await openPack(signedPack(changed, { version: 3, published, edit }, key), options());
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.pack.changelog).toEqual([{ kind: 'product-added', id: 'packbot-assistant', name: 'Packbot assistant' }]);
    expect(opened.pack.catalog.products.at(-1)).toEqual(packbot);
  });

  it('says so when the browser cannot verify Ed25519 at all', async () => {
    const subtle = {
      digest: (algorithm: string, data: BufferSource) => crypto.subtle.digest(algorithm, data),
      importKey: () => Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError')),
    } as unknown as SubtleCrypto;
    expect(await refusal(signedPack(changed, { version: 3, published }, key), { subtle })).toEqual({ reason: 'no-verifier' });
  });
});

describe('checking for packs politely', () => {
  it('checks once a day plus up to four hours, spreading installations', () => {
    const wait = (random: number) => nextCheckTime(NOW, { outcome: 'up-to-date' }, 0, random).getTime() - NOW.getTime();
    expect(wait(0)).toBe(UPDATE_TIMING.intervalMs);
    expect(wait(1)).toBe(UPDATE_TIMING.intervalMs + UPDATE_TIMING.jitterMs);
    expect(wait(0.5)).toBe(26 * HOUR_MS);
    // A refused pack is no reason to ask sooner.
    expect(nextCheckTime(NOW, { outcome: 'refused', refusal: { reason: 'bad-signature' } }, 0, 0).getTime() - NOW.getTime()).toBe(24 * HOUR_MS);
  });

  it('backs off after failures: 30 min, doubling, at most a day, and never before Retry-After', () => {
    const failed = { outcome: 'failed', failure: { reason: 'network' } } as const;
    const wait = (failures: number, random = 0, retryAfter: number | null = null) => nextCheckTime(NOW, failed, failures, random, retryAfter).getTime() - NOW.getTime();
    expect([1, 2, 3, 4, 10, 60].map((n) => wait(n) / 60_000)).toEqual([30, 60, 120, 240, 1440, 1440]);
    expect(wait(1, 1) / 60_000).toBe(36);
    expect(wait(1, 0, 5 * HOUR_MS)).toBe(5 * HOUR_MS);
    expect(wait(1, 0, 30 * 24 * HOUR_MS)).toBe(UPDATE_TIMING.retryAfterMaxMs);
    expect(retryAfterMs('120', NOW)).toBe(120_000);
    expect(retryAfterMs(new Date(NOW.getTime() + 90_000).toUTCString(), NOW)).toBeGreaterThan(88_000);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });

  it('makes a new installation’s first check within the hour', () => {
    for (const random of [0, 0.5, 1]) {
      const wait = firstCheckTime(NOW, random).getTime() - NOW.getTime();
      expect(wait).toBeGreaterThanOrEqual(60_000);
      expect(wait).toBeLessThanOrEqual(61 * 60_000);
    }
  });

  it('reads its stored state defensively', () => {
    const state: UpdateState = {
      etag: '"abc"',
      lastCheckAt: NOW.toISOString(),
      last: { outcome: 'refused', refusal: { reason: 'invalid', part: 'catalog', problems: 2, first: 'product x: needs a name' } },
      failures: 0,
      nextCheckAt: NOW.toISOString(),
      newestApplied: 4,
    };
    expect(parseUpdateState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(parseUpdateState('garbage')).toEqual(EMPTY_UPDATE_STATE);
    // A refusal stored without its part (or with one this version does not know) is the catalog's.
    const withoutPart = { ...state, last: { outcome: 'refused', refusal: { reason: 'invalid', problems: 2, first: 'product x: needs a name' } } };
    expect(parseUpdateState(JSON.parse(JSON.stringify(withoutPart)))).toEqual(state);
    const strangePart = { ...state, last: { outcome: 'refused', refusal: { reason: 'invalid', part: '<script>', problems: 2, first: 'product x: needs a name' } } };
    expect(parseUpdateState(strangePart)).toEqual(state);
    expect(parseUpdateState({ ...state, last: { outcome: 'refused', refusal: { reason: 'nonsense' } }, failures: -3, newestApplied: 1.5 })).toEqual({
      ...state,
      last: null,
      failures: 0,
      newestApplied: null,
    });
  });
});

describe('the build’s data source', () => {
  const publicKey = key.publicKey;

  it('takes no packs unless an address is given', () => {
    expect(dataSourceFromEnv({}, NOW)).toEqual({ url: null, keys: [], testKeys: [], builtAt: NOW.toISOString() });
    expect(dataSourceFromEnv({ UPSTREAM_DATA_URL: 'https://data.example/upstream.pack', UPSTREAM_DATA_KEYS: `${publicKey}, ${otherKey.publicKey}` }, NOW)).toMatchObject({
      url: 'https://data.example/upstream.pack',
      keys: [publicKey, otherKey.publicKey],
    });
  });

  it('fails the build on an address or key it would not use', () => {
    expect(() => dataSourceFromEnv({ UPSTREAM_DATA_URL: 'http://data.example/p', UPSTREAM_DATA_KEYS: publicKey }, NOW)).toThrow(/https only/);
    expect(() => dataSourceFromEnv({ UPSTREAM_DATA_URL: 'https://data.example/p' }, NOW)).toThrow(/no key/);
    expect(() => dataSourceFromEnv({ UPSTREAM_DATA_KEYS: 'c2hvcnQ=' }, NOW)).toThrow(/not an Ed25519 public key/);
    expect(() => dataSourceFromEnv({ UPSTREAM_DATA_TEST_KEYS: Array(5).fill(publicKey).join(',') }, NOW)).toThrow(/at most 4/);
    expect(() => dataSourceFromEnv({ UPSTREAM_DATA_URL: 'https://user:pw@data.example/p', UPSTREAM_DATA_KEYS: publicKey }, NOW)).toThrow(/credentials/);
  });
});

describe('the publisher’s key', () => {
  it('is never read from inside the repository', async () => {
    expect(insideRepository('keys/signing.pem', process.cwd())).toBe(true);
    expect(insideRepository(join(process.cwd(), 'src'), process.cwd())).toBe(true);
    const outside = mkdtempSync(join(tmpdir(), 'upstream-key-'));
    expect(insideRepository(join(outside, 'signing.pem'), process.cwd())).toBe(false);
    const read = () => {
      throw new Error('must not be read');
    };
    await expect(keyFromEnvironment({ DATA_PACK_SIGNING_KEY_FILE: 'keys/signing.pem' }, read, process.cwd())).rejects.toThrow(/inside the repository/);
    await expect(keyFromEnvironment({}, read, process.cwd())).rejects.toThrow(/no signing key/);
  });

  it('must be an Ed25519 key, and signs packs the extension accepts', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(keyFromEnvironment({ DATA_PACK_SIGNING_KEY: rsa }, () => '', process.cwd())).rejects.toThrow(/not Ed25519/);
    const fromEnv = await keyFromEnvironment({ DATA_PACK_SIGNING_KEY: key.privatePem }, () => '', process.cwd());
    expect(fromEnv.keyId).toBe(key.keyId);
    expect((await openPack(signPack(packPayload(CATALOG, { version: 1, published, changelog: [] }), fromEnv), options())).ok).toBe(true);
  });
});
