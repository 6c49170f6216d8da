// `npm start`: builds the Chrome package and opens Chromium with Upstream loaded on a fresh, temporary profile.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where Chromium usually lives (Debian, Ubuntu, Fedora, snaps); CHROME_PATH wins. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
/** A browser that quits this soon after starting did not really start. */
const EARLY_EXIT_MS = 5_000;

function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

const chromium = findChromium();
if (!chromium) {
  console.error(process.env.CHROME_PATH ? `Chromium was not found at CHROME_PATH=${process.env.CHROME_PATH}.` : `Chromium was not found (looked at ${CANDIDATES.join(', ')}).`);
  console.error('Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome for Testing binary.');
  console.error('Branded Google Chrome no longer loads unpacked extensions from the command line.');
  process.exit(1);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extension = resolve('dist/chrome');
const profile = mkdtempSync(join(tmpdir(), 'upstream-profile-'));
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  '--no-first-run',
  '--no-default-browser-check',
];
// Chromium refuses to run as root with its sandbox on (containers, CI images, some dev boxes).
const asRoot = process.getuid?.() === 0;
if (asRoot) {
  args.push('--no-sandbox');
  console.log('Running as root: Chromium starts with --no-sandbox, which it requires for root. Prefer a normal user for everyday browsing.');
}
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) {
  console.log('No display was found ($DISPLAY and $WAYLAND_DISPLAY are unset): Chromium needs a desktop session to open a window.');
  console.log('On a machine without one, `xvfb-run -a npm start` gives it a virtual display.');
}
console.log(`Opening Chromium (${chromium}) with Upstream (${extension}) on a fresh profile in ${profile}`);

const startedAt = Date.now();
const browser = spawn(chromium, [...args, 'https://www.notion.so/'], { stdio: 'inherit' });
const cleanUp = () => rmSync(profile, { recursive: true, force: true });
browser.on('error', (error) => {
  cleanUp();
  console.error(`Chromium could not be started: ${error.message}`);
  process.exit(1);
});
browser.on('exit', (code, signal) => {
  cleanUp();
  if (Date.now() - startedAt < EARLY_EXIT_MS && signal === null) {
    console.error(`Chromium exited right after starting (exit code ${code}); its own messages are above.`);
    if (headless) console.error('Most likely there is no display: run `xvfb-run -a npm start`, or start it from a desktop session.');
    else console.error('Check that it starts on its own (`' + chromium + ' --version`), or point CHROME_PATH at another Chromium build.');
    process.exit(code || 1);
  }
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => browser.kill(signal));
