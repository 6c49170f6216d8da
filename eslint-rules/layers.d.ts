import type { Rule } from 'eslint';

/** Lowest first: the folders under src/ in each layer. */
export const LAYERS: string[][];
declare const rule: Rule.RuleModule;
export default rule;
