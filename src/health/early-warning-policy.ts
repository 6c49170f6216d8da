/** The early warning's thresholds and bounds, apart from its logic so the pages that word them load no more. */
export const EARLY_WARNING = {
  windowMs: 5 * 60_000,
  timeoutMs: 60_000,
  minFailures: 3,
  failuresPerSuccess: 2,
  minSpanMs: 15_000,
  /** Other hosts' failures count from this long before a product's failures began (a connection drops for all). */
  evidenceLeadMs: 60_000,
  /** After the failures stop, how long a status page has to admit them for the lead time to be recorded. */
  admitWithinMs: 60 * 60_000,
  outcomesPerProduct: 20,
  pendingPerProduct: 20,
  products: 30,
  episodes: 20,
  providersPerEpisode: 10,
  requestIdLength: 40,
} as const;
