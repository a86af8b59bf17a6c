import {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
  type CreationOptionsJSON,
  type RequestOptionsJSON,
} from "../../protocol";
import { KioskError } from "../net/KioskError";

/**
 * Asks the browser for a passkey assertion with `navigator.credentials.get()`
 * through @simplewebauthn/browser, loaded on first use so the kiosk's first
 * page stays small. Throws PASSKEY_CANCELLED when the user closes the
 * prompt, the time runs out or no matching passkey is on this device.
 */
export async function promptPasskey(
  options: RequestOptionsJSON,
): Promise<AuthenticationResponseJSON> {
  const { startAuthentication } = await import("@simplewebauthn/browser");
  let response: unknown;
  try {
    response = await startAuthentication({ optionsJSON: options });
  } catch (error) {
    throw browserRefusal(error);
  }
  const parsed = AuthenticationResponseJSON.safeParse(response);
  if (!parsed.success) {
    throw KioskError.badResponse("passkey assertion from the browser");
  }
  return parsed.data;
}

/**
 * Asks the browser to create a passkey with `navigator.credentials.create()`
 * for the creation options the hub made.
 */
export async function createPasskey(
  options: CreationOptionsJSON,
): Promise<RegistrationResponseJSON> {
  const { startRegistration } = await import("@simplewebauthn/browser");
  let response: unknown;
  try {
    response = await startRegistration({ optionsJSON: options });
  } catch (error) {
    throw browserRefusal(error);
  }
  const parsed = RegistrationResponseJSON.safeParse(response);
  if (!parsed.success) {
    throw KioskError.badResponse("passkey registration from the browser");
  }
  return parsed.data;
}

/**
 * Turns the browser's refusal into a kiosk error. WebAuthn reports a
 * cancelled prompt, a timeout and a missing passkey alike as
 * NotAllowedError, so that the page cannot probe which passkeys exist.
 */
function browserRefusal(error: unknown): KioskError {
  // @simplewebauthn/browser's WebAuthnError takes the DOMException's name.
  const name = error instanceof Error ? error.name : "";
  return new KioskError({
    code: "PASSKEY_CANCELLED",
    message: `The passkey prompt ended without an answer (${name || String(error)}).`,
    details: { name },
  });
}
