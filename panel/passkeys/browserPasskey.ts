import {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
  type CreationOptionsJSON,
  type RequestOptionsJSON,
} from "../../protocol";
import { AdminApiError } from "../api/adminApi";
import { PasskeyPromptError } from "./PasskeyPromptError";

/**
 * Asks the browser for a passkey assertion (`navigator.credentials.get()`)
 * through @simplewebauthn/browser, loaded on first use. Throws a
 * `PasskeyPromptError` when the prompt ends without one.
 */
export async function getPasskeyAssertion(
  options: RequestOptionsJSON,
): Promise<AuthenticationResponseJSON> {
  const { browserSupportsWebAuthn, startAuthentication } =
    await import("@simplewebauthn/browser");
  if (!browserSupportsWebAuthn()) {
    throw unsupported();
  }
  let response: unknown;
  try {
    response = await startAuthentication({ optionsJSON: options });
  } catch (error) {
    throw promptFailure(error);
  }
  const parsed = AuthenticationResponseJSON.safeParse(response);
  if (!parsed.success) {
    throw badBrowserAnswer("passkey assertion");
  }
  return parsed.data;
}

/**
 * Asks the browser to create a passkey (`navigator.credentials.create()`)
 * with the creation options the hub made. Throws a `PasskeyPromptError`
 * when the prompt ends without one.
 */
export async function createPasskeyCredential(
  options: CreationOptionsJSON,
): Promise<RegistrationResponseJSON> {
  const { browserSupportsWebAuthn, startRegistration } =
    await import("@simplewebauthn/browser");
  if (!browserSupportsWebAuthn()) {
    throw unsupported();
  }
  let response: unknown;
  try {
    response = await startRegistration({ optionsJSON: options });
  } catch (error) {
    throw promptFailure(error);
  }
  const parsed = RegistrationResponseJSON.safeParse(response);
  if (!parsed.success) {
    throw badBrowserAnswer("passkey registration");
  }
  return parsed.data;
}

function unsupported(): PasskeyPromptError {
  return new PasskeyPromptError(
    "unsupported",
    "This browser does not support passkeys (WebAuthn).",
  );
}

function badBrowserAnswer(what: string): AdminApiError {
  return new AdminApiError({
    code: "BAD_RESPONSE",
    status: 0,
    message: `The browser returned a ${what} in an unexpected form.`,
  });
}

/**
 * Classifies the browser's error by its DOMException name, which
 * @simplewebauthn/browser's WebAuthnError keeps.
 */
function promptFailure(error: unknown): PasskeyPromptError {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case "NotAllowedError":
    case "AbortError":
      return new PasskeyPromptError("cancelled", message);
    case "InvalidStateError":
      return new PasskeyPromptError("already-registered", message);
    case "SecurityError":
      return new PasskeyPromptError("refused", message);
    default:
      return new PasskeyPromptError("failed", message);
  }
}
