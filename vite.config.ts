import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import { dataSourceFromEnv } from './src/pack/config.ts';

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

/**
 * When this build was made: SOURCE_DATE_EPOCH (seconds since 1970) when set, as `npm run package` sets it, so a
 * rebuild from the source archive gives the same bytes; otherwise now.
 */
function buildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH: "${epoch}" is not a number of seconds`);
  return new Date(Number(epoch) * 1000);
}

/**
 * Preact's support for `dangerouslySetInnerHTML` is the one assignment to innerHTML in the packages, and the
 * addons.mozilla.org linter flags it. Upstream never renders raw HTML (eslint forbids the prop), so the build
 * turns that assignment into an error: no markup can be injected through it, and `web-ext lint` stays clean.
 */
function withoutRawHtml(): Plugin {
  const assignment = /\b([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html\b/g;
  return {
    name: 'upstream:preact-without-raw-html',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      const found = code.match(assignment)?.length ?? 0;
      if (found !== 1) this.error(`expected one dangerouslySetInnerHTML assignment in ${id}, found ${found}: check this plugin against the Preact release`);
      return { code: code.replace(assignment, '(()=>{throw new Error("dangerouslySetInnerHTML is not supported")})()'), map: null };
    },
  };
}

export default defineConfig({
  // Where data packs come from and the keys they must be signed with: from the environment, checked here, so a
  // wrong value fails the build (src/pack/config.ts; unset, the extension takes no packs).
  define: { __UPSTREAM_DATA_SOURCE__: JSON.stringify(dataSourceFromEnv(process.env, buildTime())) },
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: 'es2022',
    // Minified: every page and every visited page's content script parses less. Reviewers read the source
    // archive, which rebuilds these files byte for byte (scripts/package.ts).
    minify: true,
    // Extension pages the manifest does not name: the catalog, provider pages and My stack.
    rollupOptions: { input: { app: 'src/ui/app/index.html' } },
  },
  plugins: [
    withoutRawHtml(),
    crx({
      manifest: manifestFor(browser),
      browser,
      // The content script runs on every page: emit it as one self-contained file, with no loader and
      // nothing exposed as web_accessible_resources that pages could probe for.
      contentScripts: { standaloneFiles: ['src/content/page-scan.ts'] },
    }),
  ],
});
