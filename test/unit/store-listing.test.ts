import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngSize, STORE_SIZE } from '../e2e/support/store-screenshots.ts';

/** docs/STORE.md against what it describes: the manifest, the messages, the screenshots. */
const store = readFileSync('docs/STORE.md', 'utf8');
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { permissions: string[]; host_permissions: string[]; content_scripts: { matches: string[] }[] };
const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;

function section(title: string): string {
  const start = store.indexOf(`## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = store.indexOf('\n## ', start + 1);
  return store.slice(start, end < 0 ? undefined : end);
}

describe('the store listing', () => {
  it('gives the manifest description as the short description, within the Chrome Web Store limit', () => {
    const description = messages.extensionDescription!.message;
    expect(section('Short description')).toContain(`> ${description}\n`);
    expect(description.length).toBeLessThanOrEqual(132);
  });

  it('justifies every permission the manifest asks for, and no other', () => {
    const headings = [...section('Permission justifications').matchAll(/^### (.+)$/gm)].map((match) => match[1]!);
    const permissions = headings.filter((heading) => /^`[a-zA-Z]+`$/.test(heading)).map((heading) => heading.slice(1, -1));
    expect(permissions.sort()).toEqual([...manifest.permissions].sort());
    const hosts = manifest.host_permissions.map((host) => `\`${host}\``).join(', ');
    expect(headings).toContain(`Host permissions: ${hosts}`);
    const matches = [...new Set(manifest.content_scripts.flatMap((script) => script.matches))].map((match) => `\`${match}\``).join(', ');
    expect(headings).toContain(`Content script on ${matches} (isolated world)`);
    for (const heading of headings.filter((heading) => heading !== 'Not requested')) {
      const body = section('Permission justifications').split(`### ${heading}\n`)[1]!.split('\n### ')[0]!;
      expect(body, heading).toMatch(/\*\*Why\*\*: \S/);
      expect(body, heading).toMatch(/\*\*Kept\*\*: \S/);
    }
  });

  it('lists screenshots that exist, at 1280×800', () => {
    const files = [...section('Screenshots').matchAll(/\]\((store\/[^)]+\.png)\)/g)].map((match) => `docs/${match[1]}`);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(readFileSync(file)), file).toEqual(STORE_SIZE);
    }
  });
});
