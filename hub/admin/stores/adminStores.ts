import { randomUUID } from "node:crypto";
import {
  isInsideScope,
  type AdminStore,
  type AdminStoreCreateRequest,
  type AdminStoreListResponse,
  type AdminStorePatchRequest,
  type StoreGroupId,
  type StoreId,
} from "../../../protocol";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { StoreRecord } from "../../storage/records";
import type { Storage } from "../../storage/Storage";
import type { AdminPrincipal } from "../adminPrincipal";
import { auditRejection } from "../users/auditRejection";
import { requireActorPermission } from "../users/userAssignment";

/**
 * Lists the stores inside the actor's scope, every store for an
 * organisation-wide actor. Any control panel user may read them, because
 * filtering and assigning users needs them.
 */
export async function listAdminStores(
  context: HubContext,
  principal: AdminPrincipal,
): Promise<AdminStoreListResponse> {
  const { org } = context.storage;
  const groupsOfStore = invert(await org.groupStores());
  const stores = (await org.listStores()).filter((store) =>
    isInsideScope(scopeOf(principal), [store.id]),
  );
  return {
    stores: stores.map((store) =>
      toAdminStore(store, groupsOfStore.get(store.id) ?? []),
    ),
  };
}

/**
 * Creates a store, with `store.manage`, for an organisation-wide actor only.
 * Its code must be unused, ignoring letter case.
 */
export async function createAdminStore(
  context: HubContext,
  principal: AdminPrincipal,
  request: AdminStoreCreateRequest,
): Promise<AdminStore> {
  const kind = "store.create";
  await auditRejection(context, principal, { kind }, async () => {
    requireActorPermission(principal, "store.manage");
    requireOrgWide(principal, "create a store");
    await requireFreeCode(context.storage, request.code);
  });

  const store: StoreRecord = {
    id: randomUUID() as StoreId,
    code: request.code,
    name: request.name,
    timeZone: request.timeZone,
  };
  const now = context.now();
  const entry = await context.storage.transaction(async (tx) => {
    await requireFreeCode(tx, request.code);
    await tx.org.createStore(store, now);
    return audit(
      tx,
      {
        kind,
        outcome: "success",
        actorId: principal.actor.user.id,
        storeIds: [store.id],
        details: { ...store },
      },
      now,
    );
  });
  context.changes.publish([entry]);
  context.logger.info(
    { actorId: principal.actor.user.id, storeId: store.id },
    "store created",
  );
  return toAdminStore(store, []);
}

/**
 * Renames a store or changes its time zone, with `store.manage`, for a
 * store inside the actor's scope.
 */
export async function updateAdminStore(
  context: HubContext,
  principal: AdminPrincipal,
  storeId: StoreId,
  request: AdminStorePatchRequest,
): Promise<AdminStore> {
  const kind = "store.update";
  const { storage } = context;
  const current = await auditRejection(
    context,
    principal,
    { kind, storeIds: [storeId] },
    async () => {
      requireActorPermission(principal, "store.manage");
      const store = await storage.org.getStore(storeId);
      if (!store) {
        throw new HubError(
          "STORE_UNKNOWN",
          { storeId },
          {
            fields: [
              {
                path: "params.storeId",
                message: "is not a store of the organisation",
              },
            ],
          },
        );
      }
      if (!isInsideScope(scopeOf(principal), [storeId])) {
        throw new HubError(
          "STORE_OUT_OF_SCOPE",
          { name: store.name },
          {
            fields: [
              { path: "params.storeId", message: "lies outside your scope" },
            ],
          },
        );
      }
      return store;
    },
  );

  const now = context.now();
  // NOTE: tablets read their store's name and time zone when they load the
  // roster, so a tablet already running shows the change after its next
  // reload or reconnect, not live.
  const { store, entry } = await storage.transaction(async (tx) => {
    const store = await tx.org.updateStore(storeId, {
      ...(request.name !== undefined && { name: request.name }),
      ...(request.timeZone !== undefined && { timeZone: request.timeZone }),
    });
    if (!store) {
      throw new Error(`store ${storeId} vanished during an update`);
    }
    const entry = await audit(
      tx,
      {
        kind,
        outcome: "success",
        actorId: principal.actor.user.id,
        storeIds: [storeId],
        details: {
          name: store.name,
          timeZone: store.timeZone,
          previousName: current.name,
          previousTimeZone: current.timeZone,
        },
      },
      now,
    );
    return { store, entry };
  });
  context.changes.publish([entry]);
  context.logger.info(
    { actorId: principal.actor.user.id, storeId },
    "store updated",
  );
  const groupsOfStore = invert(await storage.org.groupStores());
  return toAdminStore(store, groupsOfStore.get(storeId) ?? []);
}

/** Returns the actor's scope in the form `isInsideScope` takes. */
export function scopeOf(principal: AdminPrincipal): {
  orgWide: boolean;
  storeIds: readonly string[];
} {
  return {
    orgWide: principal.actor.user.orgWide,
    storeIds: principal.actor.storeIds,
  };
}

/** Throws ORG_WIDE_REQUIRED unless the actor's scope is the whole organisation. */
export function requireOrgWide(
  principal: AdminPrincipal,
  action: string,
): void {
  if (!principal.actor.user.orgWide) {
    throw new HubError("ORG_WIDE_REQUIRED", { action });
  }
}

function toAdminStore(
  store: StoreRecord,
  groupIds: readonly StoreGroupId[],
): AdminStore {
  return {
    id: store.id,
    code: store.code,
    name: store.name,
    timeZone: store.timeZone,
    groupIds: [...groupIds].sort(),
  };
}

/** Turns stores by group into groups by store. */
function invert(
  groupStores: ReadonlyMap<StoreGroupId, readonly StoreId[]>,
): Map<StoreId, StoreGroupId[]> {
  const groupsOfStore = new Map<StoreId, StoreGroupId[]>();
  for (const [groupId, storeIds] of groupStores) {
    for (const storeId of storeIds) {
      const list = groupsOfStore.get(storeId) ?? [];
      list.push(groupId);
      groupsOfStore.set(storeId, list);
    }
  }
  return groupsOfStore;
}

/** Throws STORE_CODE_TAKEN when a store has the code, ignoring case. */
async function requireFreeCode(storage: Storage, code: string): Promise<void> {
  if (await storage.org.findStoreByCode(code)) {
    throw new HubError(
      "STORE_CODE_TAKEN",
      { code },
      { fields: [{ path: "body.code", message: "is already a store's code" }] },
    );
  }
}
