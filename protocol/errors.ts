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
