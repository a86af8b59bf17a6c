import type { AdminTablet, StoreId } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import type { StoreRecord } from "../../storage/records";
import type { TabletRecord } from "../../storage/tabletRepository";
import { visibleStoreIds } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Lists the tablets of the actor's stores, or of one of them, with whether
 * each is connected now and how many changes of its store it has not yet
 * acknowledged.
 */
export async function listAdminTablets(
  context: HubContext,
  principal: AdminPrincipal,
  storeId: StoreId | undefined,
): Promise<AdminTablet[]> {
  const storeIds = await visibleStoreIds(context, principal, storeId);
  const tablets = await context.storage.tablets.list(storeIds);
  const stores = new Map(
    (await context.storage.org.listStores()).map((store) => [store.id, store]),
  );
  const result: AdminTablet[] = [];
  for (const tablet of tablets) {
    const store = stores.get(tablet.storeId);
    if (store) {
      result.push(await toAdminTablet(context, tablet, store));
    }
  }
  return result;
}

/** Builds the control panel's view of one tablet. */
export async function toAdminTablet(
  context: HubContext,
  tablet: TabletRecord,
  store: StoreRecord,
): Promise<AdminTablet> {
  const pendingChanges =
    tablet.status === "active"
      ? await context.storage.log.countChangesForStore(
          tablet.storeId,
          tablet.lastSyncSeq,
        )
      : 0;
  return {
    id: tablet.id,
    label: tablet.label,
    store: { ...store },
    status: tablet.status,
    online: context.tabletSignals.isOnline(tablet.id),
    enrolledAt: tablet.enrolledAt,
    lastSeenAt: tablet.lastSeenAt,
    lastSyncAt: tablet.lastSyncAt,
    lastSyncSeq: tablet.lastSyncSeq,
    pendingChanges,
    revokedAt: tablet.revokedAt,
  };
}
