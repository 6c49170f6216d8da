import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CATALOG } from '../../src/catalog/index.ts';
import { badge, openPopup, tabDetections, tabIdFor, waitFor } from './support/browser.ts';
import { axeViolations } from './support/axe.ts';
import { useExtensionWorld } from './support/harness.ts';

/**
 * Detection in real Chromium: every catalog widget embedded on an unrelated shop's site (fixture pages written
 * from each vendor's embed instructions; the vendors' own hosts do not resolve, as on a page whose widget
 * failed to load), a widget that loads late, one seen only through its requests, a MAIN-world global, and a
 * single-page-app navigation.
 */
const SHOP = 'shop.acme-hardware.com';
const WIDGETS = CATALOG.products.filter((product) => product.kind === 'widget');
// The page's calls to Intercom's API resolve to the test server, so the request signal can be seen.
const EXTRA_HOSTS = ['api-iam.intercom.io', 'chatgpt.com'];

describe('widget and page detection, in real Chromium', () => {
  const world = useExtensionWorld({
    extraHosts: EXTRA_HOSTS,
    prepare: (server) => {
      for (const widget of WIDGETS) server.world.pages.set(`${SHOP}/${widget.id}`, readFileSync(`test/fixtures/widgets/${widget.id}.html`, 'utf8'));
    },
  });

  it(`recognises each of the ${WIDGETS.length} widgets on an unrelated site, and nothing else`, async () => {
    const { browser } = world;
    const page = await browser.context.newPage();
    await page.goto(`https://${SHOP}/${WIDGETS[0]!.id}`);
    const tab = await tabIdFor(browser.context, SHOP, `/${WIDGETS[0]!.id}`);
    const missed: string[] = [];
    const extra: string[] = [];
    for (const widget of WIDGETS) {
      await page.goto(`https://${SHOP}/${widget.id}`, { waitUntil: 'load' });
      const found = await waitFor(
        () => tabDetections(browser.context, tab),
        (record) => record?.path === `/${widget.id}` && record.detections.some((d) => d.productId === widget.id && d.confidence !== 'low'),
        10_000,
      ).catch(() => null);
      if (!found) missed.push(widget.id);
      else extra.push(...found.detections.filter((d) => d.productId !== widget.id && d.confidence !== 'low').map((d) => `${widget.id} → ${d.productId}`));
    }
    await page.close();
    expect(missed).toEqual([]);
    expect(extra).toEqual([]);
  }, 300_000);

  it('finds a widget that loads late, with the bounded re-scan', async () => {
    const { server, browser } = world;
    server.world.pages.set(
      `${SHOP}/late`,
      `<!doctype html><title>Acme</title><h1>Acme Hardware</h1><script>
        setTimeout(() => { const s = document.createElement('script'); s.src = 'https://widget.intercom.io/widget/acmehw01'; document.body.append(s); }, 2500);
      </script>`,
    );
    const page = await browser.context.newPage();
    try {
      await page.goto(`https://${SHOP}/late`);
      const tab = await tabIdFor(browser.context, SHOP, '/late');
      const early = await tabDetections(browser.context, tab);
      expect(early?.detections ?? []).toEqual([]);
      const scriptSeen = (r: Awaited<ReturnType<typeof tabDetections>>) =>
        r?.detections.find((d) => d.productId === 'intercom-fin')?.evidence.some((e) => e.signal === 'script') ?? false;
      const later = await waitFor(() => tabDetections(browser.context, tab), scriptSeen, 15_000);
      expect(later!.detections.find((d) => d.productId === 'intercom-fin')!.evidence).toContainEqual({
        signal: 'script',
        matched: 'widget.intercom.io/widget/acmehw01',
        pattern: 'widget.intercom.io/widget/',
      });
    } finally {
      await page.close();
    }
  });

  it('sees a widget through its requests (webRequest) and its global (MAIN world), and explains it in the popup', async () => {
    const { server, browser } = world;
    server.world.pages.set(
      `${SHOP}/headless-widget`,
      `<!doctype html><title>Acme</title><h1>Acme Hardware</h1><script>
        window.Intercom = function () {};
        fetch('https://api-iam.intercom.io/messenger/web/ping', { method: 'POST', mode: 'no-cors' }).catch(() => {});
      </script>`,
    );
    const page = await browser.context.newPage();
    onTestFinished(() => page.close());
    await page.goto(`https://${SHOP}/headless-widget`);
    const tab = await tabIdFor(browser.context, SHOP, '/headless-widget');
    const record = await waitFor(
      () => tabDetections(browser.context, tab),
      (r) => {
        const signals = new Set(r?.detections.find((d) => d.productId === 'intercom-fin')?.evidence.map((e) => e.signal));
        return signals.has('request') && signals.has('global');
      },
      15_000,
    );
    const intercom = record!.detections.find((d) => d.productId === 'intercom-fin')!;
    expect(intercom.confidence).toBe('high');
    expect(intercom.evidence).toEqual(
      expect.arrayContaining([
        { signal: 'request', matched: 'api-iam.intercom.io', pattern: 'api-iam.intercom.io' },
        { signal: 'global', matched: 'Intercom', pattern: 'Intercom' },
      ]),
    );
    const popup = await openPopup(browser, tab);
    await popup.getByText(/Why we think this page uses Intercom/).click();
    const evidence = await popup.locator('.evidence').innerText();
    expect(evidence).toContain('the page talks to its servers: api-iam.intercom.io');
    expect(evidence).toContain('the page defines its global: Intercom');
    expect(await popup.locator('main').innerText()).toMatch(/Intercom.* runs on /);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('follows a single-page-app navigation onto a path-limited product', async () => {
    const { server, browser } = world;
    server.world.pages.set('chatgpt.com/', '<!doctype html><title>ChatGPT</title><main id="app">Chat</main>');
    const page = await browser.context.newPage();
    await page.goto('https://chatgpt.com/');
    const tab = await tabIdFor(browser.context, 'chatgpt.com', '/');
    const home = await waitFor(() => tabDetections(browser.context, tab), (r) => (r?.detections.length ?? 0) > 0);
    expect(home!.detections.map((d) => d.productId)).not.toContain('chatgpt-codex-web');
    await page.evaluate(() => {
      history.pushState({}, '', '/codex');
      document.getElementById('app')!.textContent = 'Codex';
    });
    const codex = await waitFor(() => tabDetections(browser.context, tab), (r) => r?.path === '/codex', 10_000);
    expect(codex!.detections.map((d) => d.productId)).toContain('chatgpt-codex-web');
    await waitFor(() => badge(browser.context, tab), (shown) => /Codex/.test(shown.title), 10_000);
    await page.close();
  });
});
