/** Parse time of status payloads, JSON.parse included, as the worker does it on each full read. */
import { readFileSync } from 'node:fs';
import { parseStatuspageSummary } from '../src/status/adapters/atlassian-statuspage.ts';
import { parseGoogleCloudIncidents } from '../src/status/adapters/google-cloud.ts';
import { googleIncidentsOfSize } from './status-payloads.ts';
import { summarize, type Timing } from './stats.ts';

const NOW = new Date('2026-11-24T12:00:00Z');

function time(run: () => void, runs: number): Timing {
  for (let i = 0; i < 5; i++) run(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function measureParsing(): { payload: string; bytes: number; timing: Timing }[] {
  const params = { productIds: ['Z0FZJAMvEB4j3NbCJs6B'] };
  const google600 = googleIncidentsOfSize(600 * 1024);
  const google5m = googleIncidentsOfSize(5 * 1024 * 1024);
  const claude = readFileSync('test/fixtures/status/statuspage-summary-allclear.claude.json', 'utf8');
  const check = (ok: boolean) => {
    if (!ok) throw new Error('benchmark payload did not parse');
  };
  return [
    {
      payload: 'Google Cloud incidents.json (grown from real entries)',
      bytes: google600.length,
      timing: time(() => check(parseGoogleCloudIncidents(JSON.parse(google600), 'https://status.cloud.google.com', NOW, params).ok), 50),
    },
    {
      payload: 'Google Cloud incidents.json, 5 MB (stress)',
      bytes: google5m.length,
      timing: time(() => check(parseGoogleCloudIncidents(JSON.parse(google5m), 'https://status.cloud.google.com', NOW, params).ok), 20),
    },
    {
      payload: 'Atlassian summary.json (status.claude.com, real)',
      bytes: claude.length,
      timing: time(() => check(parseStatuspageSummary(JSON.parse(claude), 'https://status.claude.com', NOW).ok), 500),
    },
  ];
}
