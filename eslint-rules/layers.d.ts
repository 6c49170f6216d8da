import type { Rule } from 'eslint';

/** Lowest first: the folders under src/ in each layer. */
export const LAYERS: string[][];
/** Lowest first, inside a few folders: their subfolders and files (`*`: every file not named). */
export const SUB_LAYERS: Record<string, string[][]>;
declare const rule: Rule.RuleModule;
export default rule;
