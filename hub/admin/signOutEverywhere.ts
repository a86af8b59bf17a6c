import type { SignOutEverywhereResponse, UserId } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { auditNow, storeIdsOf } from "./adminAudit";
import type { AdminPrincipal } from "./adminPrincipal";
import { authorizeAdminTarget } from "./authorizeAdminTarget";

/** Audit kind of "sign out everywhere". */
const KIND = "admin.sessions.end";

/**
 * Ends every control panel and tablet session of a user. An actor may do
 * this to themself, and to others under the scope rule with `user.manage`.
 */
export async function signOutEverywhere(
  context: HubContext,
  principal: AdminPrincipal,
  targetId: UserId,
): Promise<SignOutEverywhereResponse> {
  const target = await authorizeAdminTarget(
    context,
    principal,
    targetId,
    "user.manage",
    KIND,
    { allowSelf: true },
  );
  const ended = await context.storage.transaction(async (tx) => ({
    adminSessions: await tx.adminSessions.deleteAllOfUser(target.user.id),
    kioskSessions: await tx.sessions.deleteAllOfUser(target.user.id),
  }));
  await auditNow(context, {
    kind: KIND,
    outcome: "success",
    actorId: principal.actor.user.id,
    targetId: target.user.id,
    storeIds: storeIdsOf(target),
    details: { ...ended },
  });
  context.logger.info(
    { actorId: principal.actor.user.id, targetId: target.user.id, ...ended },
    "all sessions of a user ended",
  );
  return ended;
}
