/** Wait before the second attempt; each further wait doubles. */
export const FIRST_RETRY_DELAY_MS = 30_000;

/** Maximum wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** Share of a wait that jitter may take off, so that retries spread out. */
const JITTER_SHARE = 0.2;

/**
 * Returns how long to wait after failed attempt number `attempt` (1 for
 * the first): 30 s, 1 min, 2 min and so on up to 15 min, each shortened by
 * up to 20 % at random. Jitter only shortens, so no wait exceeds the cap.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const delay = Math.min(
    MAX_RETRY_DELAY_MS,
    FIRST_RETRY_DELAY_MS * 2 ** Math.min(exponent, 30),
  );
  return Math.round(delay * (1 - JITTER_SHARE * random()));
}
