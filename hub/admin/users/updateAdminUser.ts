import type {
  AdminUserDetail,
  AdminUserPatchRequest,
  StoreId,
  UserId,
} from "../../../protocol";
import { effectiveStoreIds } from "../../domain/effectiveStoreIds";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { UserPatch } from "../../storage/records";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";
import { auditRejection } from "./auditRejection";
import { authorizeUserTarget } from "./authorizeUserTarget";
import { loadAdminUserDetail } from "./adminUserView";
import {
  requireAssignableRole,
  requireAssignableStores,
  requireOrgWideActor,
  requireSomeStore,
} from "./userAssignment";

const KIND = "user.update";

/**
 * Edits a user's names, contact, role, stores, groups or organisation-wide
 * scope, under the scope rule with `user.manage`. A new role must lie below
 * the actor's level, carry only permissions the actor holds, and needs the
 * actor's password as fresh proof. Stores and groups must lie inside the
 * actor's scope, and only an organisation-wide actor changes `orgWide`.
 * Tablets of the stores the user joins, keeps or leaves learn of the change.
 */
export async function updateAdminUser(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
  request: AdminUserPatchRequest,
): Promise<AdminUserDetail> {
  const { storage } = context;
  const actorId = principal.actor.user.id;
  const target = await authorizeUserTarget(
    context,
    principal,
    userId,
    "user.manage",
    KIND,
  );
  const current = target.user;
  const roleChanges =
    request.roleId !== undefined && request.roleId !== current.roleId;

  await auditRejection(
    context,
    principal,
    { kind: KIND, targetId: userId, storeIds: target.storeIds as StoreId[] },
    async () => {
      if (
        request.orgWide !== undefined &&
        request.orgWide !== current.orgWide
      ) {
        requireOrgWideActor(
          principal,
          "change whether a user's scope is the whole organisation",
          "body.orgWide",
        );
      }
      if (roleChanges && request.roleId !== undefined) {
        await requireAssignableRole(
          context,
          principal,
          request.roleId,
          "body.roleId",
        );
      }
      if (request.storeIds !== undefined || request.groupIds !== undefined) {
        const storeIds = await requireAssignableStores(
          context,
          principal,
          {
            storeIds: request.storeIds ?? current.storeIds,
            groupIds: request.groupIds ?? current.groupIds,
          },
          { stores: "body.storeIds", groups: "body.groupIds" },
        );
        requireSomeStore(
          storeIds,
          request.orgWide ?? current.orgWide,
          request.storeIds !== undefined ? "body.storeIds" : "body.groupIds",
        );
      }
    },
  );

  // A role change alters what the user may do, so it needs fresh proof.
  if (roleChanges) {
    if (request.proof === undefined) {
      const message = "is required to change the role: your password";
      throw new HubError(
        "INVALID_INPUT",
        { where: "body", summary: `body.proof ${message}` },
        { fields: [{ path: "body.proof", message }] },
      );
    }
    await verifyAdminProof(context, principal, request.proof, KIND);
  }

  const patch: UserPatch = {
    ...(request.firstName !== undefined && { firstName: request.firstName }),
    ...(request.lastName !== undefined && { lastName: request.lastName }),
    ...(request.email !== undefined && { email: request.email }),
    ...(request.phone !== undefined && { phone: request.phone }),
    ...(request.roleId !== undefined && { roleId: request.roleId }),
    ...(request.storeIds !== undefined && { storeIds: request.storeIds }),
    ...(request.groupIds !== undefined && { groupIds: request.groupIds }),
    ...(request.orgWide !== undefined && { orgWide: request.orgWide }),
  };
  const now = context.now();
  const { user, entries } = await storage.transaction(async (tx) => {
    const user = await tx.users.update(userId, patch, now);
    const storeIds = await effectiveStoreIds(tx, user);
    const logged = [
      await audit(
        tx,
        {
          kind: KIND,
          outcome: "success",
          actorId,
          targetId: userId,
          storeIds: [
            ...new Set([...(target.storeIds as StoreId[]), ...storeIds]),
          ],
          // Field names and ids only: contact data stays out of the log.
          details: {
            fields: Object.keys(patch),
            ...(roleChanges && {
              previousRoleId: current.roleId,
              roleId: user.roleId,
            }),
            ...(patch.storeIds !== undefined && {
              previousStoreIds: [...current.storeIds],
              storeIds: [...user.storeIds],
            }),
            ...(patch.groupIds !== undefined && {
              previousGroupIds: [...current.groupIds],
              groupIds: [...user.groupIds],
            }),
            ...(patch.orgWide !== undefined && { orgWide: user.orgWide }),
          },
        },
        now,
      ),
      ...(await recordUserChange(tx, user, now, {
        previousStoreIds: target.storeIds as StoreId[],
        actorId,
      })),
    ];
    return { user, entries: logged };
  });
  context.changes.publish(entries);
  context.logger.info({ actorId, userId }, "user updated");
  return loadAdminUserDetail(storage, user, now);
}
