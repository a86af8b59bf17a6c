import { z } from "zod";
import { ChallengeId } from "./passkeyProof";
import { AuthenticationResponseJSON, RequestOptionsJSON } from "./webauthnJson";

/**
 * Request options for `navigator.credentials.get()` and the id of their
 * challenge: for a fresh proof, or for control panel sign-in. The challenge
 * works once and expires after two minutes.
 */
export const PasskeyChallenge = z.object({
  challengeId: ChallengeId,
  options: RequestOptionsJSON,
  /** When the challenge expires, in milliseconds since the epoch. */
  expiresAt: z.number().int(),
});
export type PasskeyChallenge = z.infer<typeof PasskeyChallenge>;

/** Body of `POST /api/admin/session/passkey`: sign-in with a passkey. */
export const AdminPasskeySignInRequest = z.object({
  challengeId: ChallengeId,
  response: AuthenticationResponseJSON,
});
export type AdminPasskeySignInRequest = z.infer<
  typeof AdminPasskeySignInRequest
>;
