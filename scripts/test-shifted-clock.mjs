// Runs the unit suite with the clock 400 days ahead (libfaketime), so a test that only passes near the day it
// was written fails now rather than next month. The suite's own clock check confirms the shift took effect.
import { spawnSync } from 'node:child_process';

const SHIFT_DAYS = 400;

if (spawnSync('faketime', ['-f', '+0d', 'true']).error) {
  console.error('faketime was not found: install Debian\'s faketime package (apt-get install -y faketime); .ci/run does it.');
  process.exit(1);
}
console.log(`Unit tests with the clock moved ${SHIFT_DAYS} days ahead`);
const run = spawnSync('faketime', ['-f', `+${SHIFT_DAYS}d`, 'npx', 'vitest', 'run', '--project', 'unit'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    // Only the wall clock moves: timers and durations keep their real pace.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    UPSTREAM_REAL_NOW: String(Date.now()),
    UPSTREAM_CLOCK_SHIFT_DAYS: String(SHIFT_DAYS),
    // A second fixed sample for the fuzz properties.
    FUZZ_SEED: process.env.FUZZ_SEED ?? '400',
  },
});
process.exit(run.status ?? 1);
