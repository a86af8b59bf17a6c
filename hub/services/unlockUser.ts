import type { KioskUser, UnlockRequest, UserId } from "../../protocol";
import { NO_LOCKOUT } from "../storage/credentialRepository";
import { loadKioskUser } from "../domain/kioskUserView";
import { recordUserChange } from "../domain/userChanges";
import { audit } from "./audit";
import { authorizeOnTarget, verifyFreshProof } from "./authorizeOnTarget";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import type { KioskPrincipal } from "./kioskSessions";

/**
 * Unlocks a colleague locked by wrong PINs and clears their failure count,
 * after the scope rule and the actor's fresh proof.
 */
export async function unlockUser(
  context: HubContext,
  principal: KioskPrincipal,
  targetId: UserId,
  request: UnlockRequest,
): Promise<KioskUser> {
  const { storage } = context;
  const { actor, session } = principal;
  const kind = "user.unlock";

  const target = await authorizeOnTarget(
    context,
    principal,
    targetId,
    "user.unlock",
    kind,
  );
  await verifyFreshProof(context, principal, request.proof, kind);

  // Nothing to do for a user with no lock and no failures.
  const lockout = await storage.credentials.getLockout(target.user.id);
  if (lockout.lock.kind === "none" && lockout.failures === 0) {
    throw new HubError("NOT_LOCKED", {
      name: `${target.user.firstName} ${target.user.lastName}`,
    });
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
          tabletId: session.tabletId,
          storeIds: [session.storeId],
          details: {
            previousLock: lockout.lock.kind,
            failures: lockout.failures,
          },
        },
        now,
      ),
      ...(await recordUserChange(tx, touched, now, { actorId: actor.user.id })),
    ];
    return { user: await loadKioskUser(tx, touched), entries: logged };
  });
  context.changes.publish(entries);
  context.logger.info(
    { actorId: actor.user.id, targetId: target.user.id },
    "user unlocked",
  );
  return user;
}
