/**
 * Where a build takes packs from and whose signatures it accepts, fixed when the extension is built
 * (vite.config.ts reads the environment; DEVELOPERS.md lists the variables):
 *
 * - `UPSTREAM_DATA_URL`: the https address of the pack. Unset (the default, and every development build):
 *   the extension never asks for packs and uses its bundled data.
 * - `UPSTREAM_DATA_KEYS`: the Ed25519 public keys (32 raw bytes, base64; comma-separated) whose packs the
 *   extension accepts. More than one during a key rotation.
 * - `UPSTREAM_DATA_TEST_KEYS`: keys for test builds; the extension honours them only when it is installed
 *   unpacked (a development install), never from a store, so a release built with one stays as strict.
 */
import { fromBase64 } from './format.ts';

export interface DataSourceConfig {
  url: string | null;
  keys: string[];
  testKeys: string[];
  /** When this build (and the data it bundles) was made; a pack must be newer. Null when not built by Vite (unit tests). */
  builtAt: string | null;
}

/** How many keys a build may accept at once: a rotation needs two, a short list is easier to audit. */
export const MAX_KEYS = 4;

function keyList(value: string | undefined, name: string): string[] {
  const keys = (value ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length > MAX_KEYS) throw new Error(`${name}: at most ${MAX_KEYS} keys`);
  for (const key of keys) {
    if (fromBase64(key)?.length !== 32) throw new Error(`${name}: "${key.slice(0, 60)}" is not an Ed25519 public key (32 bytes in base64)`);
  }
  return keys;
}

/** The build's data source from the environment; throws (failing the build) on anything it would not use. */
export function dataSourceFromEnv(env: Readonly<Record<string, string | undefined>>, now: Date): DataSourceConfig {
  const rawUrl = env.UPSTREAM_DATA_URL?.trim() || null;
  let url: string | null = null;
  if (rawUrl !== null) {
    let parsed: URL;
    try {
      parsed = new URL(rawUrl);
    } catch {
      throw new Error(`UPSTREAM_DATA_URL: "${rawUrl}" is not a URL`);
    }
    if (parsed.protocol !== 'https:') throw new Error('UPSTREAM_DATA_URL: packs are fetched over https only');
    if (parsed.username || parsed.password) throw new Error('UPSTREAM_DATA_URL: no credentials in the address');
    url = parsed.href;
  }
  const keys = keyList(env.UPSTREAM_DATA_KEYS, 'UPSTREAM_DATA_KEYS');
  const testKeys = keyList(env.UPSTREAM_DATA_TEST_KEYS, 'UPSTREAM_DATA_TEST_KEYS');
  if (url !== null && keys.length + testKeys.length === 0) throw new Error('UPSTREAM_DATA_URL is set but no key is: every pack would be refused');
  return { url, keys, testKeys, builtAt: now.toISOString() };
}
