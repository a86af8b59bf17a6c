import { ADMIN_PASSWORD_MIN_LENGTH } from "../../protocol";
import { i18n } from "../i18n";

/**
 * Checks a new password and its repetition before they go to the hub;
 * returns the problem's text, or undefined when both are fine. The hub
 * checks again with the protocol's schema.
 */
export function newPasswordProblem(
  password: string,
  repeated: string,
): string | undefined {
  if (password.length < ADMIN_PASSWORD_MIN_LENGTH) {
    return i18n.t("setPassword.tooShort", { min: ADMIN_PASSWORD_MIN_LENGTH });
  }
  if (password !== repeated) {
    return i18n.t("setPassword.mismatch");
  }
  return undefined;
}
