import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };

/** One codebase, two packages: `BROWSER=chrome|firefox vite build` (scripts/build.mjs runs both). */
const browser = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

const GECKO_ID = 'upstream@upstream-extension.org';

function manifestFor(target: 'chrome' | 'firefox'): ManifestV3Export {
  if (target === 'chrome') return baseManifest as ManifestV3Export;
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = baseManifest;
  return {
    ...rest,
    // Firefox runs the background as an event page, not a service worker.
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 140 (the current ESR) is the first desktop release that knows data_collection_permissions.
        strict_min_version: '140.0',
        // Nothing about the user's browsing leaves the machine (docs/PRIVACY.md).
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android learned data_collection_permissions in 142.
      gecko_android: { strict_min_version: '142.0' },
    },
  } as ManifestV3Export;
}

export default defineConfig({
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: 'es2022',
    // Readable output makes store review and debugging easier; the package is small either way.
    minify: false,
    // Extension pages the manifest does not name: the catalog, provider pages and My stack.
    rollupOptions: { input: { app: 'src/ui/app/index.html' } },
  },
  plugins: [
    crx({
      manifest: manifestFor(browser),
      browser,
      // The content script runs on every page: emit it as one self-contained file, with no loader and
      // nothing exposed as web_accessible_resources that pages could probe for.
      contentScripts: { standaloneFiles: ['src/content/page-scan.ts'] },
    }),
  ],
});
