// `npm start`: builds the Chrome package and opens Chromium with Upstream loaded on a fresh, temporary profile.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium was not found at ${chromium}.`);
  console.error('Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome for Testing binary.');
  console.error('Branded Google Chrome no longer loads unpacked extensions from the command line.');
  process.exit(1);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extension = resolve('dist/chrome');
const profile = mkdtempSync(join(tmpdir(), 'upstream-profile-'));
console.log(`Opening Chromium with Upstream (${extension}) on a fresh profile in ${profile}`);

const browser = spawn(
  chromium,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    '--no-default-browser-check',
    'https://www.notion.so/',
  ],
  { stdio: 'inherit' },
);
const cleanUp = () => rmSync(profile, { recursive: true, force: true });
browser.on('exit', (code) => {
  cleanUp();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => browser.kill(signal));
