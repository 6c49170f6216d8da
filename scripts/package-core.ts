/**
 * What `npm run package` (scripts/package.ts) is made of: it builds both packages and writes, in dist/packages/
 * (or `--out <dir>`):
 *
 * - upstream-<version>-chrome.zip   for the Chrome Web Store and Microsoft Edge Add-ons (from dist/chrome)
 * - upstream-<version>-firefox.zip  for addons.mozilla.org (from dist/firefox)
 * - upstream-<version>-source.zip   the sources addons.mozilla.org asks for, with a README that rebuilds the
 *                                   Firefox zip byte for byte
 *
 * The build is reproducible: SOURCE_DATE_EPOCH fixes the build time (the last commit's time by default) and
 * the zips are deterministic (scripts/zip.ts). Whatever the build reads from the environment (SOURCE_DATE_EPOCH
 * and every UPSTREAM_* variable) is recorded in the source archive's BUILD-ENV, which this script reads back when
 * run there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ZipEntry } from './zip.ts';

/** What it takes to build: everything else in the repository (tests, docs, benchmarks) is left out. */
export const SOURCE_ROOTS = ['package.json', 'package-lock.json', 'manifest.json', 'tsconfig.json', 'vite.config.ts', 'scripts', 'src', 'public'];
/** Written into the source archive (not taken from the repository). */
export const BUILD_ENV_FILE = 'BUILD-ENV';
export const README_FILE = 'README.md';

export interface BuildEnv {
  [name: string]: string;
}

export function packageNames(version: string): { chrome: string; firefox: string; source: string } {
  return { chrome: `upstream-${version}-chrome.zip`, firefox: `upstream-${version}-firefox.zip`, source: `upstream-${version}-source.zip` };
}

/** `NAME=value` lines; blank lines and `#` comments are skipped. */
export function parseBuildEnv(text: string): BuildEnv {
  const env: BuildEnv = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) throw new Error(`${BUILD_ENV_FILE}: not NAME=value: ${trimmed}`);
    env[trimmed.slice(0, equals)] = trimmed.slice(equals + 1);
  }
  return env;
}

export function formatBuildEnv(env: BuildEnv): string {
  const lines = Object.keys(env)
    .sort()
    .map((name) => `${name}=${env[name]}`);
  return `# What the build read from the environment when these sources were packaged; npm run package reads it back.\n${lines.join('\n')}\n`;
}

function inGitCheckout(root: string): boolean {
  return spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).stdout?.trim() === 'true';
}

/**
 * The build's inputs from the environment: the recorded BUILD-ENV when packaging the source archive's tree, else
 * the current environment, with SOURCE_DATE_EPOCH defaulting to the last commit's time.
 */
export function buildEnv(root: string, environment: NodeJS.ProcessEnv = process.env): BuildEnv {
  const recorded = join(root, BUILD_ENV_FILE);
  if (existsSync(recorded)) return parseBuildEnv(readFileSync(recorded, 'utf8'));
  const env: BuildEnv = {};
  for (const [name, value] of Object.entries(environment)) {
    if (name.startsWith('UPSTREAM_') && value !== undefined && value !== '') env[name] = value;
  }
  const epoch = environment.SOURCE_DATE_EPOCH || (inGitCheckout(root) ? execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' }).trim() : '');
  if (!/^\d+$/.test(epoch)) throw new Error('SOURCE_DATE_EPOCH is not set and there is no git history to take it from');
  env.SOURCE_DATE_EPOCH = epoch;
  return env;
}

function walk(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => walk(root, path === '' ? name : `${path}/${name}`));
}

/**
 * The files of SOURCE_ROOTS: in a git checkout, those git knows or would add (tracked, or untracked and not
 * ignored), as they are in the working tree; elsewhere (the extracted source archive), every file under them.
 */
export function sourceFiles(root: string): string[] {
  const files = inGitCheckout(root)
    ? execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...SOURCE_ROOTS], { cwd: root, encoding: 'utf8' })
        .split('\0')
        .filter((file) => file !== '' && existsSync(join(root, file)) && statSync(join(root, file)).isFile())
    : SOURCE_ROOTS.flatMap((path) => walk(root, path));
  return [...new Set(files)].sort();
}

/** Every file under a directory, as zip entries named relative to it. */
export function readTree(directory: string): ZipEntry[] {
  return walk(directory, '').map((name) => ({ name, data: readFileSync(join(directory, name)) }));
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The source archive's README: how to rebuild the Firefox package, and what to expect. */
export function sourceReadme(version: string, env: BuildEnv, firefoxZip: Buffer): string {
  const names = packageNames(version);
  const envLines = Object.keys(env)
    .sort()
    .map((name) => `- \`${name}=${env[name]}\``)
    .join('\n');
  return `# Upstream ${version}: sources of the Firefox package

The sources of ${names.firefox}, and what it takes to build it again, byte for byte.

## Build

Requirements: Node.js 20 or newer (these packages were made with Node ${process.version} on Linux) and npm 10 or
newer (npm ${npmVersion()}). Nothing else: the build uses only the npm packages pinned in package-lock.json, and
none of their install scripts.

\`\`\`sh
npm ci --ignore-scripts
npm run package
\`\`\`

\`npm run package\` builds \`dist/firefox\` (the unpacked add-on) and \`dist/chrome\`, then writes
\`dist/packages/${names.firefox}\`, which is the submitted file byte for byte:

- sha256 \`${sha256(firefoxZip)}\`

The build reads these values from the environment; they were recorded in ${BUILD_ENV_FILE} when the sources were
packaged, and \`npm run package\` reads them from there:

${envLines}

SOURCE_DATE_EPOCH fixes the build time written into the code; the zip has fixed timestamps, sorted entries and
fixed permissions (scripts/zip.ts). \`npm run build\` alone builds the same two folders, with the current time.

## What is where

- \`manifest.json\`, \`vite.config.ts\`: the manifest and how each browser's package is made from it
  (Firefox: background scripts and the gecko settings).
- \`src/\`: TypeScript and Preact sources; \`public/\`: icons and the English messages.
- \`scripts/build.mjs\`: the build (it first derives \`src/content/page-markers.json\` from the catalog);
  \`scripts/package.ts\`, \`scripts/package-core.ts\` and \`scripts/zip.ts\`: the packages.

The code is bundled and minified with Vite (no obfuscation); the build above reproduces the packaged files byte for
byte, so each can be traced to the sources here.
`;
}

function npmVersion(): string {
  const result = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}
