/**
 * User-facing text goes through `_locales/<lang>/messages.json` (browser.i18n), so a translation is a data
 * change. The pure core takes a `Translate` function; `english` formats the bundled English messages the way
 * browsers do, for tests and as a fallback.
 */
import messages from '../../public/_locales/en/messages.json' with { type: 'json' };
import type { HealthLevel } from './levels.ts';

export type MessageKey = keyof typeof messages;
export type Translate = (key: MessageKey, ...substitutions: string[]) => string;

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** browser.i18n's rules: `$NAME$` takes its placeholder's content, in which `$1`… are the substitutions. */
export function formatMessage(entry: MessageEntry, substitutions: string[]): string {
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? fill(placeholder.content) : whole;
    })
    .replace(/\$\$/g, '$');
}

/** The message that names a level in words ("major outage"). */
export const levelKey = (level: HealthLevel): MessageKey => `level_${level}`;

export const english: Translate = (key, ...substitutions) => formatMessage((messages as Record<MessageKey, MessageEntry>)[key], substitutions);
