import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Words a user reads come from _locales. This finds English written into the code that renders or names things:
 * string literals of two or more words with a capital letter, and text written between JSX tags. Strings that
 * never reach the user, and brand names (not translated), are listed here with their file.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'src/ui/shared/labels.ts': ['Atlassian Statuspage', 'Better Stack', 'Google Cloud Service Health', 'Google Workspace Status Dashboard', 'AWS Health Dashboard'],
  // The AWS service the registry's regional feeds are about, by default: a product name.
  'src/status/adapters/aws-health.ts': ['Amazon Bedrock'],
};

const LITERAL = /(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g;
const JSX_TEXT = />\s*([A-Za-z][^<>{}\n;=()]*[A-Za-z.!?])\s*</g;
const WORDS = /[A-Za-z]{2,} [A-Za-z]{2,}/;

/** English that would reach the user from one file's source. */
function englishInCode(source: string, tsx: boolean): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1')
    .replace(/\$\{[^}]*\}/g, '');
  const found: string[] = [];
  for (const [, , text = ''] of code.matchAll(LITERAL)) if (/[A-Z]/.test(text) && WORDS.test(text)) found.push(text);
  if (tsx) for (const [, text = ''] of code.matchAll(JSX_TEXT)) if (WORDS.test(text)) found.push(text.trim());
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('English reaching the user outside _locales', () => {
  it('finds a fallback name, a title and JSX text written in English', () => {
    const adapter = "const name = asString(component.name, 'Unnamed component');\nreturn { title: raw.title || 'Scheduled maintenance' };";
    expect(englishInCode(adapter, false)).toEqual(['Unnamed component', 'Scheduled maintenance']);
    const page = 'return (<p class="note">Could not load the page</p>);\n// Written for developers: not read.\nconst key = t(\'loadFailed\');';
    expect(englishInCode(page, true)).toEqual(['Could not load the page']);
    // Keys, classes, identifiers, comments and template expressions are not words for the user.
    expect(englishInCode("t('runsOn', name); /* Not This One */ cls = `card ${level === 'Major Outage' ? 'x' : ''}`; const x = 'a-b';", true)).toEqual([]);
  });

  it('status adapters and pages word everything through _locales', () => {
    const found = [...files('src/ui'), ...files('src/status/adapters')].flatMap((path) => {
      const allowed = new Set(ALLOWED[path.replaceAll('\\', '/')] ?? []);
      return englishInCode(readFileSync(path, 'utf8'), path.endsWith('.tsx'))
        .filter((text) => !allowed.has(text))
        .map((text) => `${path}: ${text}`);
    });
    expect(found).toEqual([]);
  });
});
