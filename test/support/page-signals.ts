import { Window } from 'happy-dom';
import { collect, planMarkers, type Markers } from '../../src/content/collect.ts';
import type { PageSignals } from '../../src/detect/signals.ts';

/**
 * Runs the content script's collection on static HTML at a URL (happy-dom, scripts not executed), as the
 * content script would see the markup before any script runs.
 */
export async function staticSignals(html: string, url: string, markers: Markers): Promise<PageSignals> {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, disableComputedStyleRendering: true },
  });
  try {
    window.document.write(html);
    const report = collect(window.document as unknown as Document, planMarkers(markers));
    return { ...report, globals: [], requests: [] };
  } finally {
    await window.happyDOM.close();
  }
}
