/**
 * The publisher's side of data packs, for `npm run data:pack` and `npm run data:key` (scripts/data-pack.ts) and
 * the tests: Ed25519 keys with node:crypto, signing, and the guard that keeps a private key out of the repository.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { keyIdOf, toBase64, writeEnvelope } from '../src/pack/format.ts';

/** A signing key pair: the private key as a node KeyObject, the public one as the extension takes it. */
export interface SigningKey {
  privateKey: KeyObject;
  /** 32 raw bytes, base64: what UPSTREAM_DATA_KEYS lists. */
  publicKey: string;
  keyId: string;
}

export async function signingKey(privateKey: KeyObject): Promise<SigningKey> {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key is ${privateKey.asymmetricKeyType ?? 'not an asymmetric key'}, not Ed25519`);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const raw = Buffer.from(jwk.x ?? '', 'base64url');
  return { privateKey, publicKey: toBase64(raw), keyId: await keyIdOf(raw) };
}

/** A fresh Ed25519 key pair (`npm run data:key`, and the tests' throwaway keys). */
export async function newSigningKey(): Promise<SigningKey & { privatePem: string }> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { ...(await signingKey(privateKey)), privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

/** Whether `path` is inside the repository at `root` (symbolic links resolved as far as they exist). */
export function insideRepository(path: string, root: string): boolean {
  const real = (target: string): string => {
    try {
      return realpathSync(target);
    } catch {
      const parent = dirname(target);
      return parent === target ? target : resolve(real(parent), relative(parent, target));
    }
  };
  const from = relative(real(root), real(resolve(path)));
  return !(from === '..' || from.startsWith(`..${sep}`) || isAbsolute(from));
}

/**
 * The signing key from the environment: DATA_PACK_SIGNING_KEY (a PKCS#8 PEM) or DATA_PACK_SIGNING_KEY_FILE
 * (a file holding one, which must be outside the repository). Not `UPSTREAM_*` names: the package build records
 * those in the published source archive.
 */
export async function keyFromEnvironment(env: Readonly<Record<string, string | undefined>>, readFile: (path: string) => string, root: string): Promise<SigningKey> {
  const file = env.DATA_PACK_SIGNING_KEY_FILE;
  if (file) {
    if (insideRepository(file, root)) throw new Error('DATA_PACK_SIGNING_KEY_FILE is inside the repository: keep the private key elsewhere');
    return signingKey(createPrivateKey(readFile(file)));
  }
  const pem = env.DATA_PACK_SIGNING_KEY;
  if (pem) return signingKey(createPrivateKey(pem));
  throw new Error('no signing key: set DATA_PACK_SIGNING_KEY_FILE (a PEM file outside the repository) or DATA_PACK_SIGNING_KEY');
}

/** A payload signed: the pack's bytes as served. */
export function signPack(payload: Uint8Array, key: SigningKey): Uint8Array {
  const signature = new Uint8Array(sign(null, payload, key.privateKey));
  return writeEnvelope(payload, key.keyId, signature);
}
