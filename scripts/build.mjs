// Builds dist/chrome and dist/firefox from one codebase.
import { build } from 'vite';

for (const browser of ['chrome', 'firefox']) {
  process.env.BROWSER = browser;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  console.log(`built dist/${browser}`);
}
