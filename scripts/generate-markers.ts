// Writes src/content/page-markers.json: the DOM markers, meta names and globals the content scripts look for,
// derived from the catalog so the content scripts stay small and never carry the catalog itself; and
// src/content/page-plan.json, the same markers in the form the content script looks them up in, so that no page
// pays for building it.
// `npm run build` runs it; test/unit/catalog.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { CATALOG } from '../src/catalog/index.ts';
import { pageMarkers } from '../src/detect/engine.ts';
import { planMarkers } from '../src/content/collect.ts';

const markers = pageMarkers(CATALOG.products);
writeFileSync('src/content/page-markers.json', `${JSON.stringify(markers, null, 2)}\n`);
writeFileSync('src/content/page-plan.json', `${JSON.stringify(planMarkers(markers), null, 2)}\n`);
console.log('wrote src/content/page-markers.json and src/content/page-plan.json');
