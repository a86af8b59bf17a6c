import { z } from "zod";

interface ErrorDefinition {
  /** HTTP status of the response. */
  readonly status: number;
  /** English message; `{name}` placeholders are filled from the error's params. */
  readonly message: string;
}

/**
 * Every error the hub reports, by stable code. A code is never reused for a
 * different meaning; the kiosk localises by code and uses the English message
 * only as a fallback.
 */
export const ERRORS = {
  INVALID_INPUT: {
    status: 400,
    message:
      "Invalid {where}: {summary}. Fix the listed fields and send again.",
  },
  UNAUTHENTICATED: {
    status: 401,
    message:
      "The session token is missing, expired or revoked. Sign in again with your PIN.",
  },
  PIN_INCORRECT: {
    status: 401,
    message:
      "The PIN is incorrect. {attemptsBeforeLock} more wrong PINs lock the account.",
  },
  USER_LOCKED: {
    status: 423,
    message:
      "{name} is locked until {until} after repeated wrong PINs. Wait, or ask a manager to unlock.",
  },
  USER_LOCKED_PERMANENT: {
    status: 423,
    message:
      "{name} is locked after {failures} wrong PINs. A manager or head office must unlock the account.",
  },
  TEMPORARY_PIN_EXPIRED: {
    status: 401,
    message:
      "The temporary PIN expired at {expiredAt}. Ask a manager for a new PIN reset.",
  },
  PIN_NOT_SET: {
    status: 401,
    message: "{name} has no PIN yet. Ask a manager to reset it.",
  },
  PIN_CHANGE_REQUIRED: {
    status: 403,
    message:
      "The current PIN is temporary. Choose a new PIN before doing anything else.",
  },
  PIN_POLICY_VIOLATION: {
    status: 400,
    message: "The new PIN is not allowed ({violations}). Choose another PIN.",
  },
  USER_NOT_FOUND: {
    status: 404,
    message:
      "No active user {user} in this store. Refresh the user list or check the employee number.",
  },
  USER_INACTIVE: {
    status: 403,
    message: "{name} is deactivated. Head office can reactivate the account.",
  },
  STORE_NOT_FOUND: {
    status: 404,
    message:
      "No store with id {storeId} for this tablet. A tablet reads its own store only; enroll it again if the store changed.",
  },
  PERMISSION_MISSING: {
    status: 403,
    message:
      "Your role lacks the permission {permission}. Ask head office for a role that has it.",
  },
  LEVEL_NOT_HIGHER: {
    status: 403,
    message:
      "Your level ({actorLevel}) is not above the level of {name} ({targetLevel}). Ask someone with a higher role.",
  },
  OUT_OF_SCOPE: {
    status: 403,
    message:
      "{name} works in a store outside your scope. Ask head office or a manager of that store.",
  },
  SELF_ACTION: {
    status: 403,
    message:
      "You cannot do this to your own account. Use Change PIN, or ask a colleague with a higher role.",
  },
  PROOF_FAILED: {
    status: 401,
    message:
      "The PIN given as proof for this action is incorrect. Nothing was changed.",
  },
  NOT_LOCKED: {
    status: 409,
    message: "{name} is not locked, so there is nothing to unlock.",
  },
  PROTOCOL_MISMATCH: {
    status: 426,
    message:
      "This tablet uses protocol version {clientVersion} and the hub version {hubVersion}. Reload the page to update the tablet.",
  },
  RATE_LIMITED: {
    status: 429,
    message:
      "Too many attempts from this tablet. Wait {retryAfterSeconds} seconds and try again.",
  },
  DEMO_ONLY: {
    status: 403,
    message:
      "{feature} is available in demo mode only, and this hub runs in production mode.",
  },
  ENROLLMENT_CODE_INVALID: {
    status: 400,
    message:
      "The enrollment code is unknown, used or expired. Ask a manager for a new code.",
  },
  TABLET_CHALLENGE_INVALID: {
    status: 401,
    message:
      "The tablet's proof of its key failed: the challenge is unknown, used or expired, or the signature does not match. Reconnect to get a new challenge.",
  },
  TABLET_UNKNOWN: {
    status: 401,
    message:
      "This tablet is not enrolled with the hub. Enroll it again with a code from a manager.",
  },
  TABLET_REVOKED: {
    status: 401,
    message:
      "This tablet was revoked at {revokedAt} and its data is being wiped. Enroll it again with a code from a manager.",
  },
  TABLET_NOT_ENROLLED: {
    status: 401,
    message:
      "Missing or expired tablet token. The tablet must prove its key again at POST /api/tablets/session.",
  },
  CLAIM_TIME_IMPLAUSIBLE: {
    status: 409,
    message:
      "The action's time {clientTime} lies outside the plausible window from {earliest} to {latest}. Check the tablet's clock.",
  },
  CONFLICT_SUPERSEDED: {
    status: 409,
    message:
      "The action was overtaken by a change at the hub that tightens access ({reason}). Nothing was changed.",
  },
  SEALED_SECRET_INVALID: {
    status: 400,
    message:
      "The sealed PIN of the action cannot be opened with the hub's key. The tablet must fetch the hub's current key and redo the action.",
  },
  CURSOR_EXPIRED: {
    status: 410,
    message:
      "Sequence number {afterSeq} is older than the log keeps ({retentionDays} days). Start again from a snapshot, or from sequence {oldestSeq}.",
  },
  API_TOKEN_INVALID: {
    status: 401,
    message:
      "The API token is missing, unknown, expired or revoked. Ask an administrator for a new token.",
  },
  SCOPE_MISSING: {
    status: 403,
    message:
      "The API token lacks the scope {scope}. Ask an administrator for a token with it.",
  },
  ADMIN_SESSION_REQUIRED: {
    status: 401,
    message:
      "The control panel session is missing, expired or ended. Sign in to the control panel again.",
  },
  ADMIN_ORIGIN_REJECTED: {
    status: 403,
    message:
      "The request's Origin {origin} is not the hub's public URL {expectedOrigin}. Open the control panel at {expectedOrigin}.",
  },
  ADMIN_CSRF_REJECTED: {
    status: 403,
    message:
      "The x-csrf-token header is missing or does not match the session. Reload the control panel and try again.",
  },
  CONTROL_PANEL_ACCESS_MISSING: {
    status: 403,
    message:
      "Your role lacks the permission control-panel.access. Ask head office for a role that has it.",
  },
  ADMIN_SIGN_IN_FAILED: {
    status: 401,
    message:
      "The employee number or password is incorrect, or no control panel password is set for this account. A tablet PIN does not open the control panel.",
  },
  ADMIN_PASSWORD_LOCKED: {
    status: 423,
    message:
      "Password sign-in for {name} is locked until {until} after {failures} wrong passwords. Wait, or set a new password with a one-time code.",
  },
  ADMIN_PROOF_FAILED: {
    status: 401,
    message:
      "The password given as proof for this action is incorrect. Nothing was changed.",
  },
  PASSWORD_CODE_INVALID: {
    status: 400,
    message:
      "The one-time password code is unknown, used or expired, or belongs to another employee number. Ask an administrator for a new code.",
  },
  USER_UNKNOWN: {
    status: 404,
    message:
      "No user {user} among the users you manage. Refresh the list of users.",
  },
  USER_STATUS_UNCHANGED: {
    status: 409,
    message: "{name} is already {status}. Nothing was changed.",
  },
  EMPLOYEE_NUMBER_TAKEN: {
    status: 409,
    message:
      "The employee number {employeeNumber} is already in use. Employee numbers are unique in the organisation; check the number.",
  },
  ROLE_UNKNOWN: {
    status: 404,
    message: "No role with id {roleId}. Pick a role from the list of roles.",
  },
  ROLE_NAME_TAKEN: {
    status: 409,
    message: "A role named {name} already exists. Choose another name.",
  },
  ROLE_LEVEL_NOT_BELOW: {
    status: 403,
    message:
      "Level {roleLevel} is not below your own level ({actorLevel}). You can only create, change or assign roles below your level.",
  },
  PERMISSION_NOT_HELD: {
    status: 403,
    message:
      "You cannot grant {permission} because your own role lacks it. Remove it from the role.",
  },
  ROLE_BUILT_IN: {
    status: 409,
    message:
      "{name} is a built-in role, so it cannot be deleted and its level cannot change.",
  },
  ROLE_IN_USE: {
    status: 409,
    message:
      "{count} users hold the role {name}. Give them another role first, then delete it.",
  },
  ROLE_HELD_OUT_OF_SCOPE: {
    status: 403,
    message:
      "{count} users outside your scope hold the role {name}, so changing it would change them too. Ask head office to change it.",
  },
  STORE_UNKNOWN: {
    status: 404,
    message:
      "No store with id {storeId}. Pick a store from the list of stores.",
  },
  STORE_CODE_TAKEN: {
    status: 409,
    message:
      "A store with the code {code} already exists. Choose another code.",
  },
  STORE_OUT_OF_SCOPE: {
    status: 403,
    message:
      "The store {name} lies outside your scope. Ask head office to make this change.",
  },
  GROUP_UNKNOWN: {
    status: 404,
    message:
      "No group of stores with id {groupId}. Pick a group from the list of groups.",
  },
  GROUP_NAME_TAKEN: {
    status: 409,
    message:
      "A group of stores named {name} already exists. Choose another name.",
  },
  ORG_WIDE_REQUIRED: {
    status: 403,
    message:
      "Only a user whose scope is the whole organisation can {action}. Ask head office.",
  },
  PIN_CHOICE_GRANT_INVALID: {
    status: 404,
    message:
      "The PIN choice grant is unknown or was issued for another user. Ask a manager to approve the PIN choice again.",
  },
  PIN_CHOICE_GRANT_EXPIRED: {
    status: 410,
    message:
      "The manager's approval to choose a PIN expired at {expiredAt}. Ask a manager to approve it again.",
  },
  PIN_CHOICE_GRANT_USED: {
    status: 409,
    message:
      "The manager's approval to choose a PIN was already used or replaced by a newer one. Ask a manager to approve it again.",
  },
  PIN_CHOICE_GRANT_OTHER_TABLET: {
    status: 403,
    message:
      "The manager's approval to choose a PIN belongs to another tablet. Choose the PIN on the tablet where the manager approved it.",
  },
  TABLET_NOT_FOUND: {
    status: 404,
    message:
      "No tablet with id {tabletId} in the stores you manage. Refresh the list of tablets.",
  },
  TABLET_ALREADY_REVOKED: {
    status: 409,
    message:
      "The tablet {label} is already revoked (status {status}). Nothing was changed.",
  },
  ROSTER_INVALID: {
    status: 422,
    message:
      "The roster file has problems (rows with problems: {rows}, problems in all: {count}), so nothing was imported. Fix the rows listed in the preview and upload the file again.",
  },
  ROSTER_PLAN_CHANGED: {
    status: 409,
    message:
      "The users changed since the preview, so the import would now do something else. Nothing was imported; preview the file again and review the new plan.",
  },
  API_TOKEN_NOT_FOUND: {
    status: 404,
    message: "No API token with id {tokenId}. Refresh the list of tokens.",
  },
  API_TOKEN_ALREADY_REVOKED: {
    status: 409,
    message: "The API token {name} is already revoked. Nothing was changed.",
  },
  PASSKEYS_UNAVAILABLE: {
    status: 503,
    message:
      "Passkeys are unavailable: the hub's relying party id {rpId} is an IP address, which WebAuthn refuses. Set STOREFLOOR_PUBLIC_URL to localhost or a domain name, or set STOREFLOOR_RP_ID.",
  },
  PASSKEY_PROOF_REQUIRED: {
    status: 403,
    message:
      "You have a passkey, so confirm this action with it rather than with a PIN or password. Nothing was changed.",
  },
  PASSKEY_REQUIRED: {
    status: 403,
    message:
      "The organisation requires a passkey as proof for a PIN reset. Confirm with your passkey; without one, ask an administrator for a registration grant.",
  },
  PASSKEY_GRANT_REQUIRED: {
    status: 403,
    message:
      "Registering a first passkey needs a one-time registration grant. Ask an administrator for one and give it as grant.",
  },
  PASSKEY_ROLE_NOT_ELIGIBLE: {
    status: 409,
    message:
      "The role {role} does not use passkeys, so no registration grant was issued. Passkeys are for supervisors, managers and administrators, and for roles that reset PINs or open the control panel.",
  },
  PASSKEY_GRANT_INVALID: {
    status: 400,
    message:
      "The registration grant is unknown, used or expired, or belongs to someone else. Ask an administrator for a new grant.",
  },
  PASSKEY_CHALLENGE_INVALID: {
    status: 400,
    message:
      "The passkey challenge is unknown, already used, expired or meant for something else. Ask for new options and try again.",
  },
  PASSKEY_VERIFICATION_FAILED: {
    status: 401,
    message:
      "The passkey's response was rejected: {reason}. Nothing was changed; try again with a registered passkey.",
  },
  PASSKEY_COUNTER_REPLAYED: {
    status: 401,
    message:
      "The passkey's signature counter went back, so it may have been copied. The attempt was recorded; use another passkey or ask an administrator to remove this one.",
  },
  PASSKEY_ALREADY_REGISTERED: {
    status: 409,
    message:
      "This authenticator already holds a registered passkey. Use that passkey, or remove it first.",
  },
  PASSKEY_NOT_FOUND: {
    status: 404,
    message:
      "No passkey with id {passkeyId} for this user. Refresh the list of passkeys.",
  },
  ADMIN_PASSKEY_SIGN_IN_FAILED: {
    status: 401,
    message:
      "The passkey did not sign you in: it is not registered, or its answer was rejected. Try again, or sign in with your password.",
  },
  NOT_FOUND: {
    status: 404,
    message: "No route {method} {url}. Check the path against the API.",
  },
  INTERNAL: {
    status: 500,
    message:
      "The hub failed to handle the request. Try again; the hub's log has the details under request id {requestId}.",
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];
export const ErrorCodeSchema = z.enum(
  ERROR_CODES as [ErrorCode, ...ErrorCode[]],
);

export type ErrorParams = Readonly<Record<string, string | number>>;

/** Fills the `{name}` placeholders of a code's message from `params`. */
export function formatErrorMessage(
  code: ErrorCode,
  params: ErrorParams = {},
): string {
  return ERRORS[code].message.replace(
    /\{(\w+)\}/g,
    (placeholder, name: string) => {
      const value = params[name];
      return value === undefined ? placeholder : String(value);
    },
  );
}

/** One invalid field of a request, by its path in the body, query or event. */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** The body of every error response and every failed socket acknowledgement. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** Invalid fields, for `INVALID_INPUT`. */
    fields: z.array(FieldError).optional(),
    /** Machine-readable values behind the message, such as `lockedUntil`. */
    details: z
      .record(
        z.string(),
        z.union([z.string(), z.number(), z.array(z.string())]),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
