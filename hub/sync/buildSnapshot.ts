import type { Snapshot } from "../../protocol";
import { listKioskUsersOfStore } from "../domain/kioskUserView";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { TabletRecord } from "../storage/tabletRepository";

/**
 * Builds a fresh start for a tablet: its store's active users, the settings
 * and the hub's sealing key, at a log position read before the data so that
 * changes committed meanwhile arrive again on the next pull (the tablet drops
 * older copies by version).
 */
export async function buildSnapshot(
  context: HubContext,
  tablet: TabletRecord,
): Promise<Snapshot> {
  const { storage } = context;
  const cursor = await storage.log.latestSeq();
  const store = await storage.org.getStore(tablet.storeId);
  if (!store) {
    throw new HubError("STORE_NOT_FOUND", { storeId: tablet.storeId });
  }
  return {
    store: { ...store },
    users: await listKioskUsersOfStore(storage, tablet.storeId),
    settings: await storage.org.getSettings(),
    sealingKey: context.sealingKey.publicJwk,
    cursor,
  };
}
