import { FetchError, type Fetcher } from '../../src/status/adapter.ts';
import { parseJson } from '../../src/model/json.ts';

/** A Fetcher that answers from a url → body map (or function); a missing url rejects like a 404. */
export function fakeFetcher(bodies: Record<string, unknown> | ((url: string) => unknown)): Fetcher & { requested: string[] } {
  const requested: string[] = [];
  const text = async (url: string): Promise<string> => {
    requested.push(url);
    const body = typeof bodies === 'function' ? bodies(url) : url in bodies ? bodies[url] : undefined;
    if (body === undefined) throw new FetchError({ kind: 'http', status: 404 });
    return typeof body === 'string' ? body : JSON.stringify(body);
  };
  return {
    requested,
    text,
    async json(url) {
      const parsed = parseJson(await text(url));
      if (!parsed.ok) throw new FetchError({ kind: 'format' });
      return parsed.value;
    },
  };
}
