import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_ENV_FILE, packageNames, parseBuildEnv, README_FILE, sha256 } from '../../scripts/package-core.ts';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const names = packageNames(version);

/** The environment for npm in another tree: nothing from the test runner that would change what npm installs. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST') && !name.startsWith('UPSTREAM_')));
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Writes a zip's files under `directory`. */
function extract(zip: Buffer, directory: string): void {
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), data);
  }
}

/** Names of the entries whose bytes differ, to say what a failed comparison is about. */
function differingEntries(a: Buffer, b: Buffer): string[] {
  const left = unzipSync(a);
  const right = unzipSync(b);
  return [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((name) => !left[name] || !right[name] || Buffer.compare(left[name], right[name]) !== 0).sort();
}

/**
 * `npm run package`, then what a reviewer at addons.mozilla.org does with the source archive on a clean tree:
 * `npm ci` (from npm's cache: no network) and `npm run package` again, expecting the same Firefox zip, byte for byte.
 */
describe('store packages', () => {
  const work = mkdtempSync(join(tmpdir(), 'upstream-package-'));
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    // `npm run package` rebuilt dist/ with the last commit's time; leave it as `npm run build` makes it.
    run(process.execPath, ['scripts/build.mjs'], process.cwd());
  });

  it('writes packages the stores take, and a source archive that rebuilds the Firefox one byte for byte', { timeout: 600_000 }, () => {
    const release = join(work, 'release');
    run('npm', ['run', 'package', '--', '--out', release], process.cwd());
    const firefox = readFileSync(join(release, names.firefox));
    const chrome = readFileSync(join(release, names.chrome));
    const source = readFileSync(join(release, names.source));

    // Each store package is its folder under dist/, manifest at the root.
    for (const [zip, browser] of [
      [firefox, 'firefox'],
      [chrome, 'chrome'],
    ] as const) {
      const entries = unzipSync(zip);
      expect(JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')).version).toBe(version);
      for (const [name, data] of Object.entries(entries)) expect(Buffer.compare(data, readFileSync(join('dist', browser, name))), name).toBe(0);
    }

    // What addons.mozilla.org runs on an upload: its linter, on the zip's own files, with no warning.
    const unpacked = join(work, 'firefox-unpacked');
    extract(firefox, unpacked);
    run(join(process.cwd(), 'node_modules/.bin/web-ext'), ['lint', '--source-dir', unpacked, '--no-config-discovery', '--warnings-as-errors'], process.cwd());

    // The source archive: what the build needs, build instructions, the recorded build environment; no tests.
    const sources = unzipSync(source);
    const files = Object.keys(sources);
    expect(files).toEqual(expect.arrayContaining([README_FILE, BUILD_ENV_FILE, 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'scripts/build.mjs', 'scripts/zip.ts']));
    expect(files.some((name) => name.startsWith('src/ui/'))).toBe(true);
    expect(files.filter((name) => /^(test|docs|bench|dist|node_modules)\//.test(name))).toEqual([]);
    const readme = Buffer.from(sources[README_FILE]!).toString('utf8');
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm run package');
    expect(readme).toContain(sha256(firefox));
    expect(parseBuildEnv(Buffer.from(sources[BUILD_ENV_FILE]!).toString('utf8')).SOURCE_DATE_EPOCH).toMatch(/^\d+$/);

    // A clean tree from the archive alone.
    const tree = join(work, 'source');
    extract(source, tree);
    try {
      run('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], tree);
    } catch (error) {
      throw new Error(`npm ci from the cache failed; an \`npm ci\` in this checkout fills npm's cache with what it needs.\n${String(error)}`, { cause: error });
    }
    run('npm', ['run', 'package'], tree);
    const rebuilt = readFileSync(join(tree, 'dist/packages', names.firefox));
    expect(differingEntries(rebuilt, firefox)).toEqual([]);
    expect(sha256(rebuilt)).toBe(sha256(firefox));
    // The same holds for the Chrome package, and for the source archive made again from the extracted tree.
    expect(sha256(readFileSync(join(tree, 'dist/packages', names.chrome)))).toBe(sha256(chrome));
    expect(sha256(readFileSync(join(tree, 'dist/packages', names.source)))).toBe(sha256(source));
  });
});
