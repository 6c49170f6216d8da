import type { Translate } from './i18n.ts';

/** "Anthropic", "Anthropic and OpenAI", "Anthropic, OpenAI and Google", in the user's language. */
export function joinNames(t: Translate, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return t('listAnd', names.slice(0, -1).join(', '), names.at(-1) ?? '');
}

/** Whitespace collapsed and cut to `max` characters (by code point), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
