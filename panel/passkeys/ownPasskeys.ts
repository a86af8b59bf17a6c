import {
  PasskeyChallenge,
  PasskeyListResponse,
  type PasskeyListItem,
  type PasskeyProof,
} from "../../protocol";
import { adminApi } from "../api/adminApi";
import { getPasskeyAssertion } from "./browserPasskey";

/** Fetches the signed-in user's passkeys. */
export async function fetchOwnPasskeys(): Promise<PasskeyListItem[]> {
  const list = await adminApi.get("/api/admin/passkeys", PasskeyListResponse);
  return list.passkeys;
}

/**
 * Returns whether the signed-in user has a passkey, so must prove with it.
 * The session view lacks this flag, so it fetches the list each time. When
 * that request fails it returns false, and the hub's PASSKEY_PROOF_REQUIRED
 * then switches the proof dialog to the passkey.
 */
export async function signedInUserHasPasskey(): Promise<boolean> {
  try {
    return (await fetchOwnPasskeys()).length > 0;
  } catch {
    return false;
  }
}

/**
 * Proves the signed-in user with a passkey: fetches a proof challenge of
 * this session and asks the browser for an assertion over it.
 */
export async function provePasskey(): Promise<PasskeyProof> {
  const challenge = await adminApi.post(
    "/api/admin/proof-options",
    {},
    PasskeyChallenge,
  );
  const response = await getPasskeyAssertion(challenge.options);
  return { passkey: { challengeId: challenge.challengeId, response } };
}
