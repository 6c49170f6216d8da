// Writes src/content/page-markers.json: the DOM markers, meta names and globals the content scripts look for,
// derived from the catalog so the content scripts stay small and never carry the catalog itself.
// `npm run build` runs it; test/unit/catalog.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { CATALOG } from '../src/catalog/index.ts';
import { pageMarkers } from '../src/detect/engine.ts';

writeFileSync('src/content/page-markers.json', `${JSON.stringify(pageMarkers(CATALOG.products), null, 2)}\n`);
console.log('wrote src/content/page-markers.json');
