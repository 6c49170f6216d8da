/** The extension page's routes live in the URL hash, so every view can be linked, bookmarked and opened from a notification. */
export type Route =
  | { name: 'catalog'; query: URLSearchParams }
  | { name: 'product'; id: string }
  | { name: 'provider'; id: string }
  | { name: 'stack' };

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  if (parts[0] === 'product' && parts[1]) return { name: 'product', id: parts[1] };
  if (parts[0] === 'provider' && parts[1]) return { name: 'provider', id: parts[1] };
  if (parts[0] === 'stack') return { name: 'stack' };
  return { name: 'catalog', query: new URLSearchParams(search) };
}

export const productHref = (id: string) => `#/product/${encodeURIComponent(id)}`;
export const providerHref = (id: string) => `#/provider/${encodeURIComponent(id)}`;
