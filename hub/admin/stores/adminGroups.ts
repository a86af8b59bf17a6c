import { randomUUID } from "node:crypto";
import {
  isInsideScope,
  type AdminGroup,
  type AdminGroupCreateRequest,
  type AdminGroupListResponse,
  type AdminGroupPatchRequest,
  type StoreGroupId,
  type StoreId,
} from "../../../protocol";
import { effectiveStoreIds } from "../../domain/effectiveStoreIds";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { StoreGroupRecord } from "../../storage/orgRepository";
import type { LogEntry } from "../../storage/records";
import type { Storage } from "../../storage/Storage";
import type { AdminPrincipal } from "../adminPrincipal";
import { auditRejection } from "../users/auditRejection";
import { requireActorPermission } from "../users/userAssignment";
import { requireOrgWide, scopeOf } from "./adminStores";

/**
 * Lists the groups of stores whose every store lies inside the actor's
 * scope, every group for an organisation-wide actor. Any control panel user
 * may read them, because assigning users needs them.
 */
export async function listAdminGroups(
  context: HubContext,
  principal: AdminPrincipal,
): Promise<AdminGroupListResponse> {
  const scope = scopeOf(principal);
  const groups = await context.storage.org.listGroups();
  return {
    groups: groups
      .filter((group) => isInsideScope(scope, group.storeIds))
      .map(toAdminGroup),
  };
}

/**
 * Creates a group of stores, with `store.manage`, for an organisation-wide
 * actor only. Its name must be unused, ignoring letter case.
 */
export async function createAdminGroup(
  context: HubContext,
  principal: AdminPrincipal,
  request: AdminGroupCreateRequest,
): Promise<AdminGroup> {
  const kind = "group.create";
  await auditRejection(context, principal, { kind }, async () => {
    requireActorPermission(principal, "store.manage");
    requireOrgWide(principal, "create a group of stores");
    await requireKnownStores(context.storage, request.storeIds);
    await requireFreeName(context.storage, request.name, null);
  });

  const group: StoreGroupRecord = {
    id: randomUUID() as StoreGroupId,
    name: request.name,
    storeIds: [...request.storeIds].sort(),
  };
  const now = context.now();
  const entry = await context.storage.transaction(async (tx) => {
    await requireFreeName(tx, request.name, null);
    await tx.org.createGroup(group, now);
    return audit(
      tx,
      {
        kind,
        outcome: "success",
        actorId: principal.actor.user.id,
        storeIds: [...group.storeIds],
        details: {
          groupId: group.id,
          name: group.name,
          storeIds: [...group.storeIds],
        },
      },
      now,
    );
  });
  context.changes.publish([entry]);
  context.logger.info(
    { actorId: principal.actor.user.id, groupId: group.id },
    "group of stores created",
  );
  return toAdminGroup(group);
}

/**
 * Renames a group of stores or replaces its stores, with `store.manage`.
 * Every store of the group must lie inside the actor's scope. Replacing the
 * stores widens or narrows the scope of every member, whatever their level,
 * so only an organisation-wide actor may do it. Tablets of the stores that
 * members join or leave learn of the change.
 */
export async function updateAdminGroup(
  context: HubContext,
  principal: AdminPrincipal,
  groupId: StoreGroupId,
  request: AdminGroupPatchRequest,
): Promise<AdminGroup> {
  const kind = "group.update";
  const { storage } = context;
  const actorId = principal.actor.user.id;
  const current = await auditRejection(
    context,
    principal,
    { kind },
    async () => {
      requireActorPermission(principal, "store.manage");
      const group = await storage.org.getGroup(groupId);
      if (!group) {
        throw new HubError(
          "GROUP_UNKNOWN",
          { groupId },
          {
            fields: [
              {
                path: "params.groupId",
                message: "is not a group of the organisation",
              },
            ],
          },
        );
      }
      const scope = scopeOf(principal);
      if (!scope.orgWide && !isInsideScope(scope, group.storeIds)) {
        throw new HubError(
          "STORE_OUT_OF_SCOPE",
          { name: group.name },
          {
            fields: [
              {
                path: "params.groupId",
                message: "contains a store outside your scope",
              },
            ],
          },
        );
      }
      if (request.storeIds !== undefined) {
        requireOrgWide(principal, "change the stores of a group");
        await requireKnownStores(storage, request.storeIds);
      }
      if (request.name !== undefined) {
        await requireFreeName(storage, request.name, groupId);
      }
      return group;
    },
  );

  const now = context.now();
  const { group, entries, members } = await storage.transaction(async (tx) => {
    if (request.name !== undefined) {
      await requireFreeName(tx, request.name, groupId);
    }
    const members = await tx.users.listOfGroup(groupId);
    const before = new Map<string, StoreId[]>();
    for (const member of members) {
      before.set(member.id, await effectiveStoreIds(tx, member));
    }
    const group = await tx.org.updateGroup(groupId, {
      name: request.name,
      storeIds: request.storeIds,
    });
    if (!group) {
      throw new Error(`group ${groupId} vanished during an update`);
    }
    const entries: LogEntry[] = [
      await audit(
        tx,
        {
          kind,
          outcome: "success",
          actorId,
          storeIds: [...new Set([...current.storeIds, ...group.storeIds])],
          details: {
            groupId,
            name: group.name,
            storeIds: [...group.storeIds],
            previousName: current.name,
            previousStoreIds: [...current.storeIds],
          },
        },
        now,
      ),
    ];
    // Members whose stores changed: tablets must add or drop them.
    if (request.storeIds !== undefined) {
      for (const member of members) {
        if (member.status !== "active") {
          continue;
        }
        const touched = await tx.users.touch(member.id, now);
        entries.push(
          ...(await recordUserChange(tx, touched, now, {
            previousStoreIds: before.get(member.id) ?? [],
            actorId,
          })),
        );
      }
    }
    return { group, entries, members: members.length };
  });
  context.changes.publish(entries);
  context.logger.info({ actorId, groupId, members }, "group of stores updated");
  return toAdminGroup(group);
}

function toAdminGroup(group: StoreGroupRecord): AdminGroup {
  return { id: group.id, name: group.name, storeIds: [...group.storeIds] };
}

/** Throws STORE_UNKNOWN at `body.storeIds.N` for the first unknown store. */
async function requireKnownStores(
  storage: Storage,
  storeIds: readonly StoreId[],
): Promise<void> {
  for (const [index, storeId] of storeIds.entries()) {
    if (!(await storage.org.getStore(storeId))) {
      throw new HubError(
        "STORE_UNKNOWN",
        { storeId },
        {
          fields: [
            {
              path: `body.storeIds.${index}`,
              message: "is not a store of the organisation",
            },
          ],
        },
      );
    }
  }
}

/** Throws GROUP_NAME_TAKEN when another group has the name, ignoring case. */
async function requireFreeName(
  storage: Storage,
  name: string,
  ownId: StoreGroupId | null,
): Promise<void> {
  const existing = await storage.org.findGroupByName(name);
  if (existing && existing.id !== ownId) {
    throw new HubError(
      "GROUP_NAME_TAKEN",
      { name: existing.name },
      {
        fields: [{ path: "body.name", message: "is already a group's name" }],
      },
    );
  }
}
