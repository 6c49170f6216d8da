import type { ProviderHealth } from '../model/health.ts';
import { levelRank, worstLevel, type HealthLevel } from '../model/levels.ts';

const rank = (level: HealthLevel) => levelRank('reading', level);

/**
 * Holds back a component's change for the worse until a second read confirms it, so one flapping read does
 * not alarm anyone; a major outage is shown at once, and improvements are shown at once.
 *
 * @param shown what the user currently sees (null before the first reading)
 * @param previousRead the last raw reading, confirmed or not
 * @param read the new raw reading
 */
export function confirmWorse(shown: ProviderHealth | null, previousRead: ProviderHealth | null, read: ProviderHealth): ProviderHealth {
  if (!shown) return read;
  const shownLevels = new Map(shown.components.map((component) => [component.id, component.level]));
  const previousLevels = new Map(previousRead?.components.map((component) => [component.id, component.level]) ?? []);
  let held = false;
  const components = read.components.map((component) => {
    const before = shownLevels.get(component.id);
    if (before === undefined || component.level === 'major_outage' || rank(component.level) <= rank(before)) return component;
    const previous = previousLevels.get(component.id);
    const confirmed = previous !== undefined && rank(previous) >= rank(component.level);
    if (confirmed) return component;
    held = true;
    return { ...component, level: before };
  });
  if (!held) return read;
  return { ...read, components, level: worstLevel(components.map((component) => component.level)) };
}
