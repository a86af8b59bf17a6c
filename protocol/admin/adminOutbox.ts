import { z } from "zod";
import { EmployeeNumber, UserId } from "../ids";

/** Query of `GET /api/admin/outbox`. */
export const AdminOutboxQuery = z.object({
  limit: z.coerce
    .number({ error: "must be a number of messages" })
    .int()
    .min(1)
    .max(500)
    .default(50),
});
export type AdminOutboxQuery = z.infer<typeof AdminOutboxQuery>;

/** Kind of content an outbox message carries. */
export const OutboxMessageKind = z.enum([
  "temporary-pin",
  "password-link",
  "passkey-notice",
]);
export type OutboxMessageKind = z.infer<typeof OutboxMessageKind>;

/**
 * Delivery status of an outbox message. `superseded` is a message dropped
 * before delivery because a newer one replaced it, e.g. a newer temporary PIN
 * or a PIN set in person. It is not a delivery failure.
 */
export const OutboxMessageStatus = z.enum([
  "pending",
  "delivered",
  "failed",
  "expired",
  "superseded",
]);
export type OutboxMessageStatus = z.infer<typeof OutboxMessageStatus>;

/**
 * A message of the demo's local outbox. In demo mode nothing is sent, so the
 * panel shows the temporary PIN to the person testing as the recipient.
 */
export const AdminOutboxMessage = z.object({
  id: z.string(),
  userId: UserId,
  employeeNumber: EmployeeNumber.nullable(),
  name: z.string().nullable(),
  channel: z.enum(["email", "sms", "local"]),
  recipient: z.string(),
  kind: OutboxMessageKind,
  status: OutboxMessageStatus,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  /**
   * The temporary PIN. Null for other kinds and once the message left the
   * pending state.
   */
  pin: z.string().nullable(),
  /** The link to set a control panel password, for a message that carries one. */
  passwordLink: z.string().optional(),
});
export type AdminOutboxMessage = z.infer<typeof AdminOutboxMessage>;

/** Response of `GET /api/admin/outbox`, newest first. */
export const AdminOutboxResponse = z.object({
  messages: z.array(AdminOutboxMessage),
});
export type AdminOutboxResponse = z.infer<typeof AdminOutboxResponse>;
