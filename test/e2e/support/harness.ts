import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, setSecondsPerMinute, type ExtensionBrowser } from './browser.ts';
import { ALL_HOSTS, startHttpsWorld, type HttpsWorld } from './https-world.ts';

export interface Harness {
  server: HttpsWorld;
  browser: ExtensionBrowser;
}

/**
 * Registers the suite's setup: the local HTTPS world, Chromium with Upstream, and the schedule running with
 * minutes as two seconds. The returned object is filled in before the first test runs.
 */
export function useExtensionWorld(options: { extraHosts?: string[]; prepare?: (server: HttpsWorld) => void; extraArgs?: readonly string[] } = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.server = await startHttpsWorld();
    options.prepare?.(harness.server);
    harness.browser = await launchWithExtension([...ALL_HOSTS, ...(options.extraHosts ?? [])], harness.server.port, undefined, options.extraArgs);
    await setSecondsPerMinute(harness.browser.context, 2);
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.server?.close();
  });
  return harness;
}
