import type { PasskeyAssertion, StoreId, TabletId } from "../../protocol";
import type { UserRecord } from "../storage/records";
import type { HubContext } from "../services/hubContext";
import { checkAssertion, recordPasskeyUse } from "./checkAssertion";
import { useChallenge } from "./passkeyChallenges";

/** The kiosk or panel session a fresh proof is given in. */
export interface ProofSession {
  /** Hash of the session token (kiosk) or the panel session's id. */
  readonly sessionKey: string;
  /** The tablet of a kiosk session; null in the control panel. */
  readonly tabletId: TabletId | null;
  readonly storeIds: readonly StoreId[];
}

/**
 * Checks a passkey given as fresh proof for `kind`: the challenge was
 * issued to this user in this session for a proof and is used up now, and
 * the assertion verifies under one of the user's own passkeys. Failures
 * are audited as `${kind}.proof`.
 */
export async function verifyPasskeyProof(
  context: HubContext,
  user: UserRecord,
  assertion: PasskeyAssertion,
  session: ProofSession,
  kind: string,
): Promise<void> {
  const challenge = await useChallenge(
    context,
    assertion.challengeId,
    {
      purpose: "proof",
      userId: user.id,
      tabletId: session.tabletId,
      sessionKey: session.sessionKey,
    },
    "body.proof.passkey.challengeId",
  );
  const auditAs = {
    kind: `${kind}.proof`,
    actorId: user.id,
    targetId: user.id,
    tabletId: session.tabletId,
    storeIds: session.storeIds,
  };
  const verified = await checkAssertion(
    context,
    {
      response: assertion.response,
      expectedChallenge: challenge.challenge,
      ownerId: user.id,
    },
    auditAs,
  );
  await recordPasskeyUse(context, verified, auditAs);
}
