/**
 * Marks the moment a page's document first holds what the page is for, once, as a User Timing entry
 * (`upstream:<page>`); the frame that paints it follows. Every page marks at that same point, right after its
 * render, so the benchmark compares like with like. A mark costs nothing measurable and sends nothing anywhere.
 */
export function markShown(page: 'popup' | 'options' | 'app'): void {
  const name = `upstream:${page}`;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}
