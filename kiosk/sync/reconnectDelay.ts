import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MIN_MS } from "../../protocol";

/**
 * Returns the wait before reconnection attempt `attempt` (0 for the
 * first), in milliseconds. It backs off exponentially from
 * RECONNECT_DELAY_MIN_MS up to RECONNECT_DELAY_MAX_MS, and a random part
 * of up to half is taken off, so tablets that lost the hub together do not
 * return together.
 */
export function reconnectDelay(
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    RECONNECT_DELAY_MAX_MS,
    RECONNECT_DELAY_MIN_MS * 2 ** Math.max(0, attempt),
  );
  const jittered = ceiling * (1 - random() / 2);
  return Math.round(Math.max(RECONNECT_DELAY_MIN_MS, jittered));
}
