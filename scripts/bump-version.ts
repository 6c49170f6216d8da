/**
 * `npm run version:bump -- <x.y.z>`: sets the version everywhere it lives: package.json, package-lock.json (twice)
 * and manifest.json, from which both packages take it. Files keep npm's two-space JSON layout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Three dot-separated numbers without leading zeros, each at most 65535: what npm, the Chrome Web Store and
 * addons.mozilla.org all accept.
 */
export function checkVersion(version: string): void {
  const parts = version.split('.');
  const valid = parts.length === 3 && parts.every((part) => /^(0|[1-9]\d{0,4})$/.test(part) && Number(part) <= 65535);
  if (!valid) throw new Error(`"${version}" is not a version the stores accept (x.y.z, each 0-65535, no leading zeros)`);
}

/** Rewrites the version in the project at `root`; returns the files changed. */
export function bumpVersion(root: string, version: string): string[] {
  checkVersion(version);
  const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
    const path = join(root, file);
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    change(json);
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
    return file;
  };
  return [
    edit('package.json', (json) => (json.version = version)),
    edit('package-lock.json', (json) => {
      json.version = version;
      const packages = json.packages as Record<string, { version?: string }> | undefined;
      if (!packages?.['']) throw new Error('package-lock.json has no root package entry');
      packages[''].version = version;
    }),
    edit('manifest.json', (json) => (json.version = version)),
  ];
}

if (process.argv[1]?.endsWith('bump-version.ts')) {
  const version = process.argv[2];
  if (!version) {
    console.error('usage: npm run version:bump -- <x.y.z>');
    process.exit(2);
  }
  try {
    for (const file of bumpVersion(process.cwd(), version)) console.log(`${file}: ${version}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
