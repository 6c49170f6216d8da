/**
 * Health levels and the one policy for comparing them. Different questions need different orders, so each
 * order is named after its question, and every comparison in Upstream uses one of these:
 *
 * - `reading`: what a status page says about itself, worst wins, where "could not tell" (`unknown`) counts as
 *   worst: a part of a page that could not be read must never hide behind an all clear (page and component levels,
 *   confirming a change for the worse, a day of uptime).
 * - `urgency`: what deserves a user's attention first among several dependencies (a product's level, the badge,
 *   the order of cards in the popup, a provider's level across the components a user's stack uses): known
 *   trouble outranks unknown, so a known outage is not hidden behind a dependency that could not be read;
 *   unknown outranks operational, so nothing unread ever shows green.
 * - `impact`: how much an incident hurts, for choosing which one a notification names: unknown says nothing
 *   about impact and ranks with operational.
 */

/** Every level a reading can have; `unknown` means the reading could not tell, and is never shown as operational. */
export const HEALTH_LEVELS = ['operational', 'maintenance', 'degraded', 'partial_outage', 'major_outage', 'unknown'] as const;
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

export type LevelOrder = 'reading' | 'urgency' | 'impact';

const RANKS: Record<LevelOrder, Record<HealthLevel, number>> = {
  reading: { operational: 0, maintenance: 1, degraded: 2, partial_outage: 3, major_outage: 4, unknown: 5 },
  urgency: { operational: 0, unknown: 1, maintenance: 2, degraded: 3, partial_outage: 4, major_outage: 5 },
  impact: { operational: 0, unknown: 0, maintenance: 1, degraded: 2, partial_outage: 3, major_outage: 4 },
};

/** A level's place in an order: higher is worse, more urgent, or more harmful. */
export function levelRank(order: LevelOrder, level: HealthLevel): number {
  return RANKS[order][level];
}

/** The highest of the given levels in an order; an empty list is `unknown`, because nothing was read. */
export function highestLevel(order: LevelOrder, levels: Iterable<HealthLevel>): HealthLevel {
  let highest: HealthLevel | null = null;
  for (const level of levels) {
    if (highest === null || RANKS[order][level] > RANKS[order][highest]) highest = level;
  }
  return highest ?? 'unknown';
}

/** The worst of what a page says (`reading` order). */
export const worstLevel = (levels: Iterable<HealthLevel>): HealthLevel => highestLevel('reading', levels);

/** What deserves attention first among dependencies (`urgency` order). */
export const mostUrgentLevel = (levels: Iterable<HealthLevel>): HealthLevel => highestLevel('urgency', levels);

/** Sorts the most urgent level first (`urgency` order); equal levels keep their order. */
export function moreUrgentFirst(a: HealthLevel, b: HealthLevel): number {
  return RANKS.urgency[b] - RANKS.urgency[a];
}

/** Degraded or an outage: what warns a user, offers alternatives and notifies (maintenance is planned, not trouble). */
export function isTrouble(level: HealthLevel | null): boolean {
  return level === 'degraded' || level === 'partial_outage' || level === 'major_outage';
}

/** Anything but a fresh all clear: shown first in the popup, with the healthy rest folded away. */
export function needsAttention(level: HealthLevel): boolean {
  return level !== 'operational';
}

export function isHealthLevel(value: unknown): value is HealthLevel {
  return typeof value === 'string' && (HEALTH_LEVELS as readonly string[]).includes(value);
}
