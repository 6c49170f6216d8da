// Runs in the page's own JavaScript world (manifest `world: "MAIN"`), where the page's globals are visible:
// an injected <script> tag would be blocked by many pages' CSP. It only answers the isolated content
// script's scan requests with which of the catalog's globals exist; it defines nothing on the page.
import pageMarkers from './page-markers.json';

const globals: string[] = pageMarkers.globals;

function defined(path: string): boolean {
  let value: unknown = globalThis;
  for (const key of path.split('.')) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined && value !== null;
}

document.addEventListener('upstream:scan', () => {
  const found: string[] = [];
  for (const name of globals) {
    try {
      if (defined(name)) found.push(name);
    } catch {
      // A getter on the page threw; treat the global as absent.
    }
  }
  document.dispatchEvent(new CustomEvent('upstream:globals', { detail: JSON.stringify(found) }));
});
