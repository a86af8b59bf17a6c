import { isInsideScope, type Permission, type StoreId } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { StoreRecord } from "../storage/records";
import type { AdminPrincipal } from "./adminPrincipal";

/** Throws PERMISSION_MISSING unless the actor's role has `permission`. */
export function requirePermission(
  principal: AdminPrincipal,
  permission: Permission,
): void {
  if (!principal.actor.role.permissions.includes(permission)) {
    throw new HubError("PERMISSION_MISSING", { permission });
  }
}

/**
 * Throws ORG_WIDE_REQUIRED unless the actor's scope is the whole
 * organisation; `action` completes "Only … can {action}".
 */
export function requireOrgWide(
  principal: AdminPrincipal,
  action: string,
): void {
  if (!principal.actor.user.orgWide) {
    throw new HubError("ORG_WIDE_REQUIRED", { action });
  }
}

/** Returns whether `storeId` lies inside the actor's scope. */
export function isStoreInScope(
  principal: AdminPrincipal,
  storeId: StoreId,
): boolean {
  const { actor } = principal;
  return isInsideScope(
    { orgWide: actor.user.orgWide, storeIds: actor.storeIds },
    [storeId],
  );
}

/**
 * Returns the store with `storeId` when it exists and lies inside the
 * actor's scope; throws STORE_UNKNOWN or STORE_OUT_OF_SCOPE otherwise.
 */
export async function requireStoreInScope(
  context: HubContext,
  principal: AdminPrincipal,
  storeId: StoreId,
): Promise<StoreRecord> {
  const store = await context.storage.org.getStore(storeId);
  if (!store) {
    throw new HubError("STORE_UNKNOWN", { storeId });
  }
  if (!isStoreInScope(principal, storeId)) {
    throw new HubError("STORE_OUT_OF_SCOPE", { name: store.name });
  }
  return store;
}

/**
 * Returns the stores whose data the actor may see: `storeId` alone when
 * given (checked as `requireStoreInScope` does), else every store in scope,
 * or null for an organisation-wide actor, meaning every store.
 */
export async function visibleStoreIds(
  context: HubContext,
  principal: AdminPrincipal,
  storeId: StoreId | undefined,
): Promise<StoreId[] | null> {
  if (storeId !== undefined) {
    await requireStoreInScope(context, principal, storeId);
    return [storeId];
  }
  if (principal.actor.user.orgWide) {
    return null;
  }
  return principal.actor.storeIds as StoreId[];
}
