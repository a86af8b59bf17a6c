/**
 * Reason a browser's passkey prompt ended without a credential:
 * - `cancelled`: closed, timed out, or no passkey for this site on the
 *   device. WebAuthn reports these alike (NotAllowedError), so that a page
 *   cannot probe which passkeys exist.
 * - `already-registered`: the authenticator already contains a passkey of
 *   this user (InvalidStateError at registration).
 * - `refused`: the browser refused the site's address (SecurityError).
 * - `unsupported`: the browser has no WebAuthn.
 * - `failed`: any other error of the authenticator or the browser.
 */
export type PasskeyPromptFailure =
  "cancelled" | "already-registered" | "refused" | "unsupported" | "failed";

/** A passkey prompt in the browser that ended without a credential. */
export class PasskeyPromptError extends Error {
  readonly failure: PasskeyPromptFailure;

  constructor(failure: PasskeyPromptFailure, message: string) {
    super(message);
    this.name = "PasskeyPromptError";
    this.failure = failure;
  }

  /**
   * Error code exposed in `data-code` for tests and styles, such as
   * `PASSKEY_CANCELLED`.
   */
  get code(): string {
    return `PASSKEY_${this.failure.toUpperCase().replace(/-/g, "_")}`;
  }
}
