import type { AdminAuditQuery } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { AuditFilter } from "../../storage/logRepository";
import { requirePermission, visibleStoreIds } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Turns the audit query into the log's filter, limited to the entries of
 * the actor's stores unless their scope is the whole organisation. A
 * store-scoped actor never gets organisation-wide entries. Throws
 * USER_UNKNOWN for a user id that names nobody.
 */
export async function auditFilterFor(
  context: HubContext,
  principal: AdminPrincipal,
  query: AdminAuditQuery,
): Promise<AuditFilter> {
  requirePermission(principal, "audit.read");
  const visible = await visibleStoreIds(context, principal, query.storeId);
  for (const userId of [query.userId, query.actorId]) {
    if (userId !== undefined && !(await context.storage.users.get(userId))) {
      throw new HubError("USER_UNKNOWN", { user: userId });
    }
  }
  return {
    ...(query.userId !== undefined && { userId: query.userId }),
    ...(query.actorId !== undefined && { actorId: query.actorId }),
    ...(query.storeId !== undefined && { storeId: query.storeId }),
    ...(query.kind !== undefined && { kind: query.kind }),
    ...(query.from !== undefined && { from: query.from }),
    ...(query.to !== undefined && { to: query.to }),
    ...(query.before !== undefined && { before: query.before }),
    visibleStoreIds: visible,
  };
}
