import { html, nothing } from "lit";
import type { ErrorCode } from "../../protocol";
import { AdminApiError } from "../api/adminApi";
import { describeError, i18n, type PlainMessageKey } from "../i18n";
import { renderErrorNotice } from "../ui/fieldErrors";
import {
  PasskeyPromptError,
  type PasskeyPromptFailure,
} from "./PasskeyPromptError";

const PROMPT_MESSAGES: Readonly<Record<PasskeyPromptFailure, PlainMessageKey>> =
  {
    cancelled: "passkeys.prompt.cancelled",
    "already-registered": "passkeys.prompt.already-registered",
    refused: "passkeys.prompt.refused",
    unsupported: "passkeys.prompt.unsupported",
    failed: "passkeys.prompt.failed",
  };

/** The hub's passkey error codes that the panel words itself. */
const HUB_MESSAGES: Readonly<Partial<Record<ErrorCode, PlainMessageKey>>> = {
  ADMIN_PASSKEY_SIGN_IN_FAILED: "passkeys.error.ADMIN_PASSKEY_SIGN_IN_FAILED",
  PASSKEY_VERIFICATION_FAILED: "passkeys.error.PASSKEY_VERIFICATION_FAILED",
  PASSKEY_CHALLENGE_INVALID: "passkeys.error.PASSKEY_CHALLENGE_INVALID",
  PASSKEY_PROOF_REQUIRED: "passkeys.error.PASSKEY_PROOF_REQUIRED",
  PASSKEY_GRANT_REQUIRED: "passkeys.error.PASSKEY_GRANT_REQUIRED",
  PASSKEY_GRANT_INVALID: "passkeys.error.PASSKEY_GRANT_INVALID",
  PASSKEY_ALREADY_REGISTERED: "passkeys.error.PASSKEY_ALREADY_REGISTERED",
  PASSKEYS_UNAVAILABLE: "passkeys.error.PASSKEYS_UNAVAILABLE",
};

/** The step of a passkey error: sign-in, or a proof or registration. */
export type PasskeyStep = "sign-in" | "other";

/**
 * Returns the localised text for an error of a passkey step: a browser
 * prompt that ended without a credential, one of the hub's passkey codes,
 * or else the text of `describeError`.
 */
export function describePasskeyError(
  error: unknown,
  step: PasskeyStep = "other",
): string {
  if (error instanceof PasskeyPromptError) {
    return i18n.t(PROMPT_MESSAGES[error.failure]);
  }
  if (error instanceof AdminApiError) {
    // At sign-in the hub rejects a credential it does not know (such as a
    // removed passkey) with PASSKEY_VERIFICATION_FAILED, so the text names that.
    if (step === "sign-in" && error.code === "PASSKEY_VERIFICATION_FAILED") {
      return i18n.t("passkeys.error.ADMIN_PASSKEY_SIGN_IN_FAILED");
    }
    const messages: Readonly<Record<string, PlainMessageKey | undefined>> =
      HUB_MESSAGES;
    const key = Object.hasOwn(messages, error.code)
      ? messages[error.code]
      : undefined;
    if (key !== undefined) {
      return i18n.t(key);
    }
  }
  return describeError(error);
}

/** Returns the code of an error for `data-code`, as `renderErrorNotice` sets it. */
export function passkeyErrorCode(error: unknown): string {
  if (error instanceof PasskeyPromptError) {
    return error.code;
  }
  return error instanceof AdminApiError ? error.code : "UNKNOWN";
}

/**
 * Renders an error of a passkey step as an alert with data-testid `testId`
 * and `data-code`. Errors with invalid fields keep the field list of
 * `renderErrorNotice`.
 */
export function renderPasskeyError(
  error: unknown,
  testId: string,
  step: PasskeyStep = "other",
) {
  if (error === undefined) {
    return nothing;
  }
  if (error instanceof AdminApiError && error.fields.length > 0) {
    return renderErrorNotice(error, testId);
  }
  return html`<div
    class="error"
    role="alert"
    data-testid=${testId}
    data-code=${passkeyErrorCode(error)}
  >
    <p>${describePasskeyError(error, step)}</p>
  </div>`;
}
