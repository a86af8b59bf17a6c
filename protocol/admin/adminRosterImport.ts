import { z } from "zod";
import { EmployeeNumber, RoleId, StoreId, UserId } from "../ids";
import { AdminProof } from "./adminSession";

/** Largest roster file the control panel uploads, in characters. */
export const ROSTER_CSV_MAX_CHARACTERS = 4_000_000;

/** Body of `POST /api/admin/roster-imports/preview`. */
export const RosterImportPreviewRequest = z.object({
  /** The roster file's text, as HR exported it. */
  csv: z
    .string()
    .min(1, "must hold the roster file's text")
    .max(
      ROSTER_CSV_MAX_CHARACTERS,
      `must be at most ${ROSTER_CSV_MAX_CHARACTERS} characters; split the file`,
    ),
  /** Whether active users missing from the file are deactivated. */
  deactivateMissing: z.boolean(),
});
export type RosterImportPreviewRequest = z.infer<
  typeof RosterImportPreviewRequest
>;

/** One problem of the file, by its row as a spreadsheet numbers it. */
export const RosterImportRowError = z.object({
  /** Row number, the header being row 1. */
  line: z.number().int().min(1),
  /** The row's employee number as written, when it has one. */
  employeeNumber: z.string().optional(),
  /** The row field at fault, e.g. `lastName`; absent for the whole row. */
  field: z.string().optional(),
  /** The column's header as the file wrote it, e.g. `E-mail`. */
  column: z.string().optional(),
  message: z.string(),
});
export type RosterImportRowError = z.infer<typeof RosterImportRowError>;

/** A person the import would create. */
export const RosterPlanCreate = z.object({
  line: z.number().int().min(1),
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  storeIds: z.array(StoreId),
  roleId: RoleId,
});
export type RosterPlanCreate = z.infer<typeof RosterPlanCreate>;

/** A field of a user the import would change, with its old and new value. */
export const RosterFieldChange = z.object({
  field: z.enum([
    "firstName",
    "lastName",
    "email",
    "phone",
    "storeIds",
    "roleId",
    "status",
  ]),
  from: z.union([z.string(), z.array(z.string()), z.null()]),
  to: z.union([z.string(), z.array(z.string()), z.null()]),
});
export type RosterFieldChange = z.infer<typeof RosterFieldChange>;

/** A user the import would change. */
export const RosterPlanUpdate = z.object({
  line: z.number().int().min(1),
  userId: UserId,
  employeeNumber: EmployeeNumber,
  name: z.string(),
  changes: z.array(RosterFieldChange),
});
export type RosterPlanUpdate = z.infer<typeof RosterPlanUpdate>;

/** An active user missing from the file, whom the import would deactivate. */
export const RosterPlanDeactivate = z.object({
  userId: UserId,
  employeeNumber: EmployeeNumber,
  name: z.string(),
});
export type RosterPlanDeactivate = z.infer<typeof RosterPlanDeactivate>;

export const RosterImportPlanView = z.object({
  create: z.array(RosterPlanCreate),
  update: z.array(RosterPlanUpdate),
  deactivate: z.array(RosterPlanDeactivate),
  /** Users listed in the file who already match their row. */
  unchanged: z.number().int().min(0),
});
export type RosterImportPlanView = z.infer<typeof RosterImportPlanView>;

/** Response of `POST /api/admin/roster-imports/preview`. */
export const RosterImportPreviewResponse = z.object({
  /** Data rows read, good and bad. */
  rowCount: z.number().int().min(0),
  /** Data rows the import would use. */
  readyRowCount: z.number().int().min(0),
  /** Rows with at least one problem, the header row included when it has one. */
  badRowCount: z.number().int().min(0),
  /** Every problem of the file; the import applies only without any. */
  errors: z.array(RosterImportRowError),
  /** The changes that applying would make with the good rows. */
  plan: RosterImportPlanView,
  /**
   * Names this plan. Send it with the apply request: the hub rejects the
   * import when the plan it computes then differs.
   */
  fingerprint: z.string(),
  /** False while the file has errors. */
  canApply: z.boolean(),
});
export type RosterImportPreviewResponse = z.infer<
  typeof RosterImportPreviewResponse
>;

/** Body of `POST /api/admin/roster-imports/apply`. */
export const RosterImportApplyRequest = RosterImportPreviewRequest.extend({
  /** The `fingerprint` of the preview that was reviewed. */
  fingerprint: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, "must be the fingerprint of a preview"),
  proof: AdminProof,
});
export type RosterImportApplyRequest = z.infer<typeof RosterImportApplyRequest>;

/** A user the import created, with where their temporary PIN went. */
export const RosterImportCreated = z.object({
  userId: UserId,
  employeeNumber: EmployeeNumber,
  name: z.string(),
  delivery: z.enum(["email", "sms", "in-person"]),
  /**
   * The temporary PIN, only for users without e-mail and phone: hand it over
   * in person. Shown once.
   */
  temporaryPin: z.string().optional(),
});
export type RosterImportCreated = z.infer<typeof RosterImportCreated>;

/** Response of `POST /api/admin/roster-imports/apply`. */
export const RosterImportApplyResponse = z.object({
  created: z.array(RosterImportCreated),
  updated: z.number().int().min(0),
  deactivated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
});
export type RosterImportApplyResponse = z.infer<
  typeof RosterImportApplyResponse
>;
