import type { PossibleIncident } from './assess.ts';

/** "'Grok Web App'", or the incident's title when it names no component: where a possible incident is. */
export function possibleWhere(possible: readonly PossibleIncident[]): string {
  const names = [...new Set(possible.flatMap(({ componentNames }) => componentNames))];
  if (names.length > 0) return names.map((name) => `‘${name}’`).join(', ');
  return possible.map(({ incident }) => `‘${incident.title}’`).join(', ');
}
