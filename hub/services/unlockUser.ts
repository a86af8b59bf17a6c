import type { KioskUser, UnlockRequest, UserId } from "../../protocol";
import { NO_LOCKOUT } from "../storage/credentialRepository";
import type { UserRecord } from "../storage/records";
import { loadKioskUser } from "../domain/kioskUserView";
import { recordUserChange } from "../domain/userChanges";
import { auditStoreIds, kioskOrigin, type ActionOrigin } from "./actionOrigin";
import { audit } from "./audit";
import { authorizeFromOrigin, verifyFreshProof } from "./authorizeOnTarget";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import type { KioskPrincipal } from "./kioskSessions";

const UNLOCK_KIND = "user.unlock";

/**
 * Unlocks a colleague at a tablet through `unlockUserFrom`, with the actor's
 * PIN typed again as the fresh proof.
 */
export async function unlockUser(
  context: HubContext,
  principal: KioskPrincipal,
  targetId: UserId,
  request: UnlockRequest,
): Promise<KioskUser> {
  const user = await unlockUserFrom(context, kioskOrigin(principal), targetId, {
    proveActor: () =>
      verifyFreshProof(context, principal, request.proof, UNLOCK_KIND),
  });
  return loadKioskUser(context.storage, user);
}

/**
 * Unlocks a colleague locked by wrong PINs and clears their failure count,
 * after the scope rule and the actor's fresh proof, which `proveActor`
 * checks. Returns the updated user.
 */
export async function unlockUserFrom(
  context: HubContext,
  origin: ActionOrigin,
  targetId: UserId,
  options: { proveActor: () => Promise<void> },
): Promise<UserRecord> {
  const { storage } = context;
  const { actor } = origin;
  const kind = UNLOCK_KIND;

  const target = await authorizeFromOrigin(
    context,
    origin,
    targetId,
    "user.unlock",
    kind,
  );
  await options.proveActor();

  // Nothing to do for a user with no lock and no failures.
  const lockout = await storage.credentials.getLockout(target.user.id);
  if (lockout.lock.kind === "none" && lockout.failures === 0) {
    throw new HubError(
      "NOT_LOCKED",
      { name: `${target.user.firstName} ${target.user.lastName}` },
      // The control panel names the target in the path.
      origin.storeId === null
        ? { fields: [{ path: "params.userId", message: "is not locked" }] }
        : {},
    );
  }

  const now = context.now();
  const { user, entries } = await storage.transaction(async (tx) => {
    await tx.credentials.saveLockout(target.user.id, NO_LOCKOUT);
    const touched = await tx.users.touch(target.user.id, now);
    const logged = [
      await audit(
        tx,
        {
          kind,
          outcome: "success",
          actorId: actor.user.id,
          targetId: target.user.id,
          tabletId: origin.tabletId,
          storeIds: auditStoreIds(origin, target),
          details: {
            previousLock: lockout.lock.kind,
            failures: lockout.failures,
          },
        },
        now,
      ),
      ...(await recordUserChange(tx, touched, now, { actorId: actor.user.id })),
    ];
    return { user: touched, entries: logged };
  });
  context.changes.publish(entries);
  context.logger.info(
    { actorId: actor.user.id, targetId: target.user.id },
    "user unlocked",
  );
  return user;
}
