import { HONEST_BUSY, HOSTILE, measureYear } from './history.ts';

const days = Number(process.env.HISTORY_DAYS ?? 365);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const peer = await measureYear(HONEST_BUSY, days);
const hostile = await measureYear(HOSTILE, days);
console.log(`${days} simulated days, one read every 5 minutes, pruned daily to 90 days.\n`);
console.log('| page | reads | status-event rows | incident records | stored (serialized) | provider-page reply | ms per read |\n|---|---:|---:|---:|---:|---:|---:|');
for (const row of [peer, hostile]) {
  console.log(`| ${row.scenario} | ${row.reads} | ${row.eventRows} | ${row.incidentRows} | ${kb(row.storedBytes)} | ${kb(row.replyBytes)} | ${row.msPerRead.toFixed(2)} |`);
}
console.log(`\nHostile / honest: stored ×${(hostile.storedBytes / peer.storedBytes).toFixed(1)}, reply ×${(hostile.replyBytes / peer.replyBytes).toFixed(1)}.`);
