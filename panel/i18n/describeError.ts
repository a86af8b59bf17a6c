import type { ErrorCode } from "../../protocol";
import { AdminApiError, type PanelErrorCode } from "../api/AdminApiError";
import type { PlainMessageKey } from "./Dictionary";
import { i18n } from "./panelI18n";
import { formatDateTime } from "../ui/formatDateTime";

/**
 * The message for each error code the panel words itself. A code missing
 * here shows the hub's English message, which names the value and the fix.
 */
const ERROR_MESSAGES: Readonly<
  Partial<Record<ErrorCode | PanelErrorCode, PlainMessageKey>>
> = {
  INVALID_INPUT: "error.INVALID_INPUT",
  ADMIN_SESSION_REQUIRED: "error.ADMIN_SESSION_REQUIRED",
  ADMIN_CSRF_REJECTED: "error.ADMIN_CSRF_REJECTED",
  CONTROL_PANEL_ACCESS_MISSING: "error.CONTROL_PANEL_ACCESS_MISSING",
  ADMIN_SIGN_IN_FAILED: "error.ADMIN_SIGN_IN_FAILED",
  ADMIN_PROOF_FAILED: "error.ADMIN_PROOF_FAILED",
  PASSWORD_CODE_INVALID: "error.PASSWORD_CODE_INVALID",
  PERMISSION_MISSING: "error.PERMISSION_MISSING",
  LEVEL_NOT_HIGHER: "error.LEVEL_NOT_HIGHER",
  OUT_OF_SCOPE: "error.OUT_OF_SCOPE",
  SELF_ACTION: "error.SELF_ACTION",
  RATE_LIMITED: "error.RATE_LIMITED",
  INTERNAL: "error.INTERNAL",
  NETWORK: "error.NETWORK",
  BAD_RESPONSE: "error.BAD_RESPONSE",
};

/**
 * Returns the localised text for an error. An `AdminApiError` with a code
 * this panel does not word shows the hub's English message; any other
 * error shows a generic text.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof AdminApiError)) {
    return i18n.t("error.unexpected");
  }
  if (error.code === "ADMIN_PASSWORD_LOCKED") {
    const until = error.detailNumber("lockedUntil");
    if (until !== undefined) {
      return i18n.t("error.ADMIN_PASSWORD_LOCKED.until", {
        time: formatDateTime(until),
      });
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
