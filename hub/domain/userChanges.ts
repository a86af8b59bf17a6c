import type { StoreId, TabletChange } from "../../protocol";
import type { LogEntry, UserRecord } from "../storage/records";
import type { Storage } from "../storage/Storage";
import { effectiveStoreIds } from "./effectiveStoreIds";
import { loadKioskUser } from "./kioskUserView";

/**
 * Appends to the change log what tablets must learn about a user after a
 * change: an upsert for the stores the user belongs to while active, and a
 * removal for stores they left (or all of them, once deactivated). Returns
 * the new entries, to be published after the transaction commits.
 */
export async function recordUserChange(
  storage: Storage,
  user: UserRecord,
  now: number,
  options: {
    previousStoreIds?: readonly StoreId[];
    actorId?: UserRecord["id"] | null;
  } = {},
): Promise<LogEntry[]> {
  const storeIds = await effectiveStoreIds(storage, user);
  const entries: LogEntry[] = [];
  const left = (options.previousStoreIds ?? []).filter(
    (id) => !storeIds.includes(id),
  );
  const removedFrom =
    user.status === "active" ? left : [...new Set([...storeIds, ...left])];

  if (removedFrom.length > 0) {
    const change: TabletChange = { kind: "user.remove", userId: user.id };
    entries.push(
      await storage.log.append(
        {
          category: "change",
          kind: change.kind,
          actorId: options.actorId ?? null,
          targetId: user.id,
          storeIds: removedFrom,
          payload: change,
        },
        now,
      ),
    );
  }
  if (user.status === "active" && storeIds.length > 0) {
    const change: TabletChange = {
      kind: "user.upsert",
      user: await loadKioskUser(storage, user),
    };
    entries.push(
      await storage.log.append(
        {
          category: "change",
          kind: change.kind,
          actorId: options.actorId ?? null,
          targetId: user.id,
          storeIds,
          payload: change,
        },
        now,
      ),
    );
  }
  return entries;
}
