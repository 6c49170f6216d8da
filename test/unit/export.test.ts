import { describe, expect, it } from 'vitest';
import { CATALOG, CatalogIndex } from '../../src/catalog/index.ts';
import { english } from '../../src/model/english.ts';
import type { Translate } from '../../src/model/i18n.ts';
import { buildStackReport, escapeMarkdown, stackToCsv, stackToJson, stackToMarkdown, type StackReport } from '../../src/stack/export.ts';
import type { StackMember } from '../../src/stack/stack.ts';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const index = new CatalogIndex(CATALOG);
const members: StackMember[] = [
  { productId: 'claude', pinned: true, lastSeenAt: null },
  { productId: 'cursor', pinned: false, lastSeenAt: '2026-11-20T09:30:00.000Z' },
  { productId: 'retired-product', pinned: true, lastSeenAt: null },
  { productId: 'notion-ai', pinned: false, lastSeenAt: '2026-11-23T10:00:00.000Z' },
];
const report = buildStackReport(index, members, NOW, english);

/** RFC 4180 reader, strict enough to catch a stray quote or a bare LF: the test's own, not the code under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (text[i] === '"') { i++; break; } else field += text[i];
      }
    } else {
      while (i < text.length && !/[,\r\n"]/.test(text[i]!)) field += text[i++];
      if (text[i] === '"' || text[i] === '\n') throw new Error(`bad character at ${i}`);
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) { rows.push(row); row = []; i += 2; } else throw new Error(`expected , or CRLF at ${i}`);
  }
  return rows;
}

describe('buildStackReport (bundled catalog)', () => {
  it('lists the members in order, skipping products the catalog no longer has', () => {
    expect(report.generatedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(report.products.map((p) => [p.id, p.name, p.pinned, p.lastSeenAt])).toEqual([
      ['claude', 'Claude', true, null],
      ['cursor', 'Cursor', false, '2026-11-20T09:30:00.000Z'],
      ['notion-ai', 'Notion AI', false, '2026-11-23T10:00:00.000Z'],
    ]);
  });

  it('gives every dependency its provider name and status page, in-house models a translated name and none', () => {
    const notion = report.products[2]!;
    expect(notion.providers[0]).toEqual({
      id: 'anthropic', name: 'Anthropic', feature: 'Notion AI (assistant, writing, Q&A, autofill)', route: 'Anthropic API',
      confidence: 'high', statusPageUrl: 'https://status.claude.com',
    });
    expect(notion.providers.find((dep) => dep.id === 'in-house')).toMatchObject({ name: 'In-house models', statusPageUrl: null });
    const french: Translate = (key, ...rest) => (key === 'inHouseModels' ? 'Modèles maison' : english(key, ...rest));
    const translated = buildStackReport(index, members, NOW, french).products[2]!;
    expect(translated.providers.find((dep) => dep.id === 'in-house')!.name).toBe('Modèles maison');
  });

  it('offers alternatives that avoid the tool’s providers, and names shared points of failure', () => {
    const claude = report.products[0]!;
    expect(claude.alternatives.length).toBeGreaterThan(0);
    for (const alternative of claude.alternatives) expect(alternative.providers).not.toContain('Anthropic');
    expect(claude.alternatives.map((a) => a.id)).toContain('chatgpt');
    expect(claude.alternatives.find((a) => a.id === 'chatgpt')!.providers).toEqual(['OpenAI']);
    expect(report.sharedPoints[0]).toEqual({
      providerId: 'anthropic', providerName: 'Anthropic', productIds: ['claude', 'cursor', 'notion-ai'], statusPageUrl: 'https://status.claude.com',
    });
    expect(report.sharedPoints.every((point) => point.productIds.length >= 2)).toBe(true);
  });
});

describe('stackToJson', () => {
  it('is pretty, parses back to the report, and does not depend on key order', () => {
    const json = stackToJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "generatedAt": "2026-11-24T12:00:00.000Z",\n');
    expect(JSON.parse(json)).toEqual(report);
    const shuffled = JSON.parse(JSON.stringify(report), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value) as StackReport;
    expect(Object.keys(shuffled)[0]).toBe('sharedPoints');
    expect(stackToJson(shuffled)).toBe(json);
  });
});

const hostile: StackReport = {
  generatedAt: '2026-11-24T12:00:00.000Z',
  products: [
    {
      id: 'evil', name: 'Evil, "Inc" tool\nline two', vendor: '=HYPERLINK("http://x.example","click")', category: 'productivity', pinned: true,
      lastSeenAt: null,
      providers: [
        { id: 'anthropic', name: '+Anthropic', feature: '@SUM(A1)', route: '-2+3', confidence: 'high', statusPageUrl: 'https://status.claude.com' },
        { id: 'in-house', name: 'In-house models', feature: 'Plain', route: 'own', confidence: 'low', statusPageUrl: null },
      ],
      alternatives: [{ id: 'alt', name: 'Alt; "two"', providers: ['OpenAI', 'Google'] }],
    },
    { id: 'bare', name: 'Bare', vendor: 'Bare Co', category: 'coding', pinned: false, lastSeenAt: '2026-11-01T00:00:00.000Z', providers: [], alternatives: [] },
  ],
  sharedPoints: [],
};

describe('stackToCsv', () => {
  it('has a translated header and one row per product × dependency (a tool without one keeps a row)', () => {
    const rows = parseCsv(stackToCsv(report, english));
    expect(rows[0]).toEqual(['Tool', 'Vendor', 'Category', 'Pinned', 'Last seen', 'AI feature', 'Provider', 'Route', 'Confidence', 'Status page', 'Alternatives on other providers']);
    const shouting: Translate = (key, ...rest) => english(key, ...rest).toUpperCase();
    expect(parseCsv(stackToCsv(report, shouting))[0]![0]).toBe('TOOL');
    expect(rows).toHaveLength(1 + report.products.reduce((sum, p) => sum + p.providers.length, 0));
    expect(parseCsv(stackToCsv(hostile, english))).toHaveLength(1 + 2 + 1);
  });

  it('round-trips every field of the real report', () => {
    const rows = parseCsv(stackToCsv(report, english)).slice(1);
    const expected = report.products.flatMap((p) =>
      p.providers.map((dep) => [
        p.name, p.vendor, p.category, p.pinned ? 'yes' : 'no', p.lastSeenAt ?? '', dep.feature, dep.name, dep.route, dep.confidence,
        dep.statusPageUrl ?? '', p.alternatives.map((a) => `${a.name} (on ${a.providers.join(', ')})`).join('; '),
      ]),
    );
    expect(rows).toEqual(expected);
  });

  it('quotes commas, quotes and newlines, uses CRLF, and defuses formulas', () => {
    const csv = stackToCsv(hostile, english);
    expect(csv.replaceAll('\r\n', '').includes('\n')).toBe(true); // the only bare LF is inside the quoted name
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Evil, ""Inc"" tool\nline two"');
    const [first, second, bare] = parseCsv(csv).slice(1);
    expect(first).toEqual([
      'Evil, "Inc" tool\nline two', `'=HYPERLINK("http://x.example","click")`, 'productivity', 'yes', '', `'@SUM(A1)`, `'+Anthropic`, `'-2+3`, 'high',
      'https://status.claude.com', 'Alt; "two" (on OpenAI, Google)',
    ]);
    expect(second!.slice(5, 10)).toEqual(['Plain', 'In-house models', 'own', 'low', '']);
    expect(bare).toEqual(['Bare', 'Bare Co', 'coding', 'no', '2026-11-01T00:00:00.000Z', '', '', '', '', '', '']);
  });
});

describe('stackToMarkdown', () => {
  const md = stackToMarkdown(report, english);

  it('is a backup plan: title, date, shared points with status links, then each tool', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# AI tools backup plan');
    expect(md).toContain('Generated by Upstream on 2026-11-24 12:00 UTC.');
    expect(md).toContain('## Single points of failure\n\n- 3 of your tools depend on Anthropic: Claude, Cursor, Notion AI. [Status page](https://status.claude.com)\n');
    expect(lines.filter((line) => line.startsWith('### '))).toEqual(['### Claude', '### Cursor', '### Notion AI']);
    expect(md.indexOf('## Single points of failure')).toBeLessThan(md.indexOf('## Your tools'));
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });

  it('gives each tool its providers, alternatives and what to do when it is down', () => {
    const notion = md.slice(md.indexOf('### Notion AI'));
    expect(notion).toContain('Notion Labs, Inc. · last seen 2026-11-23');
    expect(notion).toContain('- Anthropic for Notion AI (assistant, writing, Q\\&A, autofill), via Anthropic API (high confidence) · [Status page](https://status.claude.com)');
    expect(notion).toContain('- In-house models for Notion AI (assistant, writing, Q\\&A, autofill), via in-house models (high confidence) · no public status');
    expect(notion).toContain('**When it is down**\n\nCheck the status pages above');
    expect(notion).toContain('check Notion Labs, Inc.’s own status page or support.');
    const claude = md.slice(md.indexOf('### Claude'), md.indexOf('### Cursor'));
    expect(claude).toContain('Anthropic PBC · pinned\n');
    expect(claude).toContain('**Alternatives on other providers**\n\n- ChatGPT (on OpenAI)');
    expect(claude).not.toContain('own status page'); // every dependency has a public status page
  });

  it('says so when nothing is shared, no alternative exists, or the stack is empty', () => {
    const plan = stackToMarkdown(hostile, english);
    expect(plan).toContain('None of your tools share an AI provider.');
    expect(plan).toContain('No tool in Upstream’s catalog does the same job on other providers.');
    expect(stackToMarkdown({ generatedAt: NOW.toISOString(), products: [], sharedPoints: [] }, english)).toContain('No tools in your stack yet');
  });

  it('escapes catalog text so data cannot break the layout or inject links and HTML', () => {
    expect(escapeMarkdown('*a* _b_ `c` [d](e) <f> # g | h ~i~ &amp; \\')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\# g \\| h \\~i\\~ \\&amp; \\\\');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('line\r\n\n# heading')).toBe('line \\# heading');
    expect(escapeMarkdown('Notion AI (assistant, Q&A)')).toBe('Notion AI (assistant, Q\\&A)');

    const evil: StackReport = {
      generatedAt: NOW.toISOString(),
      products: [{
        ...hostile.products[0]!,
        name: 'Pwn\n# Fake heading [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
        vendor: '- not a list',
        providers: [
          { id: 'p', name: '**Bold**', feature: 'f', route: 'r', confidence: 'high', statusPageUrl: 'javascript:alert(1)' },
          { id: 'q', name: 'Q', feature: 'f', route: 'r', confidence: 'high', statusPageUrl: 'https://status.example/a b)(c' },
        ],
      }],
      sharedPoints: [{ providerId: 'q', providerName: '_Q_', productIds: ['evil', 'gone'], statusPageUrl: 'https://status.example' }],
    };
    const plan = stackToMarkdown(evil, english);
    expect(plan).toContain('### Pwn \\# Fake heading \\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>\n');
    expect(plan.split('\n').filter((line) => /^#{1,3} /.test(line))).toHaveLength(4); // title, 2 sections, 1 tool: no injected heading
    expect(plan).toContain('\n\\- not a list · pinned\n');
    expect(plan).toContain('- \\*\\*Bold\\*\\* for f, via r (high confidence) · Status page\n'); // no javascript: link
    expect(plan).not.toMatch(/(?<!\\)\]\(javascript:/); // only the escaped, inert `\](` remains
    expect(plan).toContain('[Status page](https://status.example/a%20b%29%28c)');
    expect(plan).toContain('- 2 of your tools depend on \\_Q\\_: Pwn \\# Fake heading');
    expect(plan).toContain(', gone. [Status page](https://status.example)');
  });
});
