import {
  decideScope,
  type Permission,
  type StoreId,
  type UserId,
} from "../../protocol";
import {
  resolveUser,
  toScopeActor,
  toScopeTarget,
  type ResolvedUser,
} from "../domain/actorScope";
import { scopeError } from "../services/authorizeOnTarget";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { auditNow, storeIdsOf } from "./adminAudit";
import type { AdminPrincipal } from "./adminPrincipal";

/**
 * Checks that the control panel user may use `permission` on the user
 * `targetId` under the scope rule, and returns the resolved target. With
 * `allowSelf`, acting on oneself needs no permission. Every refusal is
 * audited under `kind`; an unknown target gets USER_NOT_FOUND.
 */
export async function authorizeAdminTarget(
  context: HubContext,
  principal: AdminPrincipal,
  targetId: UserId,
  permission: Permission,
  kind: string,
  options: { allowSelf?: boolean } = {},
): Promise<ResolvedUser> {
  const { actor } = principal;
  const user = await context.storage.users.get(targetId);
  const target = user ? await resolveUser(context.storage, user) : null;
  const refuse = async (error: HubError, storeIds: StoreId[]) => {
    await auditNow(context, {
      kind,
      outcome: "failure",
      actorId: actor.user.id,
      targetId: target ? targetId : null,
      storeIds,
      reason: error.code,
    });
    context.logger.warn(
      { actorId: actor.user.id, targetId, code: error.code },
      `${kind} rejected`,
    );
    return error;
  };
  if (!target) {
    throw await refuse(
      new HubError("USER_NOT_FOUND", { user: targetId }),
      storeIdsOf(actor),
    );
  }
  if (options.allowSelf && target.user.id === actor.user.id) {
    return target;
  }
  const decision = decideScope(
    toScopeActor(actor),
    toScopeTarget(target),
    permission,
  );
  if (!decision.allowed) {
    throw await refuse(
      scopeError(decision.reason, permission, actor, target),
      storeIdsOf(target),
    );
  }
  return target;
}
