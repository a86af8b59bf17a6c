/** A clock that moves only when a test advances it, in ms since the epoch. */
export interface ManualClock {
  /** The current time; pass it as the hub's `now`. */
  readonly now: () => number;
  advance(milliseconds: number): void;
}

/** 2030-01-07 09:00 UTC: a fixed start, so timestamps repeat between runs. */
const DEFAULT_START_MS = Date.UTC(2030, 0, 7, 9, 0, 0);

/** Creates a clock that starts at `startMs` and moves only when advanced. */
export function manualClock(startMs: number = DEFAULT_START_MS): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
  };
}
