import { describe, expect, it } from "vitest";
import { AdminApiError } from "../../panel/api/adminApi";
import { i18n } from "../../panel/i18n";
import {
  describePasskeyError,
  passkeyErrorCode,
} from "../../panel/passkeys/passkeyErrors";
import { PasskeyPromptError } from "../../panel/passkeys/PasskeyPromptError";

function hubError(code: string): AdminApiError {
  return new AdminApiError({
    code: code as never,
    message: `hub text for ${code}`,
    status: 401,
  });
}

describe("panel passkey errors", () => {
  it("words each prompt failure", () => {
    const cancelled = new PasskeyPromptError("cancelled", "NotAllowedError");
    expect(passkeyErrorCode(cancelled)).toBe("PASSKEY_CANCELLED");
    expect(describePasskeyError(cancelled)).toBe(
      i18n.t("passkeys.prompt.cancelled"),
    );
    const registered = new PasskeyPromptError("already-registered", "x");
    expect(passkeyErrorCode(registered)).toBe("PASSKEY_ALREADY_REGISTERED");
    expect(describePasskeyError(registered)).toBe(
      i18n.t("passkeys.prompt.already-registered"),
    );
  });

  it("words the hub's passkey codes", () => {
    expect(describePasskeyError(hubError("PASSKEY_GRANT_INVALID"))).toBe(
      i18n.t("passkeys.error.PASSKEY_GRANT_INVALID"),
    );
    expect(passkeyErrorCode(hubError("PASSKEY_GRANT_INVALID"))).toBe(
      "PASSKEY_GRANT_INVALID",
    );
  });

  it("words a rejected passkey as unknown at sign-in", () => {
    const rejected = hubError("PASSKEY_VERIFICATION_FAILED");
    expect(describePasskeyError(rejected, "sign-in")).toBe(
      i18n.t("passkeys.error.ADMIN_PASSKEY_SIGN_IN_FAILED"),
    );
    expect(describePasskeyError(rejected)).toBe(
      i18n.t("passkeys.error.PASSKEY_VERIFICATION_FAILED"),
    );
  });

  it("falls back to the panel's error texts", () => {
    expect(describePasskeyError(hubError("ADMIN_PROOF_FAILED"))).toBe(
      i18n.t("error.ADMIN_PROOF_FAILED"),
    );
    expect(describePasskeyError(hubError("ROLE_IN_USE"))).toBe(
      "hub text for ROLE_IN_USE",
    );
    expect(passkeyErrorCode(new Error("boom"))).toBe("UNKNOWN");
  });
});
