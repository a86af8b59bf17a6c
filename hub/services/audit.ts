import type { StoreId, TabletId, UserId } from "../../protocol";
import type { LogEntry } from "../storage/records";
import type { Storage } from "../storage/Storage";

/** One audited outcome. `details` must never hold a PIN, hash or token. */
export interface AuditEvent {
  readonly kind: string;
  readonly outcome: "success" | "failure";
  readonly actorId?: UserId | null;
  readonly targetId?: UserId | null;
  readonly tabletId?: TabletId | null;
  readonly storeIds?: readonly StoreId[];
  /** Error code or short reason for a failure. */
  readonly reason?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Appends an audit event to the log; audit events never reach tablets. */
export async function audit(
  storage: Storage,
  event: AuditEvent,
  now: number,
): Promise<LogEntry> {
  return storage.log.append(
    {
      category: "audit",
      kind: event.kind,
      actorId: event.actorId ?? null,
      targetId: event.targetId ?? null,
      tabletId: event.tabletId ?? null,
      storeIds: event.storeIds ?? [],
      outcome: event.outcome,
      reason: event.reason ?? null,
      payload: event.details ?? {},
    },
    now,
  );
}
