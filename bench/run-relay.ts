import { measureRelay } from './relay.ts';

const load = await measureRelay();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`| measure | value |
|---|---:|
| providers in the digest | ${load.providers} |
| digest size | ${kb(load.digestBytes)} (${kb(load.digestGzipBytes)} gzipped) |
| requests to any one status host per round (one round a minute) | ${load.maxRequestsPerHostPerRound} |
| requests to all status pages per round | ${load.requestsPerRound} |
| relay's requests answered 304 after the first round | ${(load.notModifiedShare * 100).toFixed(0)} % |
| installs' digest requests served in the run | ${load.installRequests} (${load.installNotModified} answered 304), no status request added |
| one round in workerd (fixtures on loopback) | ${load.roundMs.toFixed(0)} ms |`);
