import { CATALOG } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import { ADAPTERS } from '../health/registry.ts';
import { emptyRecord, type HealthRecord } from '../health/record.ts';
import { networkFetcher } from './fetcher.ts';
import { readHealthRecord, writeHealthRecord } from './health-store.ts';

/** Reads one provider's status page and stores the outcome; never throws. */
export async function pollProvider(provider: Provider, now = new Date()): Promise<HealthRecord> {
  const previous = (await readHealthRecord(provider.id)) ?? emptyRecord(provider.id);
  let next: HealthRecord;
  try {
    const adapter = ADAPTERS[provider.status.platform];
    if (!adapter) throw new Error(`no adapter for ${provider.status.platform}`);
    const result = await adapter.read(provider.status, networkFetcher, now);
    next = result.ok
      ? { providerId: provider.id, health: result.health, lastAttemptAt: now.toISOString(), lastError: null, consecutiveFailures: 0 }
      : failed(previous, now, result.error);
  } catch (error) {
    next = failed(previous, now, error instanceof Error ? error.message : 'unreadable');
  }
  await writeHealthRecord(next);
  return next;
}

function failed(previous: HealthRecord, now: Date, error: string): HealthRecord {
  return { ...previous, lastAttemptAt: now.toISOString(), lastError: error, consecutiveFailures: previous.consecutiveFailures + 1 };
}

let inFlight: Promise<void> | null = null;

/** Polls every provider in the catalog once; concurrent calls share one run. */
export function pollAll(): Promise<void> {
  inFlight ??= Promise.all(CATALOG.providers.map((provider) => pollProvider(provider)))
    .then(() => undefined)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}
