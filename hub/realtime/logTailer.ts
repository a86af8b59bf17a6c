import type { HubContext } from "../services/hubContext";

/** How often the hub looks for log entries written by other processes. */
export const LOG_TAIL_INTERVAL_MS = 500;

/** Most entries published per look. */
const TAIL_BATCH = 500;

/**
 * Publishes log entries that this process did not write itself, such as a
 * roster import or an administrator reset from the command line, so that
 * tablets learn of them within a second. Returns a function that stops it.
 */
export function startLogTailer(context: HubContext): () => void {
  let running = false;
  const tick = async () => {
    if (running) {
      return;
    }
    running = true;
    try {
      for (;;) {
        const entries = await context.storage.log.list({
          afterSeq: context.changes.highestPublished,
          limit: TAIL_BATCH,
        });
        context.changes.publish(entries);
        if (entries.length < TAIL_BATCH) {
          break;
        }
      }
    } catch (error) {
      context.logger.error(
        { err: error },
        "reading the log for live push failed",
      );
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), LOG_TAIL_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
