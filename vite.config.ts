import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crx, type CrxPlugin, type ManifestV3Export } from '@crxjs/vite-plugin';
import { build, defineConfig, type InlineConfig, type Plugin, type UserConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import { dataSourceFromEnv } from './src/pack/config.ts';

/** One codebase, two packages: `BROWSER=chrome|firefox vite build` (scripts/build.mjs runs both). */
const browser = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

const GECKO_ID = 'upstream@upstream-extension.org';

/** The popup's page: the manifest names it, and the popup's own build writes it (`popupBuild`). */
const POPUP_PAGE = baseManifest.action.default_popup;

function manifestFor(target: 'chrome' | 'firefox'): ManifestV3Export {
  // The popup is built on its own, as one file: the extension build only has to name it.
  const manifest = { ...baseManifest, action: { ...baseManifest.action, default_popup: undefined } };
  if (target === 'chrome') return manifest as ManifestV3Export;
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = manifest;
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

/** Names the popup in the manifest the extension build writes: crx must not build the popup, but the manifest names it. */
function manifestNamesPopup(): CrxPlugin {
  return {
    name: 'upstream:manifest-names-popup',
    renderCrxManifest(manifest) {
      const { default_title: title, ...rest } = manifest.action ?? {};
      return { ...manifest, action: { default_title: title, default_popup: POPUP_PAGE, ...rest } };
    },
  };
}

/**
 * The popup's page with the style the popup build emitted inlined, so that nothing but one classic script is
 * fetched before the popup can show the tab: each further file costs milliseconds while the popup opens.
 */
function popupPage(): Plugin {
  const stylesheet = '<link rel="stylesheet" href="./popup.css" />';
  const script = '<script src="./popup.js"></script>';
  return {
    name: 'upstream:popup-page',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = readFileSync(POPUP_PAGE, 'utf8');
      const styles = Object.entries(bundle).filter(([name]) => name.endsWith('.css'));
      const [only] = styles;
      if (html.split(stylesheet).length !== 2 || html.split(script).length !== 2 || styles.length !== 1 || only?.[1].type !== 'asset') {
        return this.error(`${POPUP_PAGE} must link popup.css and load popup.js once each, and the popup build emit one stylesheet`);
      }
      const [name, style] = only;
      Reflect.deleteProperty(bundle, name);
      const source = typeof style.source === 'string' ? style.source : new TextDecoder().decode(style.source);
      // Vite's marker comment for its own CSS handling has no use in a page.
      const css = source.replace(/\/\*\$vite\$:\d+\*\/\s*$/, '').trim();
      // The style is the build's own output; `</` never occurs in it, so it cannot close the element.
      if (css.includes('</')) return this.error('the popup style holds "</"');
      this.emitFile({ type: 'asset', fileName: POPUP_PAGE, source: html.replace(stylesheet, `<style>${css}</style>`) });
    },
  };
}

const define = {
  // Where data packs come from and the keys they must be signed with: from the environment, checked here, so a
  // wrong value fails the build (src/pack/config.ts; unset, the extension takes no packs).
  __UPSTREAM_DATA_SOURCE__: JSON.stringify(dataSourceFromEnv(process.env, buildTime())),
};

/**
 * The popup, into the extension's directory once the extension is written: one self-contained classic script and
 * its page, so the popup shares no module with the other pages and loads no chunk.
 */
function popupBuild(outDir: string): InlineConfig {
  return {
    configFile: false,
    logLevel: 'warn',
    define,
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      lib: {
        entry: 'src/ui/popup/main.tsx',
        formats: ['iife'],
        // Required for the format; the popup exports nothing, so no global of that name is made.
        name: 'upstreamPopup',
        fileName: () => POPUP_PAGE.replace(/index\.html$/, 'popup.js'),
        cssFileName: 'popup',
      },
    },
    plugins: [withoutRawHtml(), popupPage()],
  };
}

/** Builds the popup after the extension, into the same directory: one `vite build` makes the whole package. */
function thenThePopup(): Plugin {
  let outDir = '';
  return {
    name: 'upstream:then-the-popup',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle(error) {
      if (!error) await build(popupBuild(outDir));
    },
  };
}

function extensionBuild(): UserConfig {
  return {
    define,
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
      manifestNamesPopup(),
      thenThePopup(),
    ],
  };
}

export default defineConfig(extensionBuild());
