import { z } from "zod";
import { EmployeeNumber, RoleId, UserId } from "../ids";
import { Permission, RoleLevel } from "../permissions";
import { PinInput } from "../pin";

/** Who is signing in: picked from the list, or typed as an employee number. */
export const SignInIdentity = z.union([
  z.object({ userId: UserId }).strict(),
  z.object({ employeeNumber: EmployeeNumber }).strict(),
]);
export type SignInIdentity = z.infer<typeof SignInIdentity>;

/**
 * Body of `POST /api/kiosk/sign-in`. The store and the tablet come from the
 * tablet token the request carries, never from the body.
 */
export const SignInRequest = z.object({
  identity: SignInIdentity,
  pin: PinInput,
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** The signed-in user, with what their role lets them do. */
export const SessionUser = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  role: z.object({
    id: RoleId,
    name: z.string(),
    level: RoleLevel,
    permissions: z.array(Permission),
  }),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** A kiosk session, as returned by sign-in and `GET /api/kiosk/session`. */
export const SessionView = z.object({
  /** Bearer token; the kiosk keeps it in memory only. */
  token: z.string(),
  /** When the session ends unless used, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
  user: SessionUser,
  /** True while the user signed in with a temporary PIN and must choose their own. */
  mustChangePin: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

/**
 * Body of `POST /api/kiosk/session/pin`. `currentPin` may be left out only
 * while the session must replace a temporary PIN, which it proved moments ago.
 */
export const ChangePinRequest = z.object({
  currentPin: PinInput.optional(),
  newPin: PinInput,
});
export type ChangePinRequest = z.infer<typeof ChangePinRequest>;
