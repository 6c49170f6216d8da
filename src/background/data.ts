/**
 * The catalog data the worker uses: the copy bundled with this build, or the data pack accepted last. Its indexes
 * are built once per worker start (and again only when a pack is applied or rolled back) and are immutable, so
 * every event shares them.
 */
import { CATALOG, CatalogIndex } from '../catalog/index.ts';
import { DetectionIndex, pageMarkers, type PageMarkers } from '../detect/engine.ts';
import type { DataSourceConfig } from '../pack/config.ts';
import type { ChangelogEntry, DataPack } from '../pack/format.ts';
import { openPack, type PackRefusal } from '../pack/open.ts';
import type { DataProvenance } from '../protocol/views.ts';
import { acceptedKeys, buildId, DATA_SOURCE, extensionVersion } from './data-source.ts';
import { deleteStoredPack, readStoredPack, readUpdateState, writeStoredPack, writeUpdateState } from './data-store.ts';

/** What the pages are told about the data, and what the content script needs from it. */
export interface DataInfo {
  provenance: DataProvenance;
  /** The pack's page markers when they differ from those the content script was built with; else null. */
  markers: PageMarkers | null;
  /** The pack's release notes; empty for the bundled data. */
  changelog: ChangelogEntry[];
}

export interface ActiveData {
  readonly index: CatalogIndex;
  readonly detection: DetectionIndex;
  readonly info: DataInfo;
}

let bundledData: ActiveData | null = null;
let bundledMarkers: PageMarkers | null = null;

/** The data bundled with this build (its indexes built on first use). */
export function bundled(): ActiveData {
  bundledData ??= {
    index: new CatalogIndex(CATALOG),
    detection: new DetectionIndex(CATALOG.products),
    info: {
      provenance: { source: 'bundled', version: null, published: DATA_SOURCE.builtAt, extensionVersion: extensionVersion() },
      markers: null,
      changelog: [],
    },
  };
  return bundledData;
}

function sameMarkers(a: PageMarkers, b: PageMarkers): boolean {
  return (['dom', 'meta', 'urlHosts'] as const).every((key) => a[key].length === b[key].length && a[key].every((value, i) => b[key][i] === value));
}

/** The data of an accepted pack. */
export function fromPack(pack: DataPack): ActiveData {
  bundledMarkers ??= pageMarkers(CATALOG.products);
  return {
    index: new CatalogIndex(pack.catalog),
    detection: new DetectionIndex(pack.catalog.products),
    info: {
      provenance: { source: 'pack', version: pack.version, published: pack.published, extensionVersion: extensionVersion() },
      markers: sameMarkers(pack.markers, bundledMarkers) ? null : pack.markers,
      changelog: pack.changelog,
    },
  };
}

/** A pack this build stored itself: read back without checking again (its database is the extension's alone). */
function storedPack(json: string): DataPack | null {
  try {
    const pack = JSON.parse(json) as DataPack;
    return pack && typeof pack.version === 'number' && Array.isArray(pack.catalog?.products) && Array.isArray(pack.catalog?.providers) ? pack : null;
  } catch {
    return null;
  }
}

async function dropStoredPack(version: number, refusal: PackRefusal): Promise<void> {
  await deleteStoredPack();
  const state = await readUpdateState();
  await writeUpdateState({ ...state, last: { outcome: 'dropped', version, refusal } });
}

/**
 * The stored pack, if any and still acceptable. A pack accepted under another build is opened again under this
 * one's keys and rules (a retired key, a stricter validator, or bundled data newer than the pack all drop it,
 * and Options says why).
 */
export async function loadData(source: DataSourceConfig = DATA_SOURCE): Promise<ActiveData> {
  const stored = await readStoredPack();
  if (!stored) return bundled();
  const pack = stored.checkedBy === buildId() ? storedPack(stored.pack) : null;
  if (pack) return fromPack(pack);
  const opened = await openPack(new TextEncoder().encode(stored.envelope), {
    keys: await acceptedKeys(source),
    now: new Date(),
    newestApplied: null,
    bundledAt: source.builtAt,
  });
  if (!opened.ok) {
    await dropStoredPack(stored.version, opened.refusal);
    return bundled();
  }
  await writeStoredPack({ ...stored, pack: JSON.stringify(opened.pack), checkedBy: buildId() });
  return fromPack(opened.pack);
}

let current: Promise<ActiveData> | null = null;

/** The data in use, loaded once per worker start; storage that cannot be read leaves the bundled data in use. */
export function activeData(): Promise<ActiveData> {
  current ??= loadData().catch(() => bundled());
  return current;
}

/** Makes `data` the data in use for every event from now on (a pack applied, or the bundled data after a rollback). */
export function useData(data: ActiveData): void {
  current = Promise.resolve(data);
}

/** Forgets the loaded data, so the next event loads it again (tests). */
export function forgetLoadedData(): void {
  current = null;
}
