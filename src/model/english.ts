/** The English messages formatted the way browsers do, for tests, benchmarks and tools that run outside a browser. */
import messages from '../../public/_locales/en/messages.json' with { type: 'json' };
import type { MessageKey, Translate } from './i18n.ts';

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

export const english: Translate = (key, ...substitutions) => formatMessage((messages as Record<MessageKey, MessageEntry>)[key], substitutions);
