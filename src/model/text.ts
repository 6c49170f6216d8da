import type { Translate } from './i18n.ts';

/** "Anthropic", "Anthropic and OpenAI", "Anthropic, OpenAI and Google", in the user's language. */
export function joinNames(t: Translate, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return t('listAnd', names.slice(0, -1).join(t('listSeparator')), names.at(-1) ?? '');
}

/**
 * At most `max` UTF-16 units (what `length` counts, so a bound checked elsewhere with `length` holds), with an
 * ellipsis when cut; a character made of two units is never split.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Whitespace collapsed to single spaces, then cut to `max` with an ellipsis: text for one line. */
export function clip(text: string, max: number): string {
  return cut(text.replace(/\s+/g, ' ').trim(), max);
}
