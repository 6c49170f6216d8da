import { CATALOG, CatalogIndex } from '../../catalog/index.ts';

/** The bundled catalog's lookups, built once for all the views of this page. */
export const INDEX = new CatalogIndex(CATALOG);
