import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** Checks on the two built packages (this project runs after `npm run build`). */
const read = (browser: string) => JSON.parse(readFileSync(`dist/${browser}/manifest.json`, 'utf8'));

describe('built packages', () => {
  it('Chrome runs the background as a service worker', () => {
    const manifest = read('chrome');
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: expect.any(String), type: 'module' });
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('Firefox runs background scripts and declares its gecko id and data collection', () => {
    const manifest = read('firefox');
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: expect.stringMatching(/@/),
      data_collection_permissions: { required: ['none'] },
    });
    expect(Number.parseFloat(manifest.browser_specific_settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(128);
  });

  it.each(['chrome', 'firefox'])('%s: one self-contained content script, in the isolated world only; nothing is web-accessible', (browser) => {
    const manifest = read(browser);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.content_scripts.map((script: { world?: string }) => script.world ?? 'ISOLATED')).toEqual(['ISOLATED']);
    for (const script of manifest.content_scripts) {
      expect(script.js).toHaveLength(1);
      const code = readFileSync(`dist/${browser}/${script.js[0]}`, 'utf8');
      expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
      expect(code).not.toContain('webextension-polyfill');
      // The hottest code we own: it runs on every page.
      expect(gzipSync(code).length).toBeLessThan(8 * 1024);
      expect(statSync(`dist/${browser}/${script.js[0]}`).size).toBeGreaterThan(0);
    }
  });

  it.each(['chrome', 'firefox'])('%s: the popup fetches one classic script and nothing else before it shows the tab', (browser) => {
    const page = read(browser).action.default_popup;
    const html = readFileSync(`dist/${browser}/${page}`, 'utf8');
    const fetched = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((match) => match[0]);
    expect(fetched).toEqual(['<script src="./popup.js">']);
    expect(html).toMatch(/<style>[^<]*--operational[^<]*<\/style>/);
    const code = readFileSync(`dist/${browser}/${page.replace(/index\.html$/, 'popup.js')}`, 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|\bexport\s/m);
    expect(code).toContain('storage.session');
  });
});
