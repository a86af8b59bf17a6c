import type { StoreId, UserId } from "../../../protocol";
import { audit } from "../../services/audit";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Runs `work`, and when it throws a HubError other than INVALID_INPUT,
 * audits the rejection under `kind` with the error's code before throwing
 * it on. Malformed input is not audited because nothing was attempted.
 */
export async function auditRejection<T>(
  context: HubContext,
  principal: AdminPrincipal,
  event: {
    kind: string;
    targetId?: UserId | null;
    storeIds?: readonly StoreId[];
  },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubError && error.code !== "INVALID_INPUT") {
      const entry = await audit(
        context.storage,
        {
          kind: event.kind,
          outcome: "failure",
          actorId: principal.actor.user.id,
          targetId: event.targetId ?? null,
          storeIds: event.storeIds ?? [],
          reason: error.code,
        },
        context.now(),
      );
      context.changes.publish([entry]);
      context.logger.warn(
        {
          actorId: principal.actor.user.id,
          targetId: event.targetId ?? null,
          code: error.code,
        },
        `${event.kind} rejected`,
      );
    }
    throw error;
  }
}
