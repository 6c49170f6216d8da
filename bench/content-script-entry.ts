// The content script's collection step with the shipped markers, exposed for the benchmark page.
import { collect, planMarkers } from '../src/content/collect.ts';
import markers from '../src/content/page-markers.json';

const plan = planMarkers(markers);
export function run(): void {
  collect(document, plan);
}
