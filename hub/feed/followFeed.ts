import type { FeedEntry, StoreId } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import type { ApiTokenRecord } from "../storage/apiTokenRepository";
import { readFeedBatch } from "./readFeed";
import { HubError } from "../services/hubError";

/** How often a follower checks the log when nothing woke it. */
const POLL_MS = 1000;
const BATCH = 200;

/**
 * A reader of the log, as far as the follower needs: the stores whose
 * entries it may see now. `currentScope` runs before every read, so a
 * change of scope applies at once; it throws when access has ended.
 */
export interface LogViewer {
  /** Returns the visible stores, or null for the whole organisation. */
  currentScope(): Promise<readonly StoreId[] | null>;
}

/**
 * Delivers every entry the token may see after `after`, in order, to
 * `deliver`, and keeps following the log until stopped. It reads from the
 * log itself, woken by the hub's change feed or a timer, so no entry is
 * skipped even when live publication drops one. `deliver` may return a
 * promise to slow the follower down (back-pressure from a slow consumer).
 *
 * NOTE: on SQLite entries commit in sequence order. On a database where they
 * may commit out of order, a follower could pass an entry that commits late.
 */
export function followFeed(
  context: HubContext,
  token: ApiTokenRecord,
  after: number,
  deliver: (entry: FeedEntry) => void | Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  const viewer: LogViewer = {
    async currentScope() {
      // A token revoked or expired meanwhile ends the stream.
      const current = await context.storage.apiTokens.get(token.id);
      if (
        !current ||
        current.revokedAt !== null ||
        current.expiresAt <= context.now()
      ) {
        throw new HubError("API_TOKEN_INVALID");
      }
      return token.storeIds;
    },
  };
  return followLog(context, viewer, after, deliver, onError);
}

/**
 * Follows the log like `followFeed` for any viewer: delivers every entry
 * after `after` that the viewer may see, until stopped or until the
 * viewer's access ends, which `onError` receives.
 */
export function followLog(
  context: HubContext,
  viewer: LogViewer,
  after: number,
  deliver: (entry: FeedEntry) => void | Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let cursor = after;
  let stopped = false;
  let reading = false;
  let again = false;

  const drain = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const storeIds = await viewer.currentScope();
        for (;;) {
          const batch = await readFeedBatch(
            context,
            { storeIds },
            cursor,
            BATCH,
          );
          for (const entry of batch.entries) {
            if (stopped) {
              return;
            }
            await deliver(entry);
          }
          cursor = batch.cursor;
          if (batch.entries.length < BATCH) {
            break;
          }
        }
      } while (again && !stopped);
    } catch (error) {
      onError(error);
    } finally {
      reading = false;
    }
  };

  const unsubscribe = context.changes.subscribe(() => void drain());
  const timer = setInterval(() => void drain(), POLL_MS);
  timer.unref();
  void drain();
  return () => {
    stopped = true;
    unsubscribe();
    clearInterval(timer);
  };
}
