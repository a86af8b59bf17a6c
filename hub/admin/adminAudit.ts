import type { StoreId } from "../../protocol";
import type { ResolvedUser } from "../domain/actorScope";
import { audit, type AuditEvent } from "../services/audit";
import type { HubContext } from "../services/hubContext";

/**
 * Appends an audit event outside any transaction and publishes it at once,
 * so the control panel's live feed shows it without waiting for the log
 * tailer. Inside a transaction, call `audit` and publish after the commit.
 */
export async function auditNow(
  context: HubContext,
  event: AuditEvent,
): Promise<void> {
  const entry = await audit(context.storage, event, context.now());
  context.changes.publish([entry]);
}

/** Returns the stores of a resolved user, as audit entries are scoped by them. */
export function storeIdsOf(resolved: ResolvedUser): StoreId[] {
  return resolved.storeIds as StoreId[];
}
