import { measureEarlyWarning } from './early-warning.ts';

const cost = await measureEarlyWarning();
const us = (value: number) => `${value.toFixed(2)} µs`;
console.log(`| measure | worker time |
|---|---:|
| a request the filter let through that no pattern claims (the floor) | ${us(cost.floorUs)} |
| matching an AI request to its product | ${us(cost.matchUs)} (${(cost.matchUs / cost.floorUs).toFixed(1)}× the floor) |
| observing one AI request: start and end matched, counted, judged, state kept | ${us(cost.observeUs)} |
| a chat page's 20 AI requests, from a fresh state | ${cost.pageMs.toFixed(2)} ms |`);
