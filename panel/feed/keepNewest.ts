/** How many entries the live feed keeps on screen; older ones drop off. */
export const FEED_LIMIT = 300;

/**
 * Returns `entries` with `incoming` on top, newest first, cut to `limit`.
 * `incoming` arrives oldest first, as the hub sends it.
 */
export function keepNewest<Entry>(
  entries: readonly Entry[],
  incoming: readonly Entry[],
  limit: number = FEED_LIMIT,
): Entry[] {
  const newestFirst = [...incoming].reverse();
  return [...newestFirst, ...entries].slice(0, limit);
}
