/**
 * Store listing screenshots, taken by the end-to-end tests: 1280×800 PNG, the size both the Chrome Web Store and
 * addons.mozilla.org take. Every run captures and checks them; `UPDATE_SCREENSHOTS=1` also writes them to
 * docs/store/ (docs/STORE.md lists them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';

export const STORE_SIZE = { width: 1280, height: 800 } as const;
export const STORE_DIR = 'docs/store';
const update = process.env.UPDATE_SCREENSHOTS !== undefined;

/** Width and height from a PNG's header (the IHDR chunk comes first). */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The page's viewport at the store size; written to docs/store/<name>.png when screenshots are being updated. */
export async function storeScreenshot(page: Page, name: string): Promise<Buffer> {
  await page.setViewport(STORE_SIZE);
  // Let layout settle at the new size before capturing.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const png = Buffer.from(await page.screenshot({ type: 'png' }));
  if (update) {
    mkdirSync(STORE_DIR, { recursive: true });
    writeFileSync(`${STORE_DIR}/${name}.png`, png);
  }
  return png;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A 1280×800 scene for a popup, which is too narrow to fill a store screenshot alone: the toolbar button with
 * the badge as the browser drew it (icon, text and colour read from the action API), the popup below it as
 * captured, and the extension's name and description beside them.
 */
export function popupScene(options: { popup: Buffer; icon: Buffer; badge: { text: string; color: [number, number, number, number] }; name: string; description: string; hover: string }): string {
  const [r, g, b] = options.badge.color;
  const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; }
    body { font: 16px system-ui, sans-serif; background: #eef1f5; color: #1f2328; display: flex; }
    .copy { flex: 1; padding: 120px 56px 0 72px; }
    .copy h1 { font-size: 44px; margin: 0 0 20px; }
    .copy p { font-size: 22px; line-height: 1.45; margin: 0 0 28px; }
    .copy pre { font: 18px/1.5 system-ui, sans-serif; margin: 0; padding: 14px 18px; background: #fff; border: 1px solid #c9ced6; border-radius: 8px; display: inline-block; white-space: pre-wrap; }
    .window { width: 520px; margin: 40px 56px 0 0; }
    .toolbar { height: 44px; background: #f9f9fb; border: 1px solid #c9ced6; border-radius: 10px 10px 0 0; display: flex; justify-content: flex-end; align-items: center; padding: 0 14px; }
    .button { position: relative; width: 32px; height: 32px; display: grid; place-items: center; background: #e0e0e6; border-radius: 4px; }
    .button img { width: 16px; height: 16px; }
    .badge { position: absolute; right: -6px; bottom: -4px; padding: 0 3px; border-radius: 3px; font: bold 10px/14px system-ui, sans-serif; color: #fff; background: rgb(${r} ${g} ${b}); }
    .popup { margin-left: auto; width: fit-content; max-width: 480px; border: 1px solid #c9ced6; border-top: 0; box-shadow: 0 8px 24px rgb(0 0 0 / 18%); background: #fff; }
    .popup img { display: block; }
  </style></head><body>
    <div class="copy"><h1>${escape(options.name)}</h1><p>${escape(options.description)}</p><pre>${escape(options.hover)}</pre></div>
    <div class="window">
      <div class="toolbar"><div class="button"><img src="${dataUrl(options.icon)}" alt=""><span class="badge">${escape(options.badge.text)}</span></div></div>
      <div class="popup"><img src="${dataUrl(options.popup)}" alt=""></div>
    </div>
  </body></html>`;
}
