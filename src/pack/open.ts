/**
 * Opening a pack: a pack is untrusted until every check has passed, in this order: its size, its envelope, the
 * key that signed it, the Ed25519 signature over the payload's exact bytes (WebCrypto), the payload's format,
 * its version against what was applied before and its date against the data bundled with this build, the
 * shape and bounds of its data, the catalog's own validator, and markers that match its products. The first
 * check that fails is the reason, returned as a value; nothing is thrown.
 */
import { validateCatalog } from '../catalog/validate.ts';
import { pageMarkers, type PageMarkers } from '../detect/engine.ts';
import { isRecord, parseJson } from '../model/json.ts';
import { ISO_TIME } from '../model/patterns.ts';
import { ENVELOPE_FORMAT, MAX_PACK_BYTES, PACK_LIMITS, PACK_SCHEMA, keyIdOf, readEnvelope, type DataPack, type Envelope } from './format.ts';
import { readCatalog, readChangelog } from './shape.ts';

/** A public key the extension accepts packs from. */
export interface TrustedKey {
  id: string;
  raw: Uint8Array;
}

/** Why a pack was not applied; the current data stays. */
export type PackRefusal =
  | { reason: 'too-large'; limit: number }
  | { reason: 'malformed' }
  | { reason: 'unknown-key'; keyId: string }
  | { reason: 'bad-signature' }
  /** The browser's WebCrypto cannot verify Ed25519, so no pack can be trusted in it. */
  | { reason: 'no-verifier' }
  | { reason: 'unsupported-schema'; schema: string }
  | { reason: 'not-newer'; version: number; newest: number }
  | { reason: 'older-than-bundled'; published: string }
  | { reason: 'from-the-future'; published: string }
  /**
   * The data failed the checks: which part of the pack, how many problems, and the first in the validator's
   * words (English, for whoever builds packs; Options words the refusal from `part`).
   */
  | { reason: 'invalid'; part: InvalidPart; problems: number; first: string };

/** The part of a pack whose data failed the checks. */
export type InvalidPart = 'version' | 'published' | 'catalog' | 'release-notes' | 'markers';
export const INVALID_PARTS: readonly InvalidPart[] = ['version', 'published', 'catalog', 'release-notes', 'markers'];

export type PayloadRead = { ok: true; pack: DataPack } | { ok: false; refusal: PackRefusal };
export type Opened = { ok: true; pack: DataPack; keyId: string } | { ok: false; refusal: PackRefusal };

export interface OpenOptions {
  keys: readonly TrustedKey[];
  now: Date;
  /** The newest version applied on this installation, or null: a pack must be newer. */
  newestApplied: number | null;
  /** When the data bundled with this build was made, or null when unknown: a pack must be newer. */
  bundledAt: string | null;
  /** A pack's publication may be ahead of this machine's clock by this much (clocks drift). */
  clockSkewMs?: number;
  subtle?: SubtleCrypto;
}

const refuse = (refusal: PackRefusal): { ok: false; refusal: PackRefusal } => ({ ok: false, refusal });
const DAY_MS = 86_400_000;

/** Decodes raw Ed25519 public keys (32 bytes each) and gives each its id. */
export async function trustedKeys(raws: readonly Uint8Array[], subtle: SubtleCrypto = crypto.subtle): Promise<TrustedKey[]> {
  return Promise.all(raws.filter((raw) => raw.length === 32).map(async (raw) => ({ id: await keyIdOf(raw, subtle), raw })));
}

/**
 * The payload of a signed pack if the signature is good and made by one of `keys`, else the reason. Signature
 * only: the payload's content is still unread.
 */
