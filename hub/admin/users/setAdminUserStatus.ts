import type {
  AdminProof,
  AdminUserDetail,
  StoreId,
  UserId,
} from "../../../protocol";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { UserStatus } from "../../storage/records";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";
import { authorizeUserTarget } from "./authorizeUserTarget";
import { loadAdminUserDetail } from "./adminUserView";

/**
 * Deactivates a user under the scope rule with `user.manage`, after the
 * actor's password as fresh proof. Ends the user's tablet and control panel
 * sessions, and tablets drop the user from their lists.
 */
export async function deactivateAdminUser(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
  proof: AdminProof,
): Promise<AdminUserDetail> {
  return setStatus(context, principal, userId, "deactivated", proof);
}

/**
 * Reactivates a deactivated user under the scope rule with `user.manage`.
 * Tablets of the user's stores list them again; their PIN is unchanged.
 */
export async function reactivateAdminUser(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
): Promise<AdminUserDetail> {
  return setStatus(context, principal, userId, "active", null);
}

async function setStatus(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
  status: UserStatus,
  proof: AdminProof | null,
): Promise<AdminUserDetail> {
  const { storage } = context;
  const actorId = principal.actor.user.id;
  const kind = status === "active" ? "user.reactivate" : "user.deactivate";
  const target = await authorizeUserTarget(
    context,
    principal,
    userId,
    "user.manage",
    kind,
  );
  if (proof !== null) {
    await verifyAdminProof(context, principal, proof, kind);
  }
  if (target.user.status === status) {
    throw new HubError(
      "USER_STATUS_UNCHANGED",
      {
        name: `${target.user.firstName} ${target.user.lastName}`,
        status: status === "active" ? "active" : "deactivated",
      },
      { fields: [{ path: "params.userId", message: `is already ${status}` }] },
    );
  }

  const now = context.now();
  const { user, entries, endedSessions } = await storage.transaction(
    async (tx) => {
      const user = await tx.users.update(userId, { status }, now);
      let endedSessions = 0;
      if (status === "deactivated") {
        endedSessions += await tx.sessions.deleteAllOfUser(userId);
        endedSessions += await tx.adminSessions.deleteAllOfUser(userId);
      }
      const logged = [
        await audit(
          tx,
          {
            kind,
            outcome: "success",
            actorId,
            targetId: userId,
            storeIds: target.storeIds as StoreId[],
            details: { endedSessions },
          },
          now,
        ),
        ...(await recordUserChange(tx, user, now, { actorId })),
      ];
      return { user, entries: logged, endedSessions };
    },
  );
  context.changes.publish(entries);
  context.logger.info({ actorId, userId, status, endedSessions }, kind);
  return loadAdminUserDetail(storage, user, now);
}
