/**
 * Where this build takes data packs from and whose signatures it accepts: fixed at build time (src/pack/config.ts
 * says which environment variables set them), so nothing at run time can add a key or change the address.
 */
import browser from 'webextension-polyfill';
import type { DataSourceConfig } from '../pack/config.ts';
import { fromBase64 } from '../pack/format.ts';
import { trustedKeys, type TrustedKey } from '../pack/open.ts';

declare const __UPSTREAM_DATA_SOURCE__: DataSourceConfig | undefined;

/** The build's configuration; a build that was not made by Vite (unit tests) takes no packs. */
export const DATA_SOURCE: DataSourceConfig =
  typeof __UPSTREAM_DATA_SOURCE__ === 'undefined' ? { url: null, keys: [], testKeys: [], builtAt: null } : __UPSTREAM_DATA_SOURCE__;

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** Identifies this build: a pack accepted by another build is checked again under this one's rules and keys. */
export function buildId(): string {
  return `${extensionVersion()}+${DATA_SOURCE.builtAt ?? 'unbuilt'}`;
}

async function isDevelopmentInstall(): Promise<boolean> {
  try {
    return (await browser.management.getSelf()).installType === 'development';
  } catch {
    return false;
  }
}

/**
 * The keys packs may be signed with: the release keys, and the test keys only for an unpacked install (a test
 * build signs with a throwaway key; a store install never accepts one).
 */
export async function acceptedKeys(config: DataSourceConfig = DATA_SOURCE): Promise<TrustedKey[]> {
  const encoded = [...config.keys, ...(config.testKeys.length > 0 && (await isDevelopmentInstall()) ? config.testKeys : [])];
  return trustedKeys(encoded.flatMap((key) => fromBase64(key) ?? []));
}
