import { z } from "zod";
import { EmployeeNumber, StoreId, TabletId, UserId } from "../ids";

/** Most entries one page of the audit log holds. */
export const AUDIT_PAGE_MAX = 500;

/**
 * A point in time in a query string: milliseconds since the epoch, or an ISO
 * 8601 date or date and time such as `2026-12-04` or `2026-12-04T09:30:00Z`.
 */
const QueryTime = z
  .string()
  .trim()
  .transform((value, context) => {
    const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isSafeInteger(time)) {
      context.addIssue({
        code: "custom",
        message:
          "must be milliseconds since the epoch or an ISO date such as 2026-12-04T09:30:00Z",
      });
      return z.NEVER;
    }
    return time;
  });

/**
 * Query of `GET /api/admin/audit` and `GET /api/admin/audit.csv`. Every
 * filter narrows the result; `before` pages back from the `nextBefore` of
 * the previous page.
 */
export const AdminAuditQuery = z.object({
  /** Entries in which this user acted or was acted upon. */
  userId: UserId.optional(),
  /** Entries in which this user acted. */
  actorId: UserId.optional(),
  /** Entries that concern this store. */
  storeId: StoreId.optional(),
  /** An exact kind such as `pin.reset`, or a family such as `tablet.*`. */
  kind: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?$/,
      "must be a kind such as pin.reset, or a family such as tablet.*",
    )
    .max(80)
    .optional(),
  /** Entries at or after this time. */
  from: QueryTime.optional(),
  /** Entries before this time. */
  to: QueryTime.optional(),
  /** Entries with a lower sequence number: the cursor of the next page. */
  before: z.coerce
    .number({ error: "must be a sequence number" })
    .int()
    .min(1)
    .optional(),
  limit: z.coerce
    .number({ error: "must be a number of entries" })
    .int()
    .min(1)
    .max(AUDIT_PAGE_MAX)
    .default(100),
});
export type AdminAuditQuery = z.infer<typeof AdminAuditQuery>;

/** A user named in an audit entry; null fields when the user is gone. */
export const AuditPerson = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber.nullable(),
  name: z.string().nullable(),
});
export type AuditPerson = z.infer<typeof AuditPerson>;

/** One audit entry as the control panel shows it. */
export const AdminAuditEntry = z.object({
  seq: z.number().int().min(1),
  /** When the hub wrote it, in ms since the epoch. */
  at: z.number().int(),
  kind: z.string(),
  outcome: z.enum(["success", "failure"]).nullable(),
  /** Error code or short reason of a failure. */
  reason: z.string().nullable(),
  /** The acting user; null for the command line and the hub itself. */
  actor: AuditPerson.nullable(),
  /** Whom the action concerned. */
  target: AuditPerson.nullable(),
  tabletId: TabletId.nullable(),
  storeIds: z.array(StoreId),
  /** Details of the event; never a PIN, hash, verifier or token. */
  details: z.record(z.string(), z.unknown()),
});
export type AdminAuditEntry = z.infer<typeof AdminAuditEntry>;

/** Response of `GET /api/admin/audit`, newest first. */
export const AdminAuditResponse = z.object({
  entries: z.array(AdminAuditEntry),
  /** Pass as `before` to get the next, older page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AdminAuditResponse = z.infer<typeof AdminAuditResponse>;

/** Columns of `GET /api/admin/audit.csv`, in order. */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "time",
  "kind",
  "outcome",
  "reason",
  "actor_employee_number",
  "actor_name",
  "target_employee_number",
  "target_name",
  "tablet",
  "stores",
  "details",
] as const;
