import { randomUUID } from "node:crypto";
import type {
  AdminRole,
  AdminRoleCreateRequest,
  AdminRoleDeleteResponse,
  AdminRoleListResponse,
  AdminRolePatchRequest,
  Permission,
  RoleId,
  StoreId,
} from "../../../protocol";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { LogEntry, RoleRecord } from "../../storage/records";
import type { Storage } from "../../storage/Storage";
import type { AdminPrincipal } from "../adminPrincipal";
import { auditRejection } from "../users/auditRejection";
import { requireActorPermission } from "../users/userAssignment";

/**
 * Lists every role with how many users hold it. Any control panel user may
 * read roles, because creating and editing users needs them.
 */
export async function listAdminRoles(
  context: HubContext,
): Promise<AdminRoleListResponse> {
  const counts = await context.storage.users.countByRole();
  const roles = await context.storage.org.listRoles();
  return {
    roles: roles.map((role) => toAdminRole(role, counts.get(role.id) ?? 0)),
  };
}

/**
 * Creates a role, with `role.manage`: its level must be below the actor's
 * and the actor must hold every permission it grants.
 */
export async function createAdminRole(
  context: HubContext,
  principal: AdminPrincipal,
  request: AdminRoleCreateRequest,
): Promise<AdminRole> {
  const kind = "role.create";
  await auditRejection(context, principal, { kind }, async () => {
    requireActorPermission(principal, "role.manage");
    requireLevelBelowActor(principal, request.level, "body.level");
    requireHeldPermissions(principal, request.permissions, []);
    await requireFreeRoleName(context.storage, request.name, null);
  });

  const role: RoleRecord = {
    id: randomUUID() as RoleId,
    name: request.name,
    level: request.level,
    permissions: request.permissions,
    builtIn: false,
  };
  const now = context.now();
  const entry = await context.storage.transaction(async (tx) => {
    await requireFreeRoleName(tx, request.name, null);
    await tx.org.createRole(role, now);
    return audit(
      tx,
      {
        kind,
        outcome: "success",
        actorId: principal.actor.user.id,
        details: roleDetails(role),
      },
      now,
    );
  });
  context.changes.publish([entry]);
  context.logger.info(
    { actorId: principal.actor.user.id, roleId: role.id },
    "role created",
  );
  return toAdminRole(role, 0);
}

/**
 * Renames a role or changes its level or permissions, with `role.manage`.
 * The role's level, old and new, must be below the actor's, a permission
 * added must be one the actor holds, and a built-in role keeps its level.
 * An actor whose scope is not the whole organisation may only change a role
 * that nobody outside their scope holds. Tablets receive the new role of
 * every active holder.
 */
export async function updateAdminRole(
  context: HubContext,
  principal: AdminPrincipal,
  roleId: RoleId,
  request: AdminRolePatchRequest,
): Promise<AdminRole> {
  const kind = "role.update";
  const { storage } = context;
  const actorId = principal.actor.user.id;
  const current = await auditRejection(
    context,
    principal,
    { kind },
    async () => {
      requireActorPermission(principal, "role.manage");
      const current = await requireManageableRole(context, principal, roleId);
      if (request.level !== undefined && request.level !== current.level) {
        if (current.builtIn) {
          throw new HubError(
            "ROLE_BUILT_IN",
            { name: current.name },
            {
              fields: [
                {
                  path: "body.level",
                  message: "cannot change on a built-in role",
                },
              ],
            },
          );
        }
        requireLevelBelowActor(principal, request.level, "body.level");
      }
      if (request.permissions !== undefined) {
        requireHeldPermissions(
          principal,
          request.permissions,
          current.permissions,
        );
      }
      if (request.name !== undefined) {
        await requireFreeRoleName(storage, request.name, roleId);
      }
      return current;
    },
  );

  const now = context.now();
  const { role, holders, entries } = await storage.transaction(async (tx) => {
    if (request.name !== undefined) {
      await requireFreeRoleName(tx, request.name, roleId);
    }
    const role = await tx.org.updateRole(roleId, {
      ...(request.name !== undefined && { name: request.name }),
      ...(request.level !== undefined && { level: request.level }),
      ...(request.permissions !== undefined && {
        permissions: request.permissions,
      }),
    });
    if (!role) {
      throw new Error(`role ${roleId} vanished during an update`);
    }
    const holders = await tx.users.listByRole(roleId);
    const entries: LogEntry[] = [
      await audit(
        tx,
        {
          kind,
          outcome: "success",
          actorId,
          details: {
            ...roleDetails(role),
            previousName: current.name,
            previousLevel: current.level,
            previousPermissions: [...current.permissions],
          },
        },
        now,
      ),
    ];
    // Tablets cache each user's role with its permissions, and the raised
    // version makes them apply the update.
    // NOTE: this writes one change per active holder in one transaction, so
    // editing a role that thousands hold may keep the database busy for
    // seconds (an estimate, not measured).
    for (const holder of holders) {
      if (holder.status !== "active") {
        continue;
      }
      const touched = await tx.users.touch(holder.id, now);
      entries.push(...(await recordUserChange(tx, touched, now, { actorId })));
    }
    return { role, holders: holders.length, entries };
  });
  context.changes.publish(entries);
  context.logger.info({ actorId, roleId, holders }, "role updated");
  return toAdminRole(role, holders);
}

