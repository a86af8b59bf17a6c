import { z } from "zod";
import { EmployeeNumber, RoleId, StoreId, UserId } from "../ids";
import { Permission, RoleLevel } from "../permissions";

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

/** A role as tablets see it: with its permissions, for decisions offline. */
export const KioskRole = RoleSummary.extend({
  permissions: z.array(Permission),
});
export type KioskRole = z.infer<typeof KioskRole>;

/**
 * A user as a tablet of their store sees them: enough to list, sign in and
 * manage, and nothing more. No e-mail address, phone number or PIN data.
 */
export const KioskUser = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  role: KioskRole,
  /**
   * Every store the user belongs to, directly or through a group; the scope
   * rule needs them, because a user of two stores is outside the scope of a
   * manager of one.
   */
  storeIds: z.array(StoreId),
  /** Whether the user's scope is the whole organisation. */
  orgWide: z.boolean(),
  lock: LockStateSchema,
  /** Consecutive failed sign-ins since the last success or unlock. */
  failedAttempts: z.number().int().min(0),
  /** Where a temporary PIN goes: by e-mail, by text message, or handed over in person. */
  delivery: z.enum(["email", "sms", "in-person"]),
  /** Whether the current PIN is temporary and must be replaced at next sign-in. */
  pinTemporary: z.boolean(),
  /** When a temporary PIN stops working, ms since the epoch; null otherwise. */
  pinExpiresAt: z.number().int().nullable(),
  /**
   * Increases with every new PIN of the user; a tablet fetches the offline
   * verifier again when it changes.
   */
  credentialVersion: z.number().int().min(0),
  /** Whether the user has a passkey, which they must then use as fresh proof. */
  hasPasskey: z.boolean().default(false),
  /**
   * Increases whenever the user adds or removes a passkey; a tablet fetches
   * the user's public keys again (`sync:verifiers`) when it changes.
   */
  passkeyVersion: z.number().int().min(0).default(0),
  /** Increases with every change to the user, so a tablet can drop stale updates. */
  version: z.number().int().min(1),
});
export type KioskUser = z.infer<typeof KioskUser>;
