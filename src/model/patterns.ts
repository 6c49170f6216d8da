/** Shapes of the identifiers and dates that cross Upstream's boundaries, checked the same way everywhere. */

/** Catalog ids (products, providers, components): kebab-case. */
export const CATALOG_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest catalog id a message may carry. */
export const MAX_CATALOG_ID_LENGTH = 80;
/** A DNS hostname, lowercased, at least one dot. */
export const HOSTNAME = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;
/** A calendar day, `YYYY-MM-DD`. */
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO 8601 time with a zone. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function isCatalogId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CATALOG_ID_LENGTH && CATALOG_ID.test(value);
}

/** A real calendar day (not 2026-02-30). */
export function isIsoDay(value: unknown): value is string {
  return typeof value === 'string' && ISO_DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}
