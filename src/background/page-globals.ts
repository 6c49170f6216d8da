/**
 * Which of the catalog's globals a tab's page defines. Globals live in the page's own JavaScript world, so they
 * are read there, with `scripting.executeScript`, and only when the catalog needs them (`globalsToConfirm`):
 * nothing of Upstream stays in the page, and most pages never see this run.
 */
import { isRecord } from '../model/json.ts';

/**
 * Runs in the page's world, where every built-in may have been replaced by the page. It therefore calls no
 * function and reads no property a page could have turned into a getter: `in` on `window` (an unforgeable
 * binding whose prototype chain browsers keep immutable) only asks whether a name exists, and strings are built
 * with `+`. The names are the arguments' own indexes. Do not "simplify" it with push, join or filter.
 */
export function definedGlobals(names: string[]): string {
  let found = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (typeof name === 'string' && name in window) found += `${name}\n`;
  }
  return found;
}

type ScriptingApi = {
  executeScript(injection: { target: { tabId: number; frameIds: number[] }; world: 'MAIN'; func: (names: string[]) => string; args: [string[]] }): Promise<unknown>;
};

function scripting(): ScriptingApi | undefined {
  const api = (globalThis as { browser?: { scripting?: ScriptingApi }; chrome?: { scripting?: ScriptingApi } });
  return api.browser?.scripting ?? api.chrome?.scripting;
}

/** The asked names the tab's top page defines; none when the page cannot be scripted (it navigated, or is closed). */
export async function readPageGlobals(tabId: number, names: readonly string[]): Promise<string[]> {
  const api = scripting();
  if (!api || names.length === 0) return [];
  try {
    const results = await api.executeScript({ target: { tabId, frameIds: [0] }, world: 'MAIN', func: definedGlobals, args: [[...names]] });
    const first: unknown = Array.isArray(results) ? results[0] : undefined;
    const answer = isRecord(first) ? first.result : undefined;
    if (typeof answer !== 'string') return [];
    // The page could have answered anything: only names we asked about count.
    const asked = new Set(names);
    return [...new Set(answer.split('\n'))].filter((name) => asked.has(name));
  } catch {
    return [];
  }
}
