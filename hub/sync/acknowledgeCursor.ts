import type { SyncAckRequest, SyncAckResponse } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { TabletRecord } from "../storage/tabletRepository";

/**
 * Records the sync of a tablet that reached `cursor` by applying live
 * changes, as a pull records it. Throws INVALID_INPUT when the cursor lies
 * past the log's head, because no tablet can have reached it.
 */
export async function acknowledgeCursor(
  context: HubContext,
  tablet: TabletRecord,
  request: SyncAckRequest,
): Promise<SyncAckResponse> {
  const { storage } = context;
  const head = await storage.log.latestSeq();
  if (request.cursor > head) {
    throw new HubError(
      "INVALID_INPUT",
      { where: "event", summary: "cursor is past the newest change" },
      {
        fields: [
          {
            path: "event.cursor",
            message: `is past the newest change ${head}; pull again`,
          },
        ],
      },
    );
  }
  const now = context.now();
  await storage.tablets.markSynced(tablet.id, now, request.cursor);
  return { syncedAt: now };
}