/**
 * Deletes a role, with `role.manage`: not a built-in role, only one below
 * the actor's level, and only when nobody holds it.
 */
export async function deleteAdminRole(
  context: HubContext,
  principal: AdminPrincipal,
  roleId: RoleId,
): Promise<AdminRoleDeleteResponse> {
  const kind = "role.delete";
  const { storage } = context;
  const actorId = principal.actor.user.id;
  const role = await auditRejection(context, principal, { kind }, async () => {
    requireActorPermission(principal, "role.manage");
    const role = await requireManageableRole(context, principal, roleId);
    if (role.builtIn) {
      throw new HubError(
        "ROLE_BUILT_IN",
        { name: role.name },
        { fields: [{ path: "params.roleId", message: "is a built-in role" }] },
      );
    }
    await requireUnused(storage, role);
    return role;
  });

  const now = context.now();
  const entry = await storage.transaction(async (tx) => {
    // Checked again inside the transaction, so no user gains it meanwhile.
    await requireUnused(tx, role);
    await tx.org.deleteRole(roleId);
    return audit(
      tx,
      { kind, outcome: "success", actorId, details: roleDetails(role) },
      now,
    );
  });
  context.changes.publish([entry]);
  context.logger.info({ actorId, roleId }, "role deleted");
  return { id: roleId };
}

function toAdminRole(role: RoleRecord, userCount: number): AdminRole {
  return {
    id: role.id,
    name: role.name,
    level: role.level,
    permissions: [...role.permissions],
    builtIn: role.builtIn,
    userCount,
  };
}

function roleDetails(role: RoleRecord): Record<string, unknown> {
  return {
    roleId: role.id,
    name: role.name,
    level: role.level,
    permissions: [...role.permissions],
  };
}

/**
 * Returns the role when the actor may change it: it exists, its level is
 * below the actor's, and for an actor whose scope is not the whole
 * organisation, nobody outside that scope holds it.
 */
async function requireManageableRole(
  context: HubContext,
  principal: AdminPrincipal,
  roleId: RoleId,
): Promise<RoleRecord> {
  const { actor } = principal;
  const role = await context.storage.org.getRole(roleId);
  if (!role) {
    throw new HubError(
      "ROLE_UNKNOWN",
      { roleId },
      {
        fields: [
          {
            path: "params.roleId",
            message: "is not a role of the organisation",
          },
        ],
      },
    );
  }
  requireLevelBelowActor(principal, role.level, "params.roleId");
  if (!actor.user.orgWide) {
    const holders =
      (await context.storage.users.countByRole()).get(roleId) ?? 0;
    const { total: inScope } = await context.storage.users.search({
      roleId,
      levelBelow: actor.role.level,
      scopeStoreIds: actor.storeIds as StoreId[],
      now: context.now(),
      offset: 0,
      limit: 1,
    });
    if (holders > inScope) {
      throw new HubError(
        "ROLE_HELD_OUT_OF_SCOPE",
        { count: holders - inScope, name: role.name },
        {
          fields: [
            {
              path: "params.roleId",
              message: "is held by users outside your scope",
            },
          ],
        },
      );
    }
  }
  return role;
}

function requireLevelBelowActor(
  principal: AdminPrincipal,
  level: number,
  path: string,
): void {
  const actorLevel = principal.actor.role.level;
  if (level >= actorLevel) {
    throw new HubError(
      "ROLE_LEVEL_NOT_BELOW",
      { roleLevel: level, actorLevel },
      { fields: [{ path, message: `must be below your level ${actorLevel}` }] },
    );
  }
}

/**
 * Throws PERMISSION_NOT_HELD at `body.permissions.N` for the first
 * permission of `permissions` that the role did not have before and the
 * actor lacks. Keeping a permission the role already had is allowed.
 */
function requireHeldPermissions(
  principal: AdminPrincipal,
  permissions: readonly Permission[],
  previous: readonly Permission[],
): void {
  const held = principal.actor.role.permissions;
  for (const [index, permission] of permissions.entries()) {
    if (!held.includes(permission) && !previous.includes(permission)) {
      throw new HubError(
        "PERMISSION_NOT_HELD",
        { permission },
        {
          fields: [
            {
              path: `body.permissions.${index}`,
              message: "is a permission your role lacks",
            },
          ],
        },
      );
    }
  }
}

/** Throws ROLE_NAME_TAKEN when another role has the name, ignoring case. */
async function requireFreeRoleName(
  storage: Storage,
  name: string,
  ownId: RoleId | null,
): Promise<void> {
  const existing = await storage.org.findRoleByName(name);
  if (existing && existing.id !== ownId) {
    throw new HubError(
      "ROLE_NAME_TAKEN",
      { name: existing.name },
      { fields: [{ path: "body.name", message: "is already a role's name" }] },
    );
  }
}

/** Throws ROLE_IN_USE, with the number of holders, when anyone holds the role. */
async function requireUnused(
  storage: Storage,
  role: RoleRecord,
): Promise<void> {
  const holders = (await storage.users.countByRole()).get(role.id) ?? 0;
  if (holders > 0) {
    throw new HubError(
      "ROLE_IN_USE",
      { count: holders, name: role.name },
      {
        details: { users: holders },
        fields: [
          { path: "params.roleId", message: `is held by ${holders} users` },
        ],
      },
    );
  }
}
