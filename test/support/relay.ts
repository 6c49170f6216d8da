/** The relay Worker bundled as Cloudflare would run it, started in workerd through Miniflare. */
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

export async function bundleRelay(): Promise<string> {
  const result = await build({ entryPoints: ['relay/worker.ts'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

/**
 * A local relay whose outgoing requests (the status pages) are answered by `statusPage`, like the end-to-end
 * world answers the extension's.
 */
export async function startRelay(statusPage: (request: Request) => Promise<Response> | Response): Promise<Miniflare> {
  const script = await bundleRelay();
  // The runtime is its own program: it keeps the machine's clock even when the suite runs with a shifted one
  // (libfaketime is preloaded into child processes through the environment, and workerd does not start under it).
  const preload = process.env.LD_PRELOAD;
  delete process.env.LD_PRELOAD;
  try {
    const relay = new Miniflare({ modules: true, script, r2Buckets: ['STATE'], compatibilityDate: '2025-07-01', outboundService: statusPage });
    await relay.ready;
    return relay;
  } finally {
    if (preload !== undefined) process.env.LD_PRELOAD = preload;
  }
}
