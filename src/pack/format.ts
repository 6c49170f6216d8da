/**
 * A data pack: the catalog (products and the provider registry) and the content script's page markers as one
 * versioned JSON document, signed so the extension can take it from the network without trusting the network.
 *
 * On the wire a pack is one line of header, then the payload's exact bytes:
 *
 *     UPSTREAM-DATA-PACK 1 <key id: 16 hex> <Ed25519 signature of the payload: base64>\n
 *     {"schema":1,"version":42,"published":"…","catalog":{…},"markers":{…},"changelog":[…]}
 *
 * The signature covers the payload bytes exactly as served; the header is only a hint of which key signed.
 */
import type { Catalog } from '../catalog/types.ts';
import type { PageMarkers } from '../detect/engine.ts';

/** The payload formats this version reads. A pack in another is refused, and the current data stays. */
export const PACK_SCHEMA = 1;

/** The largest pack accepted, header included: several times today's catalog, far below storage quotas. */
export const MAX_PACK_BYTES = 4 * 1024 * 1024;

/** What a pack may hold at most; the bundled catalog is held to the same bounds (test/unit/pack.test.ts). */
export const PACK_LIMITS = {
  providers: 500,
  products: 5000,
  componentsPerProvider: 100,
  /** Status-page ids or names one component matches. */
  matchesPerComponent: 200,
  sourcesPerClaim: 20,
  featuresPerProduct: 20,
  dependenciesPerFeature: 50,
  /** Patterns of one kind (hosts, scripts, DOM markers…) per product. */
  patternsPerKind: 100,
  changesPerProduct: 50,
  aliasesPerProvider: 20,
  paramsPerProvider: 20,
  valuesPerParam: 100,
  changelog: 500,
  /**
   * The content script's markers over all products: it runs on every page, so what a pack can make it look for
   * is bounded in total, not only per product.
   */
  markers: { dom: 1000, meta: 200, urlHosts: 3000 },
  /** Characters: ids, names, short codes, patterns, URLs, prose. */
  id: 80,
  name: 200,
  code: 40,
  pattern: 300,
  url: 2048,
  text: 4000,
} as const;

export const CHANGE_KINDS = [
  'product-added',
  'product-removed',
  'claims-changed',
  'detection-changed',
  'provider-added',
  'provider-removed',
  'provider-moved',
  'components-changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One line of a pack's release notes, as data (the pages word it in the user's language): a product added or
 * removed, a product's claims or detection changed, a provider added, removed, moved to another status page, or
 * its tracked components changed.
 */
export type ChangelogEntry =
  | { kind: Exclude<ChangeKind, 'provider-moved'>; id: string; name: string }
  | { kind: 'provider-moved'; id: string; name: string; from: string; to: string };

/** What a pack's payload holds once read and checked. */
export interface DataPack {
  schema: typeof PACK_SCHEMA;
  /** Increases with every pack published; a pack is applied only when newer than every one applied before. */
  version: number;
  /** ISO time the pack was made. */
  published: string;
  catalog: Catalog;
  /** The content script's markers, derived from `catalog.products` (`pageMarkers`); a pack whose markers differ is refused. */
  markers: PageMarkers;
  changelog: ChangelogEntry[];
}

export const PACK_MAGIC = 'UPSTREAM-DATA-PACK';
/** The envelope's own format (the header line); the payload has its own `schema`. */
export const ENVELOPE_FORMAT = 1;
/** The header line's longest possible length, newline excluded. */
const MAX_HEADER = 200;
const HEADER = /^UPSTREAM-DATA-PACK (\d{1,3}) ([0-9a-f]{16}) ([A-Za-z0-9+/]{86}==)$/;

export interface Envelope {
  format: number;
  keyId: string;
  signature: Uint8Array;
  payload: Uint8Array;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Standard base64 to bytes, or null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The envelope of a signed pack, or null when the bytes do not start with a pack's header line. */
export function readEnvelope(bytes: Uint8Array): Envelope | null {
  const newline = bytes.subarray(0, MAX_HEADER + 1).indexOf(0x0a);
  if (newline === -1) return null;
  let header: string;
  try {
    header = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, newline));
  } catch {
    return null;
  }
  const [, format, keyId, encoded] = HEADER.exec(header) ?? [];
  const signature = encoded === undefined ? null : fromBase64(encoded);
  if (format === undefined || keyId === undefined || !signature || signature.length !== 64) return null;
  return { format: Number(format), keyId, signature, payload: bytes.subarray(newline + 1) };
}

/** A signed pack's bytes: the header line, then the payload exactly as signed. */
export function writeEnvelope(payload: Uint8Array, keyId: string, signature: Uint8Array): Uint8Array {
  if (!/^[0-9a-f]{16}$/.test(keyId) || signature.length !== 64) throw new Error('a pack needs a 16-hex key id and a 64-byte Ed25519 signature');
  const header = new TextEncoder().encode(`${PACK_MAGIC} ${ENVELOPE_FORMAT} ${keyId} ${toBase64(signature)}\n`);
  const bytes = new Uint8Array(header.length + payload.length);
  bytes.set(header);
  bytes.set(payload, header.length);
  return bytes;
}

/** A public key's id: the first 8 bytes of the SHA-256 of its 32 raw bytes, in hex. */
export async function keyIdOf(rawPublicKey: Uint8Array, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', rawPublicKey as Uint8Array<ArrayBuffer>));
  return [...digest.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
