import type { ErrorCode, PinPolicyViolation } from "../../protocol";
import type { KioskError, LocalErrorCode } from "../net/KioskError";
import type { MessageKey, PlainMessageKey } from "./Dictionary";
import type { I18n } from "./I18n";

/**
 * The message for each error code that needs no values from `details`. A
 * code missing here shows the hub's English message.
 */
const ERROR_MESSAGES: Readonly<
  Partial<Record<ErrorCode | LocalErrorCode, PlainMessageKey>>
> = {
  INVALID_INPUT: "error.INVALID_INPUT",
  UNAUTHENTICATED: "error.UNAUTHENTICATED",
  PIN_INCORRECT: "error.PIN_INCORRECT",
  USER_LOCKED: "error.USER_LOCKED",
  USER_LOCKED_PERMANENT: "error.USER_LOCKED_PERMANENT",
  TEMPORARY_PIN_EXPIRED: "error.TEMPORARY_PIN_EXPIRED",
  PIN_NOT_SET: "error.PIN_NOT_SET",
  PIN_CHANGE_REQUIRED: "error.PIN_CHANGE_REQUIRED",
  PIN_POLICY_VIOLATION: "error.PIN_POLICY_VIOLATION",
  USER_NOT_FOUND: "error.USER_NOT_FOUND",
  USER_INACTIVE: "error.USER_INACTIVE",
  STORE_NOT_FOUND: "error.STORE_NOT_FOUND",
  PERMISSION_MISSING: "error.PERMISSION_MISSING",
  LEVEL_NOT_HIGHER: "error.LEVEL_NOT_HIGHER",
  OUT_OF_SCOPE: "error.OUT_OF_SCOPE",
  SELF_ACTION: "error.SELF_ACTION",
  PROOF_FAILED: "error.PROOF_FAILED",
  NOT_LOCKED: "error.NOT_LOCKED",
  PROTOCOL_MISMATCH: "error.PROTOCOL_MISMATCH",
  RATE_LIMITED: "error.RATE_LIMITED",
  DEMO_ONLY: "error.DEMO_ONLY",
  NOT_FOUND: "error.NOT_FOUND",
  INTERNAL: "error.INTERNAL",
  PIN_CHOICE_GRANT_INVALID: "error.PIN_CHOICE_GRANT_INVALID",
  PIN_CHOICE_GRANT_EXPIRED: "error.PIN_CHOICE_GRANT_EXPIRED",
  PIN_CHOICE_GRANT_USED: "error.PIN_CHOICE_GRANT_USED",
  PIN_CHOICE_GRANT_OTHER_TABLET: "error.PIN_CHOICE_GRANT_OTHER_TABLET",
  ENROLLMENT_CODE_INVALID: "error.ENROLLMENT_CODE_INVALID",
  TABLET_CHALLENGE_INVALID: "error.TABLET_CHALLENGE_INVALID",
  TABLET_UNKNOWN: "error.TABLET_UNKNOWN",
  TABLET_REVOKED: "error.TABLET_REVOKED",
  TABLET_NOT_ENROLLED: "error.TABLET_NOT_ENROLLED",
  CLAIM_TIME_IMPLAUSIBLE: "error.CLAIM_TIME_IMPLAUSIBLE",
  CONFLICT_SUPERSEDED: "error.CONFLICT_SUPERSEDED",
  SEALED_SECRET_INVALID: "error.SEALED_SECRET_INVALID",
  CURSOR_EXPIRED: "error.CURSOR_EXPIRED",
  NETWORK: "error.NETWORK",
  BAD_RESPONSE: "error.BAD_RESPONSE",
  OFFLINE_UNAVAILABLE: "error.OFFLINE_UNAVAILABLE",
  OFFLINE_NO_VERIFIER: "error.OFFLINE_NO_VERIFIER",
  OFFLINE_CHECK_FAILED: "error.OFFLINE_CHECK_FAILED",
  OFFLINE_PASSKEY_UNAVAILABLE: "error.OFFLINE_PASSKEY_UNAVAILABLE",
  PASSKEY_CANCELLED: "error.PASSKEY_CANCELLED",
  PASSKEY_REQUIRED: "error.PASSKEY_REQUIRED",
  PASSKEY_PROOF_REQUIRED: "error.PASSKEY_PROOF_REQUIRED",
  PASSKEY_VERIFICATION_FAILED: "error.PASSKEY_VERIFICATION_FAILED",
  PASSKEY_CHALLENGE_INVALID: "error.PASSKEY_CHALLENGE_INVALID",
  PASSKEY_COUNTER_REPLAYED: "error.PASSKEY_COUNTER_REPLAYED",
  PASSKEY_GRANT_REQUIRED: "error.PASSKEY_GRANT_REQUIRED",
  PASSKEY_GRANT_INVALID: "error.PASSKEY_GRANT_INVALID",
  PASSKEY_ALREADY_REGISTERED: "error.PASSKEY_ALREADY_REGISTERED",
  PASSKEY_NOT_FOUND: "error.PASSKEY_NOT_FOUND",
  ONLINE_ONLY: "error.ONLINE_ONLY",
  OUTBOX_FULL: "error.OUTBOX_FULL",
  STORAGE_FAILED: "error.STORAGE_FAILED",
  INSECURE_CONTEXT: "error.INSECURE_CONTEXT",
};

