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

/**
 * A message of the demo's local outbox. In demo mode nothing is sent, so the
 * panel shows the temporary PIN for whoever plays the recipient.
 */
export const AdminOutboxMessage = z.object({
  id: z.string(),
  userId: UserId,
  employeeNumber: EmployeeNumber.nullable(),
  name: z.string().nullable(),
  channel: z.enum(["email", "sms", "local"]),
  recipient: z.string(),
  status: z.enum(["pending", "delivered", "failed", "expired"]),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  /** The temporary PIN; null once the message was delivered or expired. */
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
