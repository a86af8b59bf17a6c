import { isLocked, SealedPinChange, type Mutation } from "../../../protocol";
import { recordUserChange } from "../../domain/userChanges";
import { audit } from "../../services/audit";
import { assertPinAcceptable } from "../../services/choosePin";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { preparePin, storePin } from "../../services/storePin";
import type { TabletRecord } from "../../storage/tabletRepository";
import { openSealed } from "./openSealed";
import { requireStoreUser } from "./requireStoreUser";

/**
 * Applies a PIN change a user made at an offline tablet. It loosens access,
 * so it loses to anything that tightened access meanwhile: a PIN set by
 * someone else after the change was made, or a lock in force now.
 */
export async function applyPinChange(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Extract<Mutation, { kind: "pin.change" }>,
): Promise<void> {
  const { storage } = context;
  const now = context.now();
  const { user } = await requireStoreUser(context, tablet, mutation.userId);
  const sealed = openSealed(context, mutation.sealed, SealedPinChange);

  // A reset (or any newer PIN) after the offline change wins over it.
  const credential = await storage.credentials.getPin(user.id);
  if (!credential || credential.setAt > mutation.clientTime) {
    throw new HubError("CONFLICT_SUPERSEDED", {
      reason: "a newer PIN was set at the hub",
    });
  }

  // A lock wins over the user's own change.
  const lockout = await storage.credentials.getLockout(user.id);
  if (isLocked(lockout.lock, now)) {
    throw new HubError("CONFLICT_SUPERSEDED", { reason: "the user is locked" });
  }

  // The hub checks the current PIN itself; the tablet's word is not enough.
  if (!(await context.hasher.verify(credential.hash, sealed.currentPin))) {
    throw new HubError("PROOF_FAILED");
  }

  await assertPinAcceptable(context, user, sealed.newPin);
  const material = await preparePin(context, user.id, sealed.newPin);
  // The PIN counts as set when the user changed it at the tablet, so a later
  // offline change of the same user, sent in the same outbox, is not taken
  // for one overtaken by it.
  await storePin(storage, material, {
    temporary: false,
    expiresAt: null,
    now: Math.min(mutation.clientTime, now),
  });
  await storage.sessions.deleteAllOfUser(user.id);
  const entries = [
    await audit(
      storage,
      {
        kind: "pin.change",
        outcome: "success",
        actorId: user.id,
        targetId: user.id,
        tabletId: tablet.id,
        storeIds: [tablet.storeId],
        details: {
          offline: true,
          clientTime: mutation.clientTime,
          mutationId: mutation.id,
        },
      },
      now,
    ),
    ...(await recordUserChange(
      storage,
      await storage.users.touch(user.id, now),
      now,
    )),
  ];
  context.changes.publish(entries);
}
