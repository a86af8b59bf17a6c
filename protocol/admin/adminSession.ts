import { z } from "zod";
import { EmployeeNumber, RoleId, StoreId, UserId } from "../ids";
import { Permission, RoleLevel } from "../permissions";
import { PasskeyAssertion, type PasskeyProof } from "../passkeys/passkeyProof";

/** Minimum length of a control panel password. */
export const ADMIN_PASSWORD_MIN_LENGTH = 15;

/** Maximum length of a password, so that hashing cannot be used to exhaust the hub. */
export const ADMIN_PASSWORD_MAX_LENGTH = 256;

/** Cookie that carries the control panel's session token. */
export const ADMIN_SESSION_COOKIE = "storefloor_admin";

/** Header that must repeat the session's CSRF token on every changing request. */
export const ADMIN_CSRF_HEADER = "x-csrf-token";

/** socket.io namespace of the control panel's live feed. */
export const ADMIN_NAMESPACE = "/admin";

/** A control panel password a user chooses. */
export const AdminPassword = z
  .string()
  .min(
    ADMIN_PASSWORD_MIN_LENGTH,
    `must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters`,
  )
  .max(
    ADMIN_PASSWORD_MAX_LENGTH,
    `must be at most ${ADMIN_PASSWORD_MAX_LENGTH} characters`,
  );
export type AdminPassword = z.infer<typeof AdminPassword>;

/**
 * A password as typed at sign-in or as proof. Only the length cap applies,
 * so a wrong password gets ADMIN_SIGN_IN_FAILED or ADMIN_PROOF_FAILED, not
 * a policy error.
 */
const GivenPassword = z
  .string()
  .min(1, "must not be empty")
  .max(
    ADMIN_PASSWORD_MAX_LENGTH,
    `must be at most ${ADMIN_PASSWORD_MAX_LENGTH} characters`,
  );

/** Body of `POST /api/admin/session`. A tablet PIN is never accepted here. */
export const AdminSignInRequest = z.object({
  employeeNumber: EmployeeNumber,
  password: GivenPassword,
});
export type AdminSignInRequest = z.infer<typeof AdminSignInRequest>;

/** The signed-in control panel user, with what their role lets them do. */
export const AdminSessionUser = z.object({
  id: UserId,
  employeeNumber: EmployeeNumber,
  firstName: z.string(),
  lastName: z.string(),
  roleId: RoleId,
  roleName: z.string(),
  level: RoleLevel,
  permissions: z.array(Permission),
  /** True when the user's scope is the whole organisation. */
  orgWide: z.boolean(),
  /** The stores inside the user's scope, groups resolved. */
  storeIds: z.array(StoreId),
});
export type AdminSessionUser = z.infer<typeof AdminSessionUser>;

/**
 * A control panel session, as returned by sign-in and
 * `GET /api/admin/session`. The session token itself travels only in the
 * httpOnly cookie; the panel sends `csrfToken` back in the CSRF header.
 */
export const AdminSessionView = z.object({
  user: AdminSessionUser,
  csrfToken: z.string(),
  /** Seconds without a request after which the session ends. */
  idleTimeoutSeconds: z.number().int().positive(),
  /** When the session ends unless used, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type AdminSessionView = z.infer<typeof AdminSessionView>;

/** The password typed again as fresh proof. */
export const PasswordProof = z.object({ password: GivenPassword });
export type PasswordProof = z.infer<typeof PasswordProof>;

/**
 * The fresh proof asked before a sensitive action: the password typed
 * again, or a passkey assertion over a challenge from
 * `POST /api/admin/proof-options`. A user who has a passkey must use it.
 * Exactly one of `password` and `passkey` is given.
 */
export const AdminProof = z
  .object({
    password: GivenPassword.optional(),
    passkey: PasskeyAssertion.optional(),
  })
  .superRefine((proof, context) => {
    if (proof.password === undefined && proof.passkey === undefined) {
      context.addIssue({
        code: "custom",
        message: "must hold either password or passkey",
      });
    } else if (proof.password !== undefined && proof.passkey !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["password"],
        message: "must be left out when passkey is given",
      });
    }
  })
  .transform((proof): PasswordProof | PasskeyProof =>
    proof.passkey !== undefined
      ? { passkey: proof.passkey }
      : { password: proof.password ?? "" },
  );
export type AdminProof = z.infer<typeof AdminProof>;

/**
 * A one-time password code as typed: case, spaces and dashes do not matter,
 * and I, L and O read as 1, 1 and 0, as in Crockford's base32.
 */
export const PasswordCode = z
  .string()
  .max(64, "must be at most 64 characters")
  .transform((value) =>
    value
      .toUpperCase()
      .replace(/[\s-]/g, "")
      .replace(/[IL]/g, "1")
      .replace(/O/g, "0"),
  )
  .pipe(
    z
      .string()
      .regex(
        /^[0-9A-HJKMNP-TV-Z]{16}$/,
        "must be the 16-character code, in groups of four",
      ),
  );
export type PasswordCode = z.infer<typeof PasswordCode>;

/** Body of `POST /api/admin/password`: set a password with a one-time code. */
export const PasswordSetRequest = z.object({
  employeeNumber: EmployeeNumber,
  code: PasswordCode,
  password: AdminPassword,
});
export type PasswordSetRequest = z.infer<typeof PasswordSetRequest>;

/** Body of `PUT /api/admin/password`: change the password of the session's user. */
export const PasswordChangeRequest = z.object({
  currentPassword: GivenPassword,
  newPassword: AdminPassword,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequest>;

/** A one-time password code, shown once to whoever issued it. */
export const PasswordCodeResponse = z.object({
  code: z.string(),
  /** When the code stops working, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
  /** True when the code was also queued for e-mail to the user. */
  emailed: z.boolean().optional(),
});
export type PasswordCodeResponse = z.infer<typeof PasswordCodeResponse>;

/** Body of `POST /api/admin/users/:userId/password-code`: the actor's fresh proof. */
export const PasswordCodeRequest = z.object({ proof: AdminProof });
export type PasswordCodeRequest = z.infer<typeof PasswordCodeRequest>;

/** Path parameters of the routes that act on one user's access. */
export const AdminAccessParams = z.object({ userId: UserId });
export type AdminAccessParams = z.infer<typeof AdminAccessParams>;

/** Response of `DELETE /api/admin/users/:userId/sessions`: the sessions ended. */
export const SignOutEverywhereResponse = z.object({
  /** Control panel sessions ended, the request's own included when it was one. */
  adminSessions: z.number().int().nonnegative(),
  /** Tablet sessions ended. */
  kioskSessions: z.number().int().nonnegative(),
});
export type SignOutEverywhereResponse = z.infer<
  typeof SignOutEverywhereResponse
>;
