import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PasskeyChallenge } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import type { PasskeyRecord } from "../storage/passkeyRepository";
import { requirePasskeys } from "./passkeyAvailability";
import type { PasskeyOwner } from "./passkeyOwner";
import {
  CHALLENGE_TTL_MS,
  issueChallenge,
  type ChallengeBinding,
} from "./passkeyChallenges";

/**
 * Issues a challenge bound to `binding` and returns request options for
 * `navigator.credentials.get()` that require user verification. With
 * `allowed` null the options name no credential, so the browser offers
 * every discoverable passkey of this RP ID (panel sign-in).
 */
export async function issueRequestOptions(
  context: HubContext,
  binding: ChallengeBinding,
  allowed: readonly PasskeyRecord[] | null,
): Promise<PasskeyChallenge> {
  requirePasskeys(context);
  const challenge = await issueChallenge(context, binding);
  const options = await generateAuthenticationOptions({
    rpID: context.config.passkeys.rpId,
    challenge: challenge.bytes,
    timeout: CHALLENGE_TTL_MS,
    userVerification: "required",
    allowCredentials:
      allowed === null
        ? []
        : allowed.map((passkey) => ({ id: passkey.credentialId })),
  });
  return {
    challengeId: challenge.id,
    options,
    expiresAt: challenge.expiresAt,
  };
}

/**
 * Issues a fresh-proof challenge bound to `owner`'s session and tablet, with
 * request options that allow only `owner`'s own passkeys.
 */
export async function issueProofOptions(
  context: HubContext,
  owner: PasskeyOwner,
): Promise<PasskeyChallenge> {
  return issueRequestOptions(
    context,
    {
      purpose: "proof",
      userId: owner.user.id,
      tabletId: owner.tabletId,
      sessionKey: owner.sessionKey,
    },
    await context.storage.passkeys.listOfUser(owner.user.id),
  );
}
