import type { ChangeMessage } from "../../protocol";

/** The tablet's reaction to a change the hub pushed live. */
export type LiveChangeAction = "ignore" | "apply" | "pull";

/**
 * Decides what to do with a live change, given the tablet's cursor. A
 * change at or below the cursor is already in the cache. One whose previous
 * change (for this store) is at or below the cursor follows without a gap
 * and applies. Otherwise the tablet missed a change and pulls. The cursor
 * may lie between `previousSeq` and `seq`, because a pull moves it to the
 * log's head, past changes of other stores.
 */
export function decideLiveChange(
  cursor: number,
  message: ChangeMessage,
): LiveChangeAction {
  if (message.seq <= cursor) {
    return "ignore";
  }
  if (message.previousSeq <= cursor) {
    return "apply";
  }
  return "pull";
}
