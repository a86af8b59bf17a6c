import type { FeedEntry } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { ApiTokenRecord } from "../storage/apiTokenRepository";
import type { LogEntry } from "../storage/records";

/** Most log entries read per query while filling a batch. */
const READ_BATCH = 500;

/**
 * Checks that a consumer can resume after `after`: not older than what the
 * log still keeps (retention may have deleted entries in between) and not
 * past its head.
 */
export async function checkFeedCursor(
  context: HubContext,
  after: number,
): Promise<void> {
  const { log } = context.storage;
  const head = await log.latestSeq();
  const oldest = await log.oldestSeq();
  if (after > head) {
    throw new HubError(
      "INVALID_INPUT",
      {
        where: "query",
        summary: `after ${after} is past the newest entry ${head}`,
      },
      {
        fields: [
          {
            path: "query.after",
            message: `must be at most ${head}, the newest sequence number`,
          },
        ],
      },
    );
  }
  if (oldest > 0 && after < oldest - 1) {
    const settings = await context.storage.org.getSettings();
    throw new HubError(
      "CURSOR_EXPIRED",
      {
        afterSeq: after,
        retentionDays: settings.retentionDays,
        oldestSeq: oldest,
      },
      { details: { oldestSeq: oldest } },
    );
  }
}

/**
 * Reads the next entries after `after` that the token may see, in sequence
 * order, and the cursor to continue from (which may pass entries the token
 * may not see).
 */
export async function readFeedBatch(
  context: HubContext,
  token: Pick<ApiTokenRecord, "storeIds">,
  after: number,
  limit: number,
): Promise<{ entries: FeedEntry[]; cursor: number }> {
  const entries: FeedEntry[] = [];
  let cursor = after;
  for (;;) {
    const page = await context.storage.log.list({
      afterSeq: cursor,
      limit: READ_BATCH,
    });
    for (const entry of page) {
      cursor = entry.seq;
      if (isVisible(token, entry)) {
        entries.push(toFeedEntry(entry));
        if (entries.length >= limit) {
          return { entries, cursor };
        }
      }
    }
    if (page.length < READ_BATCH) {
      return { entries, cursor };
    }
  }
}

/** A store-scoped token sees entries of its stores; organisation-wide entries need a token for the whole organisation. */
function isVisible(
  token: Pick<ApiTokenRecord, "storeIds">,
  entry: LogEntry,
): boolean {
  if (token.storeIds === null) {
    return true;
  }
  return entry.storeIds.some((storeId) => token.storeIds?.includes(storeId));
}

function toFeedEntry(entry: LogEntry): FeedEntry {
  return {
    seq: entry.seq,
    at: entry.at,
    category: entry.category,
    kind: entry.kind,
    actorId: entry.actorId ?? null,
    targetId: entry.targetId ?? null,
    tabletId: entry.tabletId ?? null,
    storeIds: [...entry.storeIds],
    outcome: entry.outcome ?? null,
    reason: entry.reason ?? null,
    payload: { ...entry.payload },
  };
}
