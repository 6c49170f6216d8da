/** Shapes of the identifiers and dates that cross Upstream's boundaries, checked the same way everywhere. */

/** Catalog ids (products, providers, components): kebab-case. */
export const CATALOG_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest catalog id a message may carry. */
export const MAX_CATALOG_ID_LENGTH = 80;
/** Lowercased DNS labels: every hostname shape below is built from this one, so they cannot drift apart. */
const LABEL = '[a-z0-9-]+';
const HOST = (minDots: '*' | '+') => `${LABEL}(?:\\.${LABEL})${minDots}`;
/** A DNS hostname, lowercased, at least one dot. */
export const HOSTNAME = new RegExp(`^(?=.{1,253}$)${HOST('+')}$`);
/** A page's hostname: as HOSTNAME, and a single label (an intranet host) too. */
export const PAGE_HOSTNAME = new RegExp(`^(?=.{1,253}$)${HOST('*')}$`);
/** A catalog host pattern: a hostname, or `*.` and a hostname for every subdomain. */
export const HOST_PATTERN = new RegExp(`^(?=.{1,255}$)(?:\\*\\.)?${HOST('+')}$`);
/** A catalog URL pattern: a host pattern and an optional plain path (no query, fragment or wildcard). */
export const URL_PATTERN = new RegExp(`^(?:\\*\\.)?${HOST('+')}(?:\\/[^\\s?#*]*)?$`);
/** A calendar day, `YYYY-MM-DD`. */
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The UTC calendar day (`YYYY-MM-DD`) of a time: the key of daily budgets, charts and file names; '' when unreadable. */
export function utcDay(at: Date | number | string): string {
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? '' : time.toISOString().slice(0, 10);
}
/** An ISO 8601 time with a zone. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function isCatalogId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CATALOG_ID_LENGTH && CATALOG_ID.test(value);
}

/** A real calendar day (not 2026-02-30). */
export function isIsoDay(value: unknown): value is string {
  return typeof value === 'string' && ISO_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}
