import { CATALOG, CatalogIndex } from '../../catalog/index.ts';
import type { CatalogReply, DataProvenance } from '../../protocol/views.ts';
import { bundledProvenance } from '../shared/data.ts';

/**
 * The catalog's lookups for every view of this page: the copy bundled with the page, or, while the worker uses a
 * data pack, the pack's catalog (`adoptCatalog`, before the first render), so the pages show what the badge and
 * the popup use.
 */
export let INDEX = new CatalogIndex(CATALOG);
/** Which data the page shows. */
export let PROVENANCE: DataProvenance = bundledProvenance();

/** Takes the worker's answer: its data pack's catalog if one is in use, and which data that is. */
export function adoptCatalog(reply: CatalogReply): void {
  if (reply.catalog) INDEX = new CatalogIndex(reply.catalog);
  PROVENANCE = reply.provenance;
}
