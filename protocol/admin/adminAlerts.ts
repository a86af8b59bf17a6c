import { z } from "zod";
import { EmployeeNumber, StoreId, TabletId, UserId } from "../ids";

/** Query of `GET /api/admin/alerts`: all stores in scope, or one. */
export const AdminAlertsQuery = z.object({
  storeId: StoreId.optional(),
});
export type AdminAlertsQuery = z.infer<typeof AdminAlertsQuery>;

/** A user named in an alert. */
export const AlertUser = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  storeIds: z.array(StoreId),
});
export type AlertUser = z.infer<typeof AlertUser>;

/**
 * A user locked out after wrong PINs. Unlock them with
 * `POST /api/admin/users/:userId/unlock`.
 */
export const LockAlert = z.object({
  user: AlertUser,
  lock: z.discriminatedUnion("kind", [
    /** Locked until `until`, in ms since the epoch. */
    z.object({ kind: z.literal("timed"), until: z.number().int() }),
    z.object({ kind: z.literal("permanent") }),
  ]),
  /** Consecutive wrong PINs. */
  failures: z.number().int().min(0),
  /** Time of the last wrong PIN, in ms since the epoch. */
  lastFailureAt: z.number().int().nullable(),
  /** The tablet of the last wrong PIN, when known. */
  lastTablet: z
    .object({ id: TabletId, label: z.string().nullable() })
    .nullable(),
});
export type LockAlert = z.infer<typeof LockAlert>;

/** A tablet reported stolen. */
export const StolenTabletAlert = z.object({
  tabletId: TabletId,
  label: z.string(),
  storeId: StoreId,
  /** When it was reported stolen, in ms since the epoch. */
  reportedAt: z.number().int(),
});
export type StolenTabletAlert = z.infer<typeof StolenTabletAlert>;

/**
 * A temporary PIN that never reached its user: they need a new reset. Only
 * the user's newest message counts, so a new reset clears the alert.
 */
export const DeliveryFailureAlert = z.object({
  messageId: z.string(),
  user: AlertUser,
  channel: z.enum(["email", "sms", "local"]),
  status: z.enum(["failed", "expired"]),
  attempts: z.number().int().min(0),
  /** Error of the last attempt, with any PIN replaced by `[PIN]`. */
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
});
export type DeliveryFailureAlert = z.infer<typeof DeliveryFailureAlert>;

/** Response of `GET /api/admin/alerts`, limited to the actor's stores. */
export const AdminAlertsResponse = z.object({
  locks: z.array(LockAlert),
  stolenTablets: z.array(StolenTabletAlert),
  deliveryFailures: z.array(DeliveryFailureAlert),
});
export type AdminAlertsResponse = z.infer<typeof AdminAlertsResponse>;
