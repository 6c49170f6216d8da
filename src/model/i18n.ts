/**
 * User-facing text goes through `_locales/<lang>/messages.json` (browser.i18n), so a translation is a data
 * change. The pure core takes a `Translate` function; `english.ts` formats the bundled English messages the
 * way browsers do, for tests and tools (pages and the worker never bundle them: the browser has them).
 */
import type { HealthLevel } from './levels.ts';

export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');
export type Translate = (key: MessageKey, ...substitutions: string[]) => string;

/** The message that names a level in words ("major outage"). */
export const levelKey = (level: HealthLevel): MessageKey => `level_${level}`;
