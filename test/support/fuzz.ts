import fc from 'fast-check';
import type { ParseResult } from '../../src/status/adapter.ts';

/** Runs per property in the adapter fuzz tests: at least 10,000 malformed inputs each. */
export const FUZZ_RUNS = 10_000;

/** Arbitrary JSON-ish values, including the wrong types in the right places. */
export const anyJson = fc.anything({ withNullPrototype: false, maxDepth: 4 });

/**
 * Mutations of a valid payload that break it: a required field deleted, or replaced by a value of the
 * wrong type. `paths` are the required fields, as property paths into the payload.
 */
export function brokenVariants(valid: unknown, paths: string[][]): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant({}));
  return fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.constant(undefined), wrong)).map(([path, replacement]) => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    let target: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = path.at(-1) as string;
    if (replacement === undefined) Reflect.deleteProperty(target, last);
    else target[last] = replacement;
    return copy;
  });
}

/** The fuzz invariant: malformed input never reads as operational, and never throws. */
export function neverOperational(result: ParseResult): boolean {
  return !result.ok || result.health.level !== 'operational';
}
