import {
  decideScope,
  type FieldError,
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
import { auditStoreIds, kioskOrigin, type ActionOrigin } from "./actionOrigin";
import { audit } from "./audit";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import type { KioskPrincipal } from "./kioskSessions";
import { refuseIfLocked, wrongPinError } from "./lockErrors";
import { registerFailedPin } from "./registerFailedPin";
import { requireSecretProofAllowed } from "../passkeys/freshProofRules";
import { verifyPasskeyProof } from "../passkeys/verifyPasskeyProof";

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
  return authorizeFromOrigin(
    context,
    kioskOrigin(principal),
    targetId,
    permission,
    kind,
  );
}

/**
 * Checks that the actor of `origin` may use `permission` on the user
 * `targetId`. A tablet reaches only users of its store, and any other user
 * gets USER_NOT_FOUND. The control panel reaches users who share at least
 * one store with the actor's scope, and any other user gets USER_UNKNOWN.
 * Then the scope rule decides. Unless `requireActive` is false, the target
 * must be active. Every refusal is audited under `kind`. Returns the
 * resolved target.
 */
export async function authorizeFromOrigin(
  context: HubContext,
  origin: ActionOrigin,
  targetId: UserId,
  permission: Permission,
  kind: string,
  options: { requireActive?: boolean } = {},
): Promise<ResolvedUser> {
  const { storage } = context;
  const { actor } = origin;
  const fromPanel = origin.storeId === null;
  // The control panel names the target in the path; its errors point there.
  const fields = fromPanel
    ? (message: string) => [{ path: "params.userId", message }]
    : () => undefined;
  const refuse = async (
    error: HubError,
    target: ResolvedUser | null,
  ): Promise<never> => {
    await audit(
      storage,
      {
        kind,
        outcome: "failure",
        actorId: actor.user.id,
        targetId: target ? targetId : null,
        tabletId: origin.tabletId,
        storeIds: auditStoreIds(origin, target),
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

  const user = await storage.users.get(targetId);
  const target = user ? await resolveUser(storage, user) : null;
  if (!user || !target || !isReachable(origin, target)) {
    const error = fromPanel
      ? new HubError(
          "USER_UNKNOWN",
          { user: targetId },
          { fields: fields("is not a user you manage") },
        )
      : new HubError("USER_NOT_FOUND", { user: targetId });
    return refuse(error, null);
  }
  const name = `${user.firstName} ${user.lastName}`;
  if (options.requireActive !== false && user.status !== "active") {
    return refuse(
      new HubError(
        "USER_INACTIVE",
        { name },
        { fields: fields("is deactivated") },
      ),
      target,
    );
  }

  // The scope rule: permission, someone else, strictly higher level, inside scope.
  const decision = decideScope(
    toScopeActor(actor),
    toScopeTarget(target),
    permission,
  );
  if (!decision.allowed) {
    return refuse(
      scopeError(decision.reason, permission, actor, target, {
        fields: fields(SCOPE_FIELD_MESSAGES[decision.reason]),
      }),
      target,
    );
  }
  return target;
}

/** Field message for each reason a scope decision can reject. */
const SCOPE_FIELD_MESSAGES: Record<
  Exclude<ScopeDecision, { allowed: true }>["reason"],
  string
> = {
  "permission-missing": "needs a permission your role lacks",
  "self-action": "is your own account",
  "level-not-higher": "has a level at or above yours",
  "out-of-scope": "works in a store outside your scope",
};

/**
 * Checks whether `target` is someone the origin can address at all: a user
 * of the tablet's store, or for the control panel a user who shares a store
 * with the actor's scope.
 */
function isReachable(origin: ActionOrigin, target: ResolvedUser): boolean {
  if (origin.storeId !== null) {
    return target.storeIds.includes(origin.storeId);
  }
  if (origin.actor.user.orgWide) {
    return true;
  }
  const own = new Set(origin.actor.storeIds);
  return target.storeIds.some((storeId) => own.has(storeId));
}

/** Returns the error for a scope decision that refused `actor` on `target`. */
export function scopeError(
  reason: Exclude<ScopeDecision, { allowed: true }>["reason"],
  permission: Permission,
  actor: ResolvedUser,
  target: ResolvedUser,
  extra: { fields?: FieldError[] | undefined } = {},
): HubError {
  const name = `${target.user.firstName} ${target.user.lastName}`;
  const fields = extra.fields === undefined ? {} : { fields: extra.fields };
  switch (reason) {
    case "permission-missing":
      return new HubError("PERMISSION_MISSING", { permission }, fields);
    case "self-action":
      return new HubError("SELF_ACTION", {}, fields);
    case "level-not-higher":
      return new HubError(
        "LEVEL_NOT_HIGHER",
        { actorLevel: actor.role.level, name, targetLevel: target.role.level },
        fields,
      );
    case "out-of-scope":
      return new HubError("OUT_OF_SCOPE", { name }, fields);
  }
}

/**
 * Checks the actor's fresh proof: a passkey assertion over a proof
 * challenge of this session, or their own PIN typed again. An actor with a
 * passkey must use it, and so must everyone for a reset while the
 * organisation requires passkeys for resets. A wrong PIN counts towards the
 * actor's lockout like a wrong sign-in, and a locked actor's proof is
 * refused without being checked.
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
  const where = { tabletId: session.tabletId, storeIds: [session.storeId] };
  if ("passkey" in proof) {
    await verifyPasskeyProof(
      context,
      actor.user,
      proof.passkey,
      { ...where, sessionKey: session.tokenHash },
      kind,
    );
    return;
  }
  await requireSecretProofAllowed(context, actor.user, kind, where);
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
