import type {
  AdminPinResetRequest,
  AdminProof,
  AdminUserDetail,
  PinResetResponse,
  UserId,
} from "../../../protocol";
import { panelOrigin } from "../../services/actionOrigin";
import type { HubContext } from "../../services/hubContext";
import { resetPinFrom } from "../../services/resetPin";
import { unlockUserFrom } from "../../services/unlockUser";
import type { AdminPrincipal } from "../adminPrincipal";
import { verifyAdminProof } from "../verifyAdminProof";
import { loadAdminUserDetail } from "./adminUserView";

/**
 * Resets a user's PIN from the control panel, with the same rules and
 * delivery as at a tablet: the scope rule with `pin.reset`, then the actor's
 * password as fresh proof. The response carries the temporary PIN only when
 * the user has neither e-mail nor phone.
 */
export async function resetPinFromPanel(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
  request: AdminPinResetRequest,
): Promise<PinResetResponse> {
  return resetPinFrom(context, panelOrigin(principal.actor), userId, {
    temporaryPin: request.temporaryPin,
    proveActor: () =>
      verifyAdminProof(context, principal, request.proof, "pin.reset"),
  });
}

/**
 * Unlocks a user from the control panel: the scope rule with `user.unlock`,
 * then the actor's password as fresh proof.
 */
export async function unlockFromPanel(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
  proof: AdminProof,
): Promise<AdminUserDetail> {
  const user = await unlockUserFrom(
    context,
    panelOrigin(principal.actor),
    userId,
    {
      proveActor: () =>
        verifyAdminProof(context, principal, proof, "user.unlock"),
    },
  );
  return loadAdminUserDetail(context.storage, user, context.now());
}
