import { z } from "zod";
import { EmployeeNumber, RoleId, UserId } from "../ids";
import { RoleLevel } from "../permissions";

export const LockStateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  /** Locked until `until`, in milliseconds since the epoch. */
  z.object({ kind: z.literal("timed"), until: z.number().int() }),
  z.object({ kind: z.literal("permanent") }),
]);

export const RoleSummary = z.object({
  id: RoleId,
  name: z.string(),
  level: RoleLevel,
});
export type RoleSummary = z.infer<typeof RoleSummary>;

/**
 * A user as a tablet of their store sees them: enough to list, sign in and
 * manage, and nothing more. No e-mail address, phone number or PIN data.
 */
export const KioskUser = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  role: RoleSummary,
  lock: LockStateSchema,
  /** Consecutive failed sign-ins since the last success or unlock. */
  failedAttempts: z.number().int().min(0),
  /** Where a temporary PIN goes: by e-mail, by text message, or handed over in person. */
  delivery: z.enum(["email", "sms", "in-person"]),
  /** Whether the current PIN is temporary and must be replaced at next sign-in. */
  pinTemporary: z.boolean(),
  /**
   * Increases with every new PIN of the user; a tablet fetches the offline
   * verifier again when it changes.
   */
  credentialVersion: z.number().int().min(0),
  /** Increases with every change to the user, so a tablet can drop stale updates. */
  version: z.number().int().min(1),
});
export type KioskUser = z.infer<typeof KioskUser>;
