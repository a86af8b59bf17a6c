/** Most changes the hub returns for one pull. */
export const PULL_BATCH_MAX = 500;

/** Most mutations a tablet may send in one push. */
export const PUSH_BATCH_MAX = 100;

/**
 * Most mutations a tablet keeps queued. Past it the tablet refuses new
 * offline actions until it syncs, so a long outage cannot build an unbounded
 * backlog for the hub.
 */
export const OUTBOX_MAX = 1000;

/** Most verifiers the hub returns for one request. */
export const VERIFIER_BATCH_MAX = 200;

/** Shortest and longest wait before a tablet reconnects, in milliseconds. */
export const RECONNECT_DELAY_MIN_MS = 1000;
export const RECONNECT_DELAY_MAX_MS = 30_000;
