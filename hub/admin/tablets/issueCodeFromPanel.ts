import type {
  AdminEnrollmentCodeResponse,
  AdminProof,
  StoreId,
} from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { issueEnrollmentCode } from "../../tablets/enrollmentCodes";
import { requirePermission, requireStoreInScope } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";

/**
 * Issues a one-time enrollment code for a store of the actor's, after the
 * actor's password as fresh proof. The code is returned once.
 */
export async function issueCodeFromPanel(
  context: HubContext,
  principal: AdminPrincipal,
  request: { storeId: StoreId; proof: AdminProof },
): Promise<AdminEnrollmentCodeResponse> {
  requirePermission(principal, "kiosk.enroll");
  const store = await requireStoreInScope(context, principal, request.storeId);
  await verifyAdminProof(context, principal, request.proof, "tablet.code");
  const issued = await issueEnrollmentCode(context, store.id, {
    actorId: principal.actor.user.id,
    via: "control panel",
  });
  return {
    code: issued.code,
    expiresAt: issued.expiresAt,
    store: { ...store },
  };
}
