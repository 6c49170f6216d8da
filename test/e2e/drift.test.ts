import type { IncomingMessage } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import together from '../fixtures/status/better-stack/betterstack-index.together-trimmed.json' with { type: 'json' };
import { cloudflareSummary, REPLICATE_INCIDENT_TITLE } from '../fixtures/status/cloudflare-status/scenarios.ts';
import { MISTRAL_INCIDENT_TITLE, rootlyStatus } from '../fixtures/status/rootly/scenarios.ts';
import { claudeSummary } from '../fixtures/status/scenarios.ts';
import { badge, healthRecord, openExtensionPage, openPopup, tabIdFor, waitFor, type ExtensionBrowser } from './support/browser.ts';
import { useExtensionWorld } from './support/harness.ts';
import { ALL_CLEAR, type Answer, type HttpsWorld } from './support/https-world.ts';

const json = (value: unknown): Answer => ({ status: 200, type: 'application/json', body: JSON.stringify(value) });
const CHALLENGE_PAGE = '<!DOCTYPE html><html lang="en"><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8f"></script></body></html>';
const challenge: Answer = { status: 403, type: 'text/html; charset=UTF-8', body: CHALLENGE_PAGE, headers: { 'cf-mitigated': 'challenge' } };

/** xAI's feed with one open incident on a component the registry has never heard of. */
function xaiFeedWithUnknownComponent(now = new Date()): Answer {
  const date = now.toUTCString();
  const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>SpaceXAI System Status</title><link>https://status.x.ai</link><lastBuildDate>${date}</lastBuildDate>
<item><title>[Grok Web App] Grok is unavailable for some users</title><link>https://status.x.ai/grok-web-app/INC0dr1ft0</link><guid isPermaLink="false">INC0dr1ft0</guid><pubDate>${date}</pubDate><category>outage</category><category>investigating</category>
<description><![CDATA[<h3>Status: INVESTIGATING</h3><p>Severity: outage</p><hr /><h4>Updates:</h4><div><p><strong>${date}</strong></p><h3>Investigating</h3><p>Some users cannot load Grok.</p></div>]]></description></item>
</channel></rss>`;
  return { status: 200, type: 'application/rss+xml', body };
}

/**
 * Status pages move, rename and go quiet under us: in a real Chromium, an incident on a component nothing maps
 * still warns, a page that changed shape reads unknown with its reason, and the two platforms providers moved
 * to (Rootly for Mistral, Cloudflare's page for Replicate) are read.
 */
describe('status that stays true when status pages change', () => {
  const world = useExtensionWorld();
  let server: HttpsWorld;
  let browser: ExtensionBrowser;

  async function openSite(url: string): Promise<number> {
    const page = await browser.context.newPage();
    await page.goto(url);
    const { hostname, pathname } = new URL(url);
    return tabIdFor(browser.context, hostname, pathname === '/' ? undefined : pathname);
  }

  beforeAll(() => {
    ({ server, browser } = world);
  });

  it('an incident on a component the registry does not map warns the product’s tab, worded as possible', async () => {
    const grokTab = await openSite('https://grok.com/');
    await waitFor(() => badge(browser.context, grokTab), (b) => b.title.includes('operational'), 30_000);
    server.world.statusOverrides.set('status.x.ai', (_req, path) => (path === '/feed.xml' ? xaiFeedWithUnknownComponent() : null));
    const warned = await waitFor(() => badge(browser.context, grokTab), (b) => b.text === '!', 30_000);
    expect(warned.title).toBe('Upstream\nGrok (grok.com) → xAI (Grok): may be affected (incident on ‘Grok Web App’)');
    const popup = await openPopup(browser, grokTab);
    await popup.getByText('xAI (Grok) reports an incident on ‘Grok Web App’, which may affect Grok (grok.com).').waitFor();
    expect(await popup.getByText('Grok is unavailable for some users').count()).toBeGreaterThan(0);
    await popup.close();
    server.world.statusOverrides.delete('status.x.ai');
    await waitFor(() => badge(browser.context, grokTab), (b) => b.text === '', 30_000);
  });

  it('a page that answers another platform’s data, a browser check, or drops a mapped component reads unknown, saying why', async () => {
    const notionTab = await openSite('https://www.notion.so/');
    await waitFor(() => badge(browser.context, notionTab), (b) => ALL_CLEAR.test(b.title), 30_000);
    const card = async (text: string) => {
      const popup = await openPopup(browser, notionTab);
      const anthropic = popup.locator('[data-provider="anthropic"]');
      await anthropic.getByText(text, { exact: false }).waitFor();
      expect(await anthropic.getAttribute('data-level')).toBe('unknown');
      await popup.close();
    };
    // The badge is painted just after the reading is written; read in this order, a record still at n failures
    // proves the badge said '?' by the n-th failed read.
    const unknownBadge = async () => {
      const seen = await waitFor(
        async () => ({ badge: await badge(browser.context, notionTab), record: await healthRecord(browser.context, 'anthropic') }),
        ({ badge: shown }) => shown.text === '?',
        10_000,
      );
      return seen.record;
    };

    // The address is gone (404 where JSON was): unknown at the first such read, saying so.
    server.world.statusOverrides.set('status.claude.com', () => ({ status: 404, type: 'text/html', body: '<!doctype html><title>Not found</title>' }));
    await waitFor(() => healthRecord(browser.context, 'anthropic'), (record) => record?.lastError?.kind === 'http', 30_000);
    expect((await unknownBadge())?.consecutiveFailures).toBe(1);
    await card('The status page could not be read: it answered with an error (HTTP 404).');

    // Another platform's data where Statuspage's was: unknown at the first such read, not after three.
    server.world.statusOverrides.set('status.claude.com', () => json(together));
    await waitFor(() => healthRecord(browser.context, 'anthropic'), (record) => record?.lastError?.kind === 'format', 30_000);
    expect((await unknownBadge())?.consecutiveFailures).toBe(2);
    await card('The status page could not be read: its format changed: it now answers in the format of Better Stack.');
    const providerPage = await openExtensionPage(browser, { app: '/provider/anthropic' });
    await providerPage.getByText(/Last failed read .*: its format changed: it now answers in the format of Better Stack/).waitFor();
    await providerPage.getByText('Status platform: Atlassian Statuspage').waitFor();
    // The shape the page last answered in is that of its last good read, kept through the failures.
    await providerPage.getByText(/Last read as expected .*, in the format of Atlassian Statuspage/).waitFor();
    await providerPage.close();

    // A browser check (Cloudflare's challenge page).
    server.world.statusOverrides.set('status.claude.com', () => challenge);
    await waitFor(() => healthRecord(browser.context, 'anthropic'), (record) => record?.lastError?.kind === 'format' && record.lastError.found === 'challenge', 30_000);
    await card('it asks for a browser check: open the status page once in a tab, then Upstream can read it');

    // The page still answers in its shape, but no longer lists the Claude API.
    server.world.statusOverrides.set('status.claude.com', (_req, path) => {
      const summary = claudeSummary('allclear', new Date());
      summary.components = summary.components.filter((component) => component.id !== 'k8w3r06qmzrp');
      return path === '/api/v2/summary.json' ? json(summary) : path === '/api/v2/status.json' ? json({ page: summary.page, status: summary.status }) : null;
    });
    await waitFor(() => healthRecord(browser.context, 'anthropic'), (record) => record?.lastError === null, 30_000);
    await card('The status page no longer lists this service.');
    const diagnostics = await openExtensionPage(browser, { app: '/provider/anthropic' });
    await diagnostics.getByText('No longer listed on the page: Claude API (shown as unknown)').waitFor();
    // The provider's own level is unknown too, with the reason, not the page's all clear.
    await waitFor(() => diagnostics.locator('.provider-page .page-head .pill').getAttribute('class'), (value) => value === 'pill pill-unknown');
    await diagnostics.getByText('The status page no longer lists this service.').first().waitFor();
    // The failure before it is still told, with its reason, after the page read well again.
    await diagnostics.getByText(/Last failed read .*: it asks for a browser check/).waitFor();
    await diagnostics.close();

    server.world.statusOverrides.delete('status.claude.com');
    await waitFor(() => badge(browser.context, notionTab), (b) => ALL_CLEAR.test(b.title), 30_000);
  });

  it('an outage on Mistral’s Rootly page reaches the Le Chat tab', async () => {
    const leChat = await openSite('https://chat.mistral.ai/');
    await waitFor(() => badge(browser.context, leChat), (b) => b.title.includes('operational'), 30_000);
    server.world.statusOverrides.set('status.mistral.ai', (_req, path) => (path === '/api/v1/status.json' ? json(rootlyStatus('outage')) : null));
    const out = await waitFor(() => badge(browser.context, leChat), (b) => b.text === 'OUT', 30_000);
    expect(out.title).toBe('Upstream\nLe Chat → Mistral AI: major outage');
    const popup = await openPopup(browser, leChat);
    await popup.getByRole('link', { name: MISTRAL_INCIDENT_TITLE }).waitFor();
    await popup.close();
    server.world.statusOverrides.delete('status.mistral.ai');
    await waitFor(() => badge(browser.context, leChat), (b) => b.text === '', 30_000);
  });

  it('Replicate on Cloudflare’s status page reads correctly: its own outage, not Cloudflare’s other incidents', async () => {
    // No tool of the user's depends on Replicate: its page in Upstream is what makes it read.
    const page = await openExtensionPage(browser, { app: '/provider/replicate' });
    const pill = page.locator('.provider-page .page-head .pill');
    // The page carries a Cloudflare incident on Workers AI, naming Replicate in its title: Replicate stays calm.
    await waitFor(() => healthRecord(browser.context, 'replicate'), (record) => record?.health?.level === 'operational', 30_000);
    await waitFor(() => pill.getAttribute('class'), (value) => value === 'pill pill-operational');
    server.world.statusOverrides.set('www.cloudflarestatus.com', (_req, path) => (path === '/api/v3/summary' ? json(cloudflareSummary('outage')) : null));
    await waitFor(() => healthRecord(browser.context, 'replicate'), (record) => record?.health?.level === 'major_outage', 40_000);
    await page.reload();
    await page.getByRole('link', { name: REPLICATE_INCIDENT_TITLE }).first().waitFor();
    await waitFor(() => pill.getAttribute('class'), (value) => value === 'pill pill-major_outage');
    server.world.statusOverrides.delete('www.cloudflarestatus.com');
    await waitFor(() => healthRecord(browser.context, 'replicate'), (record) => record?.health?.level === 'operational', 40_000);
    await page.close();
  });

  it('a page behind a browser check is read again once the user passed the check in a tab (its cookie)', async () => {
    const cookiesSeen: string[] = [];
    const passed = (req: IncomingMessage) => /(?:^|;\s*)cf_clearance=passed(?:;|$)/.test(req.headers.cookie ?? '');
    server.world.statusOverrides.set('status.mistral.ai', (req, path) => {
      if (path === '/api/v1/status.json') cookiesSeen.push(req.headers.cookie ?? '');
      if (!passed(req)) {
        // The check itself: a person's browser passes it and gets the clearance cookie.
        if (path === '/') return { status: 200, type: 'text/html', body: '<!doctype html><title>Mistral AI status</title><p>All systems operational</p>', headers: { 'set-cookie': 'cf_clearance=passed; Path=/; Secure; HttpOnly; SameSite=None' } };
        return challenge;
      }
      return path === '/api/v1/status.json' ? json(rootlyStatus('allclear')) : null;
    });
    const leChat = await openSite('https://chat.mistral.ai/c/check');
    await waitFor(() => healthRecord(browser.context, 'mistral'), (record) => record?.lastError?.kind === 'format' && record.lastError.found === 'challenge', 30_000);
    await waitFor(() => badge(browser.context, leChat), (b) => b.text === '?', 10_000);

    // The user opens the status page once, as the popup and provider page suggest.
    const statusTab = await browser.context.newPage();
    await statusTab.goto('https://status.mistral.ai/');
    const read = await waitFor(() => healthRecord(browser.context, 'mistral'), (record) => record?.lastError === null && record.consecutiveFailures === 0, 40_000);
    expect(read?.health?.level).toBe('operational');
    expect(cookiesSeen.some((cookie) => cookie.includes('cf_clearance=passed'))).toBe(true);
    await waitFor(() => badge(browser.context, leChat), (b) => b.text === '', 30_000);
    server.world.statusOverrides.delete('status.mistral.ai');
  });
});