export async function verifyEnvelope(bytes: Uint8Array, keys: readonly TrustedKey[], subtle: SubtleCrypto = crypto.subtle): Promise<{ ok: true; envelope: Envelope } | { ok: false; refusal: PackRefusal }> {
  if (bytes.length > MAX_PACK_BYTES) return { ok: false, refusal: { reason: 'too-large', limit: MAX_PACK_BYTES } };
  const envelope = readEnvelope(bytes);
  if (!envelope || envelope.format !== ENVELOPE_FORMAT) return { ok: false, refusal: { reason: 'malformed' } };
  const key = keys.find((candidate) => candidate.id === envelope.keyId);
  if (!key) return { ok: false, refusal: { reason: 'unknown-key', keyId: envelope.keyId } };
  let verified: boolean;
  try {
    const publicKey = await subtle.importKey('raw', key.raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
    verified = await subtle.verify({ name: 'Ed25519' }, publicKey, envelope.signature as Uint8Array<ArrayBuffer>, envelope.payload as Uint8Array<ArrayBuffer>);
  } catch (error) {
    // Browsers without Ed25519 in WebCrypto throw NotSupportedError here; any other failure is not a good signature either.
    if (error instanceof Error && error.name === 'NotSupportedError') return { ok: false, refusal: { reason: 'no-verifier' } };
    return { ok: false, refusal: { reason: 'bad-signature' } };
  }
  return verified ? { ok: true, envelope } : { ok: false, refusal: { reason: 'bad-signature' } };
}

function sameMarkers(a: PageMarkers, b: unknown): boolean {
  if (!isRecord(b)) return false;
  return (['dom', 'meta', 'urlHosts'] as const).every((key) => {
    const theirs = b[key];
    return Array.isArray(theirs) && theirs.length === a[key].length && a[key].every((value, i) => theirs[i] === value);
  });
}

/** Reads a verified payload: its format, version and date against what the caller has, then its data. */
export function readPayload(payload: Uint8Array, options: Omit<OpenOptions, 'keys' | 'subtle'>): PayloadRead {
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return refuse({ reason: 'malformed' });
  }
  const parsed = parseJson(json);
  if (!parsed.ok || !isRecord(parsed.value)) return refuse({ reason: 'malformed' });
  const raw = parsed.value;
  if (raw.schema !== PACK_SCHEMA) return refuse({ reason: 'unsupported-schema', schema: String(raw.schema).slice(0, PACK_LIMITS.code) });

  const { version, published } = raw;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return refuse({ reason: 'invalid', part: 'version', problems: 1, first: 'version must be a whole number from 1' });
  if (typeof published !== 'string' || !ISO_TIME.test(published) || Number.isNaN(Date.parse(published))) {
    return refuse({ reason: 'invalid', part: 'published', problems: 1, first: 'published must be an ISO time with a zone' });
  }
  const publishedAt = Date.parse(published);
  if (options.newestApplied !== null && version <= options.newestApplied) return refuse({ reason: 'not-newer', version, newest: options.newestApplied });
  if (options.bundledAt !== null && publishedAt <= Date.parse(options.bundledAt)) return refuse({ reason: 'older-than-bundled', published });
  if (publishedAt > options.now.getTime() + (options.clockSkewMs ?? DAY_MS)) return refuse({ reason: 'from-the-future', published });

  const catalog = readCatalog(raw.catalog);
  if (!catalog.ok) return refuse({ reason: 'invalid', part: 'catalog', problems: 1, first: catalog.problem });
  const changelog = readChangelog(raw.changelog);
  if (!changelog.ok) return refuse({ reason: 'invalid', part: 'release-notes', problems: 1, first: changelog.problem });
  const problems = validateCatalog(catalog.value, options.now);
  const part: InvalidPart = problems.length > 0 ? 'catalog' : 'markers';
  const markers = pageMarkers(catalog.value.products);
  if (!sameMarkers(markers, raw.markers)) problems.push('markers do not match the products’ detection patterns');
  for (const kind of ['dom', 'meta', 'urlHosts'] as const) {
    const limit = PACK_LIMITS.markers[kind];
    if (markers[kind].length > limit) problems.push(`markers: more than ${limit} ${kind} markers in all, which every page would be read for`);
  }
  if (problems.length > 0) return refuse({ reason: 'invalid', part, problems: problems.length, first: (problems[0] ?? '').slice(0, 300) });
  return { ok: true, pack: { schema: PACK_SCHEMA, version, published: new Date(publishedAt).toISOString(), catalog: catalog.value, markers, changelog: changelog.value } };
}

/** Every check, in order; the pack if all pass, else the first reason it is refused. */
export async function openPack(bytes: Uint8Array, options: OpenOptions): Promise<Opened> {
  const verified = await verifyEnvelope(bytes, options.keys, options.subtle);
  if (!verified.ok) return verified;
  const opened = readPayload(verified.envelope.payload, options);
  return opened.ok ? { ...opened, keyId: verified.envelope.keyId } : opened;
}
