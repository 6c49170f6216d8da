/**
 * What Upstream failed to do for the user (a badge not painted, a notification not shown, storage left open to
 * content scripts), kept in storage.session for the browser session and shown in Options. Bounded: the newest
 * few, each cut to a line.
 */
import browser from 'webextension-polyfill';
import type { ProblemView } from '../protocol/views.ts';
import { clip } from '../model/text.ts';
import { serial } from './serial.ts';

const PROBLEMS_KEY = 'problems';
export const MAX_PROBLEMS = 20;
const MAX_DETAIL = 300;

/** The browser's own words about the failure, if it gave any, cut to a line; Options words the failure itself. */
function detailOf(error: unknown): string | null {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return text.trim() === '' ? null : clip(text, MAX_DETAIL);
}

export async function readProblems(): Promise<ProblemView[]> {
  const stored: unknown = (await browser.storage.session.get(PROBLEMS_KEY))[PROBLEMS_KEY];
  return Array.isArray(stored) ? (stored as ProblemView[]) : [];
}

/** Records a failure; never throws (recording a problem must not become another one). */
export async function recordProblem(kind: ProblemView['kind'], error: unknown, now = new Date()): Promise<void> {
  try {
    await serial.run(PROBLEMS_KEY, async () => {
      const problem: ProblemView = { at: now.toISOString(), kind, detail: detailOf(error) };
      await browser.storage.session.set({ [PROBLEMS_KEY]: [problem, ...(await readProblems())].slice(0, MAX_PROBLEMS) });
    });
  } catch {
    // storage.session itself failed: nothing more we can do than not to throw.
  }
}
