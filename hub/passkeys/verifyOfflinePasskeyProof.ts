import {
  offlinePasskeyChallenge,
  type Mutation,
  type OfflinePasskeyProof,
} from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { UserRecord } from "../storage/records";
import type { TabletRecord } from "../storage/tabletRepository";
import { checkClaimTime } from "../sync/mutations/checkClaimTime";
import { checkAssertion } from "./checkAssertion";
import { requirePasskeys } from "./passkeyAvailability";

/** An action a tablet took offline, proved with a passkey assertion. */
export interface OfflinePasskeyClaim {
  readonly tablet: TabletRecord;
  /** The user whose passkey proves the action. */
  readonly actor: UserRecord;
  /** The mutation as received, without its `proof`: the challenge's input. */
  readonly mutation: Mutation;
  readonly proof: OfflinePasskeyProof;
}

/**
 * Verifies the passkey proof of an offline action on its arrival, with
 * rules of its own since no hub challenge exists: the challenge is
 * `offlinePasskeyChallenge` of the mutation, so the assertion proves that
 * action only. Origin, RP ID, user presence and verification and the
 * signature are checked as online, and the credential must be a current
 * passkey of the actor. The claim's tablet time must be plausible
 * (`checkClaimTime`), which gives freshness. The counter must rise above
 * the one the tablet had cached (0 staying 0 is allowed), not above the
 * stored one, which later online uses may have raised. Each mutation id is
 * accepted once. Finally the stored counter is raised. Call inside the
 * push's transaction, which audits a rejection; throws HubError.
 */
export async function verifyOfflinePasskeyProof(
  context: HubContext,
  claim: OfflinePasskeyClaim,
): Promise<void> {
  requirePasskeys(context);
  const { tablet, actor, mutation } = claim;
  const { response, knownCounter } = claim.proof.passkey;
  await checkClaimTime(context, tablet, mutation);
  const verified = await checkAssertion(
    context,
    {
      response,
      expectedChallenge: await offlinePasskeyChallenge(mutation),
      ownerId: actor.id,
      counterFloor: knownCounter,
    },
    null,
  );
  const now = context.now();
  const first = await context.storage.passkeys.recordOfflineAssertion({
    mutationId: mutation.id,
    credentialId: verified.passkey.credentialId,
    userId: actor.id,
    tabletId: tablet.id,
    counter: verified.counter,
    acceptedAt: now,
  });
  if (!first) {
    throw new HubError(
      "PASSKEY_VERIFICATION_FAILED",
      { reason: "the assertion was already used for this action" },
      { details: { cause: "offline assertion replayed" } },
    );
  }
  await context.storage.passkeys.raiseCounter(
    verified.passkey.id,
    verified.counter,
    now,
  );
  context.logger.info(
    {
      tabletId: tablet.id,
      mutationId: mutation.id,
      actorId: actor.id,
      passkeyId: verified.passkey.id,
    },
    "offline passkey proof accepted",
  );
}
