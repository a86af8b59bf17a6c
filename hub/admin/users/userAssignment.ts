import {
  isInsideScope,
  type RoleId,
  type StoreGroupId,
  type StoreId,
} from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { RoleRecord } from "../../storage/records";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Returns the role `roleId` when the actor may give it to a user: it exists,
 * its level is below the actor's, and the actor has every permission it
 * carries. Errors name the field at `path`.
 */
export async function requireAssignableRole(
  context: HubContext,
  principal: AdminPrincipal,
  roleId: RoleId,
  path: string,
): Promise<RoleRecord> {
  const { actor } = principal;
  const role = await context.storage.org.getRole(roleId);
  if (!role) {
    throw new HubError(
      "ROLE_UNKNOWN",
      { roleId },
      { fields: [{ path, message: "is not a role of the organisation" }] },
    );
  }
  if (role.level >= actor.role.level) {
    throw new HubError(
      "ROLE_LEVEL_NOT_BELOW",
      { roleLevel: role.level, actorLevel: actor.role.level },
      { fields: [{ path, message: "has a level at or above yours" }] },
    );
  }
  const missing = role.permissions.find(
    (permission) => !actor.role.permissions.includes(permission),
  );
  if (missing !== undefined) {
    throw new HubError(
      "PERMISSION_NOT_HELD",
      { permission: missing },
      {
        fields: [{ path, message: `grants ${missing}, which you lack` }],
      },
    );
  }
  return role;
}

/**
 * Checks stores and groups of stores the actor wants to assign: each exists
 * and lies inside the actor's scope, and for a group every one of its
 * stores does. Returns the stores the assignment gives, each once and
 * sorted. Errors name the item at `paths.stores.N` or `paths.groups.N`.
 */
export async function requireAssignableStores(
  context: HubContext,
  principal: AdminPrincipal,
  assignment: {
    storeIds: readonly StoreId[];
    groupIds: readonly StoreGroupId[];
  },
  paths: { stores: string; groups: string },
): Promise<StoreId[]> {
  const { org } = context.storage;
  const scope = {
    orgWide: principal.actor.user.orgWide,
    storeIds: principal.actor.storeIds,
  };
  const effective = new Set<StoreId>();

  for (const [index, storeId] of assignment.storeIds.entries()) {
    const path = `${paths.stores}.${index}`;
    const store = await org.getStore(storeId);
    if (!store) {
      throw new HubError(
        "STORE_UNKNOWN",
        { storeId },
        { fields: [{ path, message: "is not a store of the organisation" }] },
      );
    }
    if (!isInsideScope(scope, [storeId])) {
      throw new HubError(
        "STORE_OUT_OF_SCOPE",
        { name: store.name },
        { fields: [{ path, message: "lies outside your scope" }] },
      );
    }
    effective.add(storeId);
  }

  for (const [index, groupId] of assignment.groupIds.entries()) {
    const path = `${paths.groups}.${index}`;
    const group = await org.getGroup(groupId);
    if (!group) {
      throw new HubError(
        "GROUP_UNKNOWN",
        { groupId },
        {
          fields: [{ path, message: "is not a group of the organisation" }],
        },
      );
    }
    const outside = group.storeIds.find(
      (storeId) => !isInsideScope(scope, [storeId]),
    );
    if (outside !== undefined) {
      const store = await org.getStore(outside);
      throw new HubError(
        "STORE_OUT_OF_SCOPE",
        { name: store?.name ?? outside },
        {
          fields: [{ path, message: "contains a store outside your scope" }],
        },
      );
    }
    for (const storeId of group.storeIds) {
      effective.add(storeId);
    }
  }
  return [...effective].sort();
}

/**
 * Throws INVALID_INPUT at `path` when a user would belong to no store: only
 * a user whose scope is the whole organisation may have none, because
 * tablets list users by store and the scope rule needs a store.
 */
export function requireSomeStore(
  effectiveStoreIds: readonly StoreId[],
  orgWide: boolean,
  path: string,
): void {
  if (effectiveStoreIds.length > 0 || orgWide) {
    return;
  }
  const message =
    "must give the user at least one store, directly or through a group";
  throw new HubError(
    "INVALID_INPUT",
    { where: "body", summary: `${path} ${message}` },
    { fields: [{ path, message }] },
  );
}

/** Throws ORG_WIDE_REQUIRED at `path` unless the actor is organisation-wide. */
export function requireOrgWideActor(
  principal: AdminPrincipal,
  action: string,
  path: string,
): void {
  if (!principal.actor.user.orgWide) {
    throw new HubError(
      "ORG_WIDE_REQUIRED",
      { action },
      {
        fields: [
          { path, message: "can only be set by an organisation-wide user" },
        ],
      },
    );
  }
}

/** Throws PERMISSION_MISSING unless the actor's role carries `permission`. */
export function requireActorPermission(
  principal: AdminPrincipal,
  permission: RoleRecord["permissions"][number],
): void {
  if (!principal.actor.role.permissions.includes(permission)) {
    throw new HubError("PERMISSION_MISSING", { permission });
  }
}
