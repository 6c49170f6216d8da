import { pageSender, resetBrowser } from '../support/fake-extension.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../src/background/db.ts';
import { documentFrames } from '../../src/background/detection.ts';
import { pageReport } from '../../src/background/handlers/page-report.ts';
import { onTabNavigated } from '../../src/background/navigation.ts';
import { onDocumentRequest, onFrameRequest } from '../../src/background/requests.ts';
import { addFrame, readFrames, readTab } from '../../src/background/tab-store.ts';
import type { PageReport } from '../../src/protocol/messages.ts';
import { allClearFetcher } from '../support/all-clear-fetcher.ts';
import { testContext } from '../support/worker-context.ts';

const NOW = Date.now();
const SHOP = 'https://shop.acme-hardware.com';
const CHATBASE_FRAME = 'https://www.chatbase.co/chatbot-iframe/acme?session=secret';
const ctx = () => testContext({ fetcher: allClearFetcher(new Date()) });
const context = () => Promise.resolve(ctx());
const products = async (tabId: number) => (await readTab(tabId))?.detections.map((detection) => detection.productId) ?? [];
const report = (over: Partial<PageReport>): PageReport => ({ hostname: 'shop.acme-hardware.com', path: '/', timeOrigin: NOW, seq: 1, scripts: [], iframes: [], dom: [], meta: [], ...over });

describe('frames the worker sees a page load', () => {
  beforeEach(async () => {
    resetBrowser();
    await clearAll();
  });

  it('shows a widget that only a frame on its host reveals, keeping the frame’s address without its query', async () => {
    await onDocumentRequest(1, NOW - 100);
    await onTabNavigated(ctx(), 1, `${SHOP}/help`, NOW);
    await onFrameRequest(1, CHATBASE_FRAME, NOW + 300, context);
    expect(await products(1)).toEqual(['chatbase']);
    const evidence = (await readTab(1))!.detections[0]!.evidence;
    expect(evidence).toContainEqual({ signal: 'iframe', matched: 'www.chatbase.co/chatbot-iframe/acme', pattern: 'www.chatbase.co/chatbot-iframe/' });
    expect(JSON.stringify(await readTab(1))).not.toContain('secret');
  });

  it('counts a frame that loaded before the worker heard of the navigation, when its document had just started', async () => {
    // The worker was asleep: the browser reported the document's start and its frame before the tab's new address.
    await onDocumentRequest(2, NOW - 1500);
    await onFrameRequest(2, CHATBASE_FRAME, NOW - 900, context);
    expect(await readTab(2)).toBeUndefined();
    await onTabNavigated(ctx(), 2, `${SHOP}/help`, NOW);
    expect(await products(2)).toEqual(['chatbase']);
  });

  it('never shows the frames of an earlier document on the next one, nor on a view shown without a new document', async () => {
    await onDocumentRequest(3, NOW - 60_000);
    await onTabNavigated(ctx(), 3, `${SHOP}/help`, NOW - 59_000);
    await onFrameRequest(3, CHATBASE_FRAME, NOW - 58_000, context);
    expect(await products(3)).toEqual(['chatbase']);
    // A new document: the frame belonged to the one before.
    await onDocumentRequest(3, NOW - 200);
    await onTabNavigated(ctx(), 3, 'https://news.example.org/story', NOW);
    expect(await products(3)).toEqual([]);
    expect((await readFrames(3)).frames).toEqual([]);

    // Back to the shop page, restored from the back-forward cache, which starts no document: the news page's own
    // frames (it embeds a chat too) are not taken for it.
    await onFrameRequest(3, 'https://www.chatbase.co/chatbot-iframe/news', NOW + 1000, context);
    expect(await products(3)).toEqual(['chatbase']);
    await onTabNavigated(ctx(), 3, `${SHOP}/help`, NOW + 20_000);
    expect(await products(3)).toEqual([]);
  });

  it('adds the frames to a page’s own report, from its document’s time origin', async () => {
    await onDocumentRequest(4, NOW - 2000);
    await onFrameRequest(4, 'https://messaging-assets.ada.support/embed/acme', NOW - 1000, context);
    await pageReport.handle(report({ timeOrigin: NOW - 2100, dom: ['#__ada'] }), pageSender(4, 'shop.acme-hardware.com'), ctx());
    const found = (await readTab(4))!.detections.find((detection) => detection.productId === 'ada')!;
    expect(found.evidence.map((evidence) => evidence.signal).sort()).toEqual(['dom', 'iframe']);
  });

  it('keeps at most 50 frames per tab, each once, dated by its newest load', async () => {
    for (let n = 0; n < 80; n++) await addFrame(5, { frame: `www.chatbase.co/chatbot-iframe/${n}`, at: NOW + n });
    expect((await readFrames(5)).frames).toHaveLength(50);
    expect(await addFrame(5, { frame: 'www.chatbase.co/chatbot-iframe/0', at: NOW - 5 })).toBe(false);
    expect(await addFrame(5, { frame: 'www.chatbase.co/chatbot-iframe/0', at: NOW + 500 })).toBe(true);
    expect((await readFrames(5)).frames.filter((entry) => entry.frame === 'www.chatbase.co/chatbot-iframe/0')).toEqual([{ frame: 'www.chatbase.co/chatbot-iframe/0', at: NOW + 500 }]);
  });

  it('dates an address from the document start just before it, and from its own moment otherwise', () => {
    const seen = { documentAt: NOW - 3000, frames: [{ frame: 'a', at: NOW - 2000 }, { frame: 'b', at: NOW + 10 }] };
    const address = report({ timeOrigin: NOW });
    expect(documentFrames(seen, address, true)).toEqual(['a', 'b']);
    expect(documentFrames(seen, address, false)).toEqual(['b']);
    expect(documentFrames({ ...seen, documentAt: NOW - 30_000 }, address, true)).toEqual(['b']);
    expect(documentFrames({ ...seen, documentAt: NOW + 5 }, address, true)).toEqual(['b']);
  });
});
