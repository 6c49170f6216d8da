/**
 * Marks the moment a page first showed what it is for, once, as a User Timing entry (`upstream:<page>`): the
 * benchmark reads it as time from navigation start. A mark costs nothing measurable and sends nothing anywhere.
 */
export function markShown(page: 'popup' | 'options' | 'app'): void {
  const name = `upstream:${page}`;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}
