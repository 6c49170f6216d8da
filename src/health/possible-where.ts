import type { Translate } from '../model/i18n.ts';
import { joinNames } from '../model/text.ts';
import type { PossibleIncident } from './assess.ts';

/** "‘Grok Web App’", or the incident's title when it names no component: where a possible incident is. */
export function possibleWhere(possible: readonly PossibleIncident[], t: Translate): string {
  const names = [...new Set(possible.flatMap(({ componentNames }) => componentNames.map((name) => name.trim() || t('unnamedComponent'))))];
  if (names.length > 0) return joinNames(t, names.map((name) => t('quoted', name)));
  const titles = possible.map(({ incident }) => incident.title.trim() || t(incident.maintenance ? 'untitledMaintenance' : 'untitledIncident'));
  return joinNames(t, titles.map((title) => t('quoted', title)));
}
