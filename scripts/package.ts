/**
 * `npm run package [-- --out <dir>]`: the store packages and the source archive (scripts/package-core.ts says what
 * each holds and how the build is made reproducible).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUILD_ENV_FILE, buildEnv, formatBuildEnv, packageNames, README_FILE, readTree, sha256, sourceFiles, sourceReadme } from './package-core.ts';
import { zip } from './zip.ts';

function main(): void {
  const root = process.cwd();
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = resolve((outIndex >= 0 ? args[outIndex + 1] : undefined) ?? 'dist/packages');
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const manifestVersion = (JSON.parse(readFileSync('manifest.json', 'utf8')) as { version: string }).version;
  if (manifestVersion !== version) throw new Error(`manifest.json says ${manifestVersion}, package.json ${version}: run npm run version:bump -- <version>`);

  const env = buildEnv(root);
  const sources = sourceFiles(root);
  // The sources as they are before the build touches anything (it regenerates src/content/page-markers.json and page-plan.json).
  const sourceEntries = sources.map((name) => ({ name, data: readFileSync(join(root, name)) }));

  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (build.status !== 0) process.exit(build.status ?? 1);
  for (const browser of ['chrome', 'firefox']) {
    const built = (JSON.parse(readFileSync(`dist/${browser}/manifest.json`, 'utf8')) as { version: string }).version;
    if (built !== version) throw new Error(`dist/${browser} is version ${built}, expected ${version}`);
  }

  const names = packageNames(version);
  const firefox = zip(readTree('dist/firefox'));
  const chrome = zip(readTree('dist/chrome'));
  const source = zip([
    ...sourceEntries,
    { name: BUILD_ENV_FILE, data: Buffer.from(formatBuildEnv(env)) },
    { name: README_FILE, data: Buffer.from(sourceReadme(version, env, firefox)) },
  ]);
  mkdirSync(out, { recursive: true });
  for (const [name, data] of [
    [names.chrome, chrome],
    [names.firefox, firefox],
    [names.source, source],
  ] as const) {
    writeFileSync(join(out, name), data);
    console.log(`${relative(root, join(out, name))}  ${(data.length / 1024).toFixed(0)} KiB  sha256 ${sha256(data)}`);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