/** Every violation code, each with its message. */
const VIOLATION_MESSAGES = {
  "not-digits": "pinPolicy.not-digits",
  "too-short": "pinPolicy.too-short",
  "too-long": "pinPolicy.too-long",
  "repeated-digit": "pinPolicy.repeated-digit",
  sequence: "pinPolicy.sequence",
  "employee-number": "pinPolicy.employee-number",
  "common-pin": "pinPolicy.common-pin",
  "recently-used": "pinPolicy.recently-used",
} as const satisfies Record<PinPolicyViolation, MessageKey>;

/**
 * Returns the localised text for an error, using `details` where the hub
 * sent them (`attemptsBeforeLock`, `lockedUntil`, `retryAfterSeconds`). An
 * error code this kiosk does not know shows the hub's English message.
 */
export function describeError(
  error: KioskError,
  i18n: I18n,
  timeZone?: string,
): string {
  switch (error.code) {
    case "PIN_INCORRECT": {
      const remaining = error.detailNumber("attemptsBeforeLock");
      return remaining === undefined
        ? i18n.t("error.PIN_INCORRECT")
        : i18n.plural("error.PIN_INCORRECT.remaining", remaining);
    }
    case "USER_LOCKED": {
      const until = error.detailNumber("lockedUntil");
      return until === undefined
        ? i18n.t("error.USER_LOCKED")
        : i18n.t("error.USER_LOCKED.until", {
            time: i18n.formatTime(until, timeZone),
          });
    }
    case "OFFLINE_PASSKEY_UNAVAILABLE":
      return error.detailString("reason") === "algorithm"
        ? i18n.t("error.OFFLINE_PASSKEY_UNAVAILABLE.algorithm")
        : i18n.t("error.OFFLINE_PASSKEY_UNAVAILABLE");
    case "RATE_LIMITED": {
      const seconds = error.detailNumber("retryAfterSeconds");
      return seconds === undefined
        ? i18n.t("error.RATE_LIMITED")
        : i18n.plural("error.RATE_LIMITED.wait", Math.ceil(seconds));
    }
  }
  const messages: Readonly<Record<string, PlainMessageKey | undefined>> =
    ERROR_MESSAGES;
  // hasOwn: a code such as "toString" must not reach Object.prototype.
  const key = Object.hasOwn(messages, error.code)
    ? messages[error.code]
    : undefined;
  return key === undefined ? error.message : i18n.t(key);
}

/**
 * Returns one localised sentence for each PIN policy violation, skipping
 * codes this kiosk does not know.
 */
export function describeViolations(
  violations: readonly string[],
  i18n: I18n,
  limits: { readonly min: number; readonly max: number },
): string[] {
  const sentences: string[] = [];
  for (const violation of violations) {
    switch (violation) {
      case "too-short":
        sentences.push(i18n.t(VIOLATION_MESSAGES[violation], limits));
        break;
      case "too-long":
        sentences.push(i18n.t(VIOLATION_MESSAGES[violation], limits));
        break;
      case "not-digits":
      case "repeated-digit":
      case "sequence":
      case "employee-number":
      case "common-pin":
      case "recently-used":
        sentences.push(i18n.t(VIOLATION_MESSAGES[violation]));
        break;
    }
  }
  return sentences;
}
