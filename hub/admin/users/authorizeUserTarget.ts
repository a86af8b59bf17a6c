import type { Permission, UserId } from "../../../protocol";
import type { ResolvedUser } from "../../domain/actorScope";
import { panelOrigin } from "../../services/actionOrigin";
import { authorizeFromOrigin } from "../../services/authorizeOnTarget";
import type { HubContext } from "../../services/hubContext";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Checks the scope rule for a control panel action on the user `userId`, as
 * tablets apply it: the actor has `permission`, is someone else, has a
 * strictly higher level, and every store of the target lies inside the
 * actor's scope. A user who shares no store with that scope gets
 * USER_UNKNOWN. Deactivated users pass unless `requireActive` is set.
 * Rejections are audited under `kind`. Returns the resolved target.
 */
export async function authorizeUserTarget(
  context: HubContext,
  principal: AdminPrincipal,
  userId: UserId,
  permission: Permission,
  kind: string,
  options: { requireActive?: boolean } = {},
): Promise<ResolvedUser> {
  return authorizeFromOrigin(
    context,
    panelOrigin(principal.actor),
    userId,
    permission,
    kind,
    { requireActive: options.requireActive ?? false },
  );
}
