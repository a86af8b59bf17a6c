import {
  checkPinPolicy,
  decideScope,
  SealedPinReset,
  type Mutation,
} from "../../../protocol";
import { toScopeActor, toScopeTarget } from "../../domain/actorScope";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import { scopeError } from "../../services/authorizeOnTarget";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { preparePin, storePin } from "../../services/storePin";
import { NO_LOCKOUT } from "../../storage/credentialRepository";
import type { TabletRecord } from "../../storage/tabletRepository";
import { checkOfflineResetProof } from "./checkOfflineResetProof";
import { openSealed } from "./openSealed";
import { requireStoreUser } from "./requireStoreUser";

/**
 * Applies a PIN reset a manager made at an offline tablet, after checking it
 * again on the hub's data: both users active in the tablet's store, the scope
 * rule on the actor's rights now, the actor's fresh proof (a passkey
 * assertion over the mutation, or the PIN against the hub's hash), and the
 * temporary PIN against the policy. A reset tightens access, so it wins
 * over the target's own PIN change made meanwhile; between two resets the
 * hub's order decides. The temporary PIN was handed over at the tablet, so
 * it is not delivered again, and it expires counting from the reset.
 *
 * NOTE: rights are checked as they are on arrival. A role or scope that was
 * wider at the claimed time and narrower now rejects the reset, as it should;
 * one that was narrower then and wider now is not detected, because the hub
 * keeps no history of role assignments.
 */
export async function applyPinReset(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Extract<Mutation, { kind: "pin.reset" }>,
): Promise<void> {
  const { storage } = context;
  const now = context.now();
  const actor = await requireStoreUser(context, tablet, mutation.actorId);
  const target = await requireStoreUser(context, tablet, mutation.targetId);

  const decision = decideScope(
    toScopeActor(actor),
    toScopeTarget(target),
    "pin.reset",
  );
  if (!decision.allowed) {
    throw scopeError(decision.reason, "pin.reset", actor, target);
  }

  // The actor's fresh proof, a passkey or the PIN, is checked again here.
  const sealed = openSealed(context, mutation.sealed, SealedPinReset);
  await checkOfflineResetProof(
    context,
    tablet,
    mutation,
    actor.user,
    sealed.actorPin,
  );

  const settings = await storage.org.getSettings();
  const violations = checkPinPolicy({
    pin: sealed.temporaryPin,
    minLength: settings.pinMinLength,
    employeeNumber: target.user.employeeNumber,
  });
  if (violations.length > 0) {
    throw new HubError(
      "PIN_POLICY_VIOLATION",
      { violations: violations.join(", ") },
      { details: { violations } },
    );
  }

  const resetAt = Math.min(mutation.clientTime, now);
  const expiresAt = resetAt + settings.temporaryPinTtlHours * 3_600_000;
  const material = await preparePin(
    context,
    target.user.id,
    sealed.temporaryPin,
  );
  // Set as of the reset at the tablet: the target's own change made after
  // it, offline too, must not count as overtaken by it.
  await storePin(storage, material, {
    temporary: true,
    expiresAt,
    now: resetAt,
  });
  await storage.credentials.saveLockout(target.user.id, NO_LOCKOUT);
  await storage.sessions.deleteAllOfUser(target.user.id);
  const entries = [
    await audit(
      storage,
      {
        kind: "pin.reset",
        outcome: "success",
        actorId: actor.user.id,
        targetId: target.user.id,
        tabletId: tablet.id,
        storeIds: [tablet.storeId],
        details: {
          offline: true,
          delivery: "in-person",
          clientTime: mutation.clientTime,
          mutationId: mutation.id,
          expiresAt,
        },
      },
      now,
    ),
    ...(await recordUserChange(
      storage,
      await storage.users.touch(target.user.id, now),
      now,
      {
        actorId: actor.user.id,
      },
    )),
  ];
  context.changes.publish(entries);
}
