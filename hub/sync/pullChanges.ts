import {
  ChangeMessage,
  type PullRequest,
  type PullResponse,
} from "../../protocol";
import type { HubContext } from "../services/hubContext";
import type { TabletRecord } from "../storage/tabletRepository";
import { buildSnapshot } from "./buildSnapshot";

/**
 * Answers a tablet's pull: the changes its store may see after its cursor,
 * in order, in one batch; or a snapshot when the cursor is 0, lies beyond
 * the log's head, or is older than what the log still keeps.
 */
export async function pullChanges(
  context: HubContext,
  tablet: TabletRecord,
  request: PullRequest,
): Promise<PullResponse> {
  const { storage } = context;
  const now = context.now();
  const head = await storage.log.latestSeq();
  const oldest = await storage.log.oldestSeq();

  // Entries between the cursor and the oldest kept one may have been
  // deleted by retention, so only a snapshot is safe.
  if (
    request.afterSeq === 0 ||
    request.afterSeq > head ||
    request.afterSeq < oldest - 1
  ) {
    const snapshot = await buildSnapshot(context, tablet);
    await storage.tablets.markSynced(tablet.id, now, snapshot.cursor);
    return { kind: "snapshot", snapshot };
  }

  const entries = await storage.log.listChangesForStore(
    tablet.storeId,
    request.afterSeq,
    request.limit,
  );
  const visible = entries.filter((entry) => entry.seq <= head);
  const changes: ChangeMessage[] = [];
  let previousSeq =
    visible[0] === undefined
      ? 0
      : await storage.log.previousChangeSeqForStore(
          tablet.storeId,
          visible[0].seq,
        );
  for (const entry of visible) {
    const message = ChangeMessage.safeParse({
      seq: entry.seq,
      previousSeq,
      change: entry.payload,
    });
    if (message.success) {
      changes.push(message.data);
    } else {
      context.logger.error(
        { seq: entry.seq, kind: entry.kind },
        "change entry does not match the tablet schema",
      );
    }
    previousSeq = entry.seq;
  }
  const hasMore = entries.length === request.limit;
  const cursor = hasMore ? (visible.at(-1)?.seq ?? request.afterSeq) : head;
  await storage.tablets.markSynced(tablet.id, now, cursor);
  return { kind: "changes", changes, cursor, hasMore };
}
