// Builds dist/chrome and dist/firefox from one codebase.
import { execFileSync } from 'node:child_process';
import { build } from 'vite';

// The content scripts carry the catalog's page markers, derived from the catalog first.
execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/generate-markers.ts'], { stdio: 'inherit' });

for (const browser of ['chrome', 'firefox']) {
  process.env.BROWSER = browser;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  console.log(`built dist/${browser}`);
}
