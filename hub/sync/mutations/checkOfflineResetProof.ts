import type { Mutation } from "../../../protocol";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import type { UserRecord } from "../../storage/records";
import type { TabletRecord } from "../../storage/tabletRepository";
import { verifyOfflinePasskeyProof } from "../../passkeys/verifyOfflinePasskeyProof";

/**
 * Checks the actor's fresh proof of a reset made at an offline tablet. A
 * passkey assertion is verified again over the mutation as received. An
 * actor with a passkey must have proved with it (PASSKEY_PROOF_REQUIRED),
 * and while the organisation requires a passkey for resets, a reset
 * without one fails (PASSKEY_REQUIRED). Otherwise the actor's PIN, typed at
 * the tablet and sealed in the mutation, is checked against the hub's hash
 * (PROOF_FAILED).
 */
export async function checkOfflineResetProof(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Extract<Mutation, { kind: "pin.reset" }>,
  actor: UserRecord,
  actorPin: string | undefined,
): Promise<void> {
  const { storage } = context;
  if (mutation.proof !== undefined) {
    const { proof, ...withoutProof } = mutation;
    await verifyOfflinePasskeyProof(context, {
      tablet,
      actor,
      mutation: withoutProof,
      proof,
    });
    return;
  }
  if ((await storage.passkeys.countOfUser(actor.id)) > 0) {
    throw new HubError("PASSKEY_PROOF_REQUIRED");
  }
  if ((await storage.org.getSettings()).requirePasskeyForReset) {
    throw new HubError("PASSKEY_REQUIRED");
  }
  const credential = await storage.credentials.getPin(actor.id);
  if (
    actorPin === undefined ||
    !credential ||
    !(await context.hasher.verify(credential.hash, actorPin))
  ) {
    throw new HubError("PROOF_FAILED");
  }
}
