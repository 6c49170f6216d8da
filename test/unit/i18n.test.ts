import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import messages from '../../public/_locales/en/messages.json' with { type: 'json' };
import { english, formatMessage } from '../../src/model/english.ts';
import manifest from '../../manifest.json' with { type: 'json' };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('user-facing text (browser.i18n)', () => {
  it('fills placeholders as browsers do', () => {
    expect(english('runsOn', 'Notion AI', 'Anthropic and OpenAI')).toBe('Notion AI runs on Anthropic and OpenAI.');
    expect(english('badgeAffected', 'Notion AI', 'Anthropic', 'major outage')).toBe('Notion AI → Anthropic: major outage');
    expect(formatMessage({ message: 'Costs $$5 for $WHO$', placeholders: { who: { content: '$1' } } }, ['you'])).toBe('Costs $5 for you');
  });

  it('every placeholder of every message refers to a substitution, and every message is used', () => {
    const code = sources('src').join('\n');
    for (const [key, entry] of Object.entries(messages) as [string, { message: string; placeholders?: Record<string, { content: string }> }][]) {
      for (const name of entry.message.match(/\$([A-Za-z0-9_]+)\$/g) ?? []) {
        expect(entry.placeholders?.[name.slice(1, -1).toLowerCase()], `${key}: ${name}`).toBeDefined();
      }
      const prefix = key.match(/^(level|signal|freshness|category|confidence|kind|sourceKind|dateKind|readError|incidentStatus)_/)?.[0];
      const used = code.includes(`'${key}'`) || (prefix !== undefined && code.includes(prefix)) || JSON.stringify(manifest).includes(`__MSG_${key}__`);
      expect(used, `${key} is never used`).toBe(true);
    }
  });

  it('the manifest takes its name and description from the messages', () => {
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extensionName__');
    expect(manifest.description).toBe('__MSG_extensionDescription__');
  });
});
