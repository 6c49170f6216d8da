/** Rewrites the numbers section of docs/CATALOG.md from the catalog (see catalog-summary-core.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { CATALOG } from '../src/catalog/index.ts';
import { catalogSummary, withSummary } from './catalog-summary-core.ts';

const path = 'docs/CATALOG.md';
writeFileSync(path, withSummary(readFileSync(path, 'utf8'), catalogSummary(CATALOG)));
console.log(`updated ${path}`);
