import type { PasswordChangeRequest } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { auditNow, storeIdsOf } from "./adminAudit";
import { hashAdminPassword } from "./adminPasswords";
import type { AdminPrincipal } from "./adminPrincipal";
import { verifyAdminProof } from "./verifyAdminProof";

/**
 * Changes the signed-in user's control panel password after checking the
 * current one, and ends their other panel sessions; the session of the
 * request stays open.
 */
export async function changeAdminPassword(
  context: HubContext,
  principal: AdminPrincipal,
  request: PasswordChangeRequest,
): Promise<void> {
  const { user } = principal.actor;
  if (request.newPassword === request.currentPassword) {
    const fields = [
      {
        path: "body.newPassword",
        message: "must differ from the current password",
      },
    ];
    throw new HubError(
      "INVALID_INPUT",
      {
        where: "body",
        summary: "body.newPassword must differ from the current password",
      },
      { fields },
    );
  }
  await verifyAdminProof(
    context,
    principal,
    { password: request.currentPassword },
    "admin.password.change",
  );
  const hash = await hashAdminPassword(context, request.newPassword);
  const now = context.now();
  const ended = await context.storage.transaction(async (tx) => {
    await tx.adminPasswords.set(user.id, hash, now);
    return tx.adminSessions.deleteAllOfUser(user.id, principal.sessionId);
  });
  await auditNow(context, {
    kind: "admin.password.change",
    outcome: "success",
    actorId: user.id,
    targetId: user.id,
    storeIds: storeIdsOf(principal.actor),
    details: { endedSessions: ended },
  });
  context.logger.info(
    { userId: user.id, endedSessions: ended },
    "control panel password changed",
  );
}
