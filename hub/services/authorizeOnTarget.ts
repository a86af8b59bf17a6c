import {
  decideScope,
  type FreshProof,
  type Permission,
  type ScopeDecision,
  type UserId,
} from "../../protocol";
import {
  resolveUser,
  toScopeActor,
  toScopeTarget,
  type ResolvedUser,
} from "../domain/actorScope";
import { audit } from "./audit";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import type { KioskPrincipal } from "./kioskSessions";
import { refuseIfLocked, wrongPinError } from "./lockErrors";
import { registerFailedPin } from "./registerFailedPin";

/**
 * Checks that the signed-in actor may use `permission` on the user
 * `targetId` from this tablet: the target is an active user of the tablet's
 * store, and the scope rule allows it. Every refusal is audited under
 * `kind`. Returns the resolved target.
 */
export async function authorizeOnTarget(
  context: HubContext,
  principal: KioskPrincipal,
  targetId: UserId,
  permission: Permission,
  kind: string,
): Promise<ResolvedUser> {
  const { storage } = context;
  const { actor, session } = principal;
  const refuse = async (
    error: HubError,
    targetKnown: boolean,
  ): Promise<never> => {
    await audit(
      storage,
      {
        kind,
        outcome: "failure",
        actorId: actor.user.id,
        targetId: targetKnown ? targetId : null,
        tabletId: session.tabletId,
        storeIds: [session.storeId],
        reason: error.code,
      },
      context.now(),
    );
    context.logger.warn(
      { actorId: actor.user.id, targetId, code: error.code },
      `${kind} refused`,
    );
    throw error;
  };

  // The target must be an active user of the store this tablet serves.
  const user = await storage.users.get(targetId);
  const target = user ? await resolveUser(storage, user) : null;
  if (!user || !target || !target.storeIds.includes(session.storeId)) {
    return refuse(new HubError("USER_NOT_FOUND", { user: targetId }), false);
  }
  const name = `${user.firstName} ${user.lastName}`;
  if (user.status !== "active") {
    return refuse(new HubError("USER_INACTIVE", { name }), true);
  }

  // The scope rule: permission, someone else, strictly higher level, inside scope.
  const decision = decideScope(
    toScopeActor(actor),
    toScopeTarget(target),
    permission,
  );
  if (!decision.allowed) {
    return refuse(scopeError(decision.reason, permission, actor, target), true);
  }
  return target;
}

/** Returns the error for a scope decision that refused `actor` on `target`. */
export function scopeError(
  reason: Exclude<ScopeDecision, { allowed: true }>["reason"],
  permission: Permission,
  actor: ResolvedUser,
  target: ResolvedUser,
): HubError {
  const name = `${target.user.firstName} ${target.user.lastName}`;
  switch (reason) {
    case "permission-missing":
      return new HubError("PERMISSION_MISSING", { permission });
    case "self-action":
      return new HubError("SELF_ACTION");
    case "level-not-higher":
      return new HubError("LEVEL_NOT_HIGHER", {
        actorLevel: actor.role.level,
        name,
        targetLevel: target.role.level,
      });
    case "out-of-scope":
      return new HubError("OUT_OF_SCOPE", { name });
  }
}

/**
 * Checks the actor's fresh proof: their own PIN, typed again for this action.
 * A wrong PIN counts towards the actor's lockout like a wrong sign-in, and a
 * locked actor's proof is refused without being checked.
 */
export async function verifyFreshProof(
  context: HubContext,
  principal: KioskPrincipal,
  proof: FreshProof,
  kind: string,
): Promise<void> {
  const { actor, session } = principal;
  const attempt = {
    kind: `${kind}.proof`,
    actorId: actor.user.id,
    targetId: actor.user.id,
    tabletId: session.tabletId,
    storeIds: [session.storeId],
  };
  await refuseIfLocked(context, actor.user, attempt);
  const credential = await context.storage.credentials.getPin(actor.user.id);
  if (credential && (await context.hasher.verify(credential.hash, proof.pin))) {
    await refuseIfLocked(context, actor.user, attempt);
    return;
  }
  const outcome = await registerFailedPin(context, actor.user, {
    kind: `${kind}.proof`,
    tabletId: session.tabletId,
    storeId: session.storeId,
  });
  if (outcome.lock.kind !== "none") {
    // The actor just locked themself out: end their session too.
    await context.storage.sessions.deleteAllOfUser(actor.user.id);
    throw wrongPinError(
      actor.user,
      outcome,
      await context.storage.org.getSettings(),
    );
  }
  throw new HubError(
    "PROOF_FAILED",
    {},
    {
      details: {
        attemptsBeforeLock: Math.max(
          (await context.storage.org.getSettings()).lockoutThreshold -
            outcome.failures,
          0,
        ),
      },
    },
  );
}
