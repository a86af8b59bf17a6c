import type { UserId } from "../../protocol";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { audit } from "../services/audit";
import type { LogEntry } from "../storage/records";
import type { Storage } from "../storage/Storage";

/** Audit reasons of `delivery.failed`. */
export type DeliveryFailureReason =
  | "DELIVERY_FAILED"
  | "DELIVERY_EXPIRED"
  | "DELIVERY_NO_TRANSPORT"
  | "USER_INACTIVE"
  | "SEALED_PIN_UNREADABLE";

/** A message that ended undelivered, as the audit log records it. */
export interface DeliveryFailure {
  readonly messageId: string;
  readonly userId: UserId;
  readonly channel: string;
  readonly attempts: number;
  readonly reason: DeliveryFailureReason;
  /** Error text of the failure; must not contain the PIN. */
  readonly error: string;
}

/** Appends a `delivery.failed` audit entry for the user's stores. */
export async function auditDeliveryFailure(
  storage: Storage,
  now: number,
  failure: DeliveryFailure,
): Promise<LogEntry> {
  const user = await storage.users.get(failure.userId);
  return audit(
    storage,
    {
      kind: "delivery.failed",
      outcome: "failure",
      targetId: failure.userId,
      storeIds: user ? await effectiveStoreIds(storage, user) : [],
      reason: failure.reason,
      details: {
        messageId: failure.messageId,
        channel: failure.channel,
        attempts: failure.attempts,
        error: failure.error,
      },
    },
    now,
  );
}
