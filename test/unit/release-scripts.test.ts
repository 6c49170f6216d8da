import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bumpVersion, checkVersion } from '../../scripts/bump-version.ts';
import { BUILD_ENV_FILE, buildEnv, formatBuildEnv, packageNames, parseBuildEnv } from '../../scripts/package-core.ts';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'upstream-release-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('version bump', () => {
  it('sets the version in package.json, both places in package-lock.json and manifest.json, and nothing else', () => {
    const root = scratch();
    for (const file of ['package.json', 'package-lock.json', 'manifest.json']) writeFileSync(join(root, file), readFileSync(file));
    expect(bumpVersion(root, '1.20.300')).toEqual(['package.json', 'package-lock.json', 'manifest.json']);
    const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
    expect(read('package.json').version).toBe('1.20.300');
    expect(read('package-lock.json').version).toBe('1.20.300');
    expect(read('package-lock.json').packages[''].version).toBe('1.20.300');
    expect(read('manifest.json').version).toBe('1.20.300');
    // Everything else is as it was, in npm's layout.
    const original = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect({ ...read('package-lock.json'), version: original.version, packages: { ...read('package-lock.json').packages, '': original.packages[''] } }).toEqual(original);
    expect(readFileSync(join(root, 'manifest.json'), 'utf8')).toBe(readFileSync('manifest.json', 'utf8').replace(/"version": "[^"]+"/, '"version": "1.20.300"'));
  });

  it('accepts only what both stores accept', () => {
    for (const good of ['0.1.0', '1.0.0', '65535.0.12']) expect(() => checkVersion(good), good).not.toThrow();
    for (const bad of ['1.0', '1.0.0.0', 'v1.0.0', '01.0.0', '1.0.0-beta', '65536.0.0', '1..0', '']) expect(() => checkVersion(bad), bad).toThrow();
    const root = scratch();
    expect(() => bumpVersion(root, '2.0')).toThrow(/not a version/);
  });
});

describe('the build environment the source archive records', () => {
  it('takes SOURCE_DATE_EPOCH and the UPSTREAM_ variables from the environment, and nothing else', () => {
    const root = scratch();
    const env = buildEnv(root, { SOURCE_DATE_EPOCH: '1700000000', UPSTREAM_DATA_URL: 'https://example.org/pack', UPSTREAM_EMPTY: '', HOME: '/root', PATH: '/usr/bin' });
    expect(env).toEqual({ SOURCE_DATE_EPOCH: '1700000000', UPSTREAM_DATA_URL: 'https://example.org/pack' });
  });

  it('reads back what it recorded, ahead of the environment', () => {
    const root = scratch();
    const recorded = { SOURCE_DATE_EPOCH: '1700000000', UPSTREAM_DATA_KEYS: 'a2V5,b3RoZXI=' };
    writeFileSync(join(root, BUILD_ENV_FILE), formatBuildEnv(recorded));
    expect(parseBuildEnv(readFileSync(join(root, BUILD_ENV_FILE), 'utf8'))).toEqual(recorded);
    expect(buildEnv(root, { SOURCE_DATE_EPOCH: '1800000000', UPSTREAM_DATA_KEYS: 'other' })).toEqual(recorded);
  });

  it('refuses to guess a build time outside git when none is given', () => {
    expect(() => buildEnv(scratch(), {})).toThrow(/SOURCE_DATE_EPOCH/);
    expect(() => parseBuildEnv('NOT A LINE')).toThrow(/NAME=value/);
  });

  it('names the packages after the version', () => {
    expect(packageNames('1.2.3')).toEqual({ chrome: 'upstream-1.2.3-chrome.zip', firefox: 'upstream-1.2.3-firefox.zip', source: 'upstream-1.2.3-source.zip' });
  });
});
