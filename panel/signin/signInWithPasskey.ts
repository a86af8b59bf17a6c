import { AdminSessionView, PasskeyChallenge } from "../../protocol";
import { adminApi } from "../api/adminApi";
import { panelSession } from "../app/PanelSession";
import { getPasskeyAssertion } from "../passkeys/browserPasskey";

/**
 * Signs in with a discoverable passkey, without an employee number: the
 * hub issues a sign-in challenge, the browser lets the user pick a passkey
 * of this site, and the hub finds the user by the credential. The hub sets
 * the session cookie, and the session is then loaded from it.
 */
export async function signInWithPasskey(): Promise<void> {
  const challenge = await adminApi.post(
    "/api/admin/session/passkey-options",
    {},
    PasskeyChallenge,
  );
  const response = await getPasskeyAssertion(challenge.options);
  await adminApi.post(
    "/api/admin/session/passkey",
    { challengeId: challenge.challengeId, response },
    AdminSessionView,
  );
  // PanelSession has no entry point for a session opened elsewhere, so it
  // loads the one the new cookie carries.
  await panelSession.restore();
}
