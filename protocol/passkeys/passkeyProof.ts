import { z } from "zod";
import { AuthenticationResponseJSON } from "./webauthnJson";

/** Id of a challenge the hub issued, as returned with its options. */
export const ChallengeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "must be the challengeId the hub returned");
export type ChallengeId = z.infer<typeof ChallengeId>;

/**
 * A passkey assertion over a challenge the hub issued: the response of
 * `navigator.credentials.get()` to the options of that challenge.
 */
export const PasskeyAssertion = z.object({
  challengeId: ChallengeId,
  response: AuthenticationResponseJSON,
});
export type PasskeyAssertion = z.infer<typeof PasskeyAssertion>;

/** A passkey as the actor's fresh proof, online. */
export const PasskeyProof = z.object({ passkey: PasskeyAssertion });
export type PasskeyProof = z.infer<typeof PasskeyProof>;

/**
 * A passkey as fresh proof for an action a tablet took offline. There is no
 * challenge from the hub: the challenge is `offlinePasskeyChallenge` of the
 * mutation without this proof, so the assertion covers that action only.
 */
export const OfflinePasskeyProof = z.object({
  passkey: z.object({
    response: AuthenticationResponseJSON,
    /**
     * The signature counter the tablet had cached for the credential when it
     * checked the assertion. The hub rejects a counter below it (unless both
     * are 0).
     */
    knownCounter: z.number().int().min(0),
  }),
});
export type OfflinePasskeyProof = z.infer<typeof OfflinePasskeyProof>;

/** True when a fresh proof is a passkey assertion. */
export function isPasskeyProof<Proof extends object>(
  proof: Proof | PasskeyProof,
): proof is PasskeyProof {
  return "passkey" in proof;
}
