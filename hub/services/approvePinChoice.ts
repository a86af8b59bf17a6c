import { createHash, randomBytes } from "node:crypto";
import type {
  PinChoiceRequest,
  PinChoiceResponse,
  UserId,
} from "../../protocol";
import { hashSessionToken } from "../security/sessionToken";
import { audit } from "./audit";
import { authorizeOnTarget, verifyFreshProof } from "./authorizeOnTarget";
import type { HubContext } from "./hubContext";
import type { KioskPrincipal } from "./kioskSessions";

/** How long a PIN choice grant works after the manager's approval, in ms. */
export const PIN_CHOICE_GRANT_TTL_MS = 5 * 60_000;

/** Expired grants older than this are deleted at the next approval, in ms. */
const EXPIRED_GRANT_RETENTION_MS = 24 * 3_600_000;

/**
 * Approves that the target chooses their own new PIN on the actor's tablet,
 * after the same scope rule and fresh proof as a PIN reset. Issues a
 * single-use grant bound to this tablet, the target and the actor, stored
 * only as its SHA-256, and voids older open grants of the target. The
 * actor's session ends here, because the actor hands the tablet over. The
 * target's PIN does not change until the grant is used.
 */
export async function approvePinChoice(
  context: HubContext,
  principal: KioskPrincipal,
  targetId: UserId,
  request: PinChoiceRequest,
): Promise<PinChoiceResponse> {
  const { storage } = context;
  const { actor, session } = principal;
  const kind = "pin.choice.approve";

  // The scope rule and the fresh proof, in that order, as for a reset.
  const target = await authorizeOnTarget(
    context,
    principal,
    targetId,
    "pin.reset",
    kind,
  );
  await verifyFreshProof(context, principal, request.proof, kind);

  const grant = randomBytes(32).toString("base64url");
  const now = context.now();
  const expiresAt = now + PIN_CHOICE_GRANT_TTL_MS;
  await storage.transaction(async (tx) => {
    const credential = await tx.credentials.getPin(target.user.id);
    await tx.pinChoiceGrants.deleteExpired(now - EXPIRED_GRANT_RETENTION_MS);
    const voided = await tx.pinChoiceGrants.voidOpenOfUser(target.user.id, now);
    await tx.pinChoiceGrants.create({
      grantHash: hashPinChoiceGrant(grant),
      userId: target.user.id,
      approverId: actor.user.id,
      tabletId: session.tabletId,
      storeId: session.storeId,
      credentialVersion: credential?.version ?? 0,
      createdAt: now,
      expiresAt,
    });
    // The tablet goes to the target now, so the actor's session must not
    // stay open on it.
    await tx.sessions.delete(hashSessionToken(principal.token));
    await audit(
      tx,
      {
        kind,
        outcome: "success",
        actorId: actor.user.id,
        targetId: target.user.id,
        tabletId: session.tabletId,
        storeIds: [session.storeId],
        details: { expiresAt, voidedGrants: voided },
      },
      now,
    );
  });
  context.logger.info(
    { actorId: actor.user.id, targetId: target.user.id },
    "pin choice approved",
  );
  return { grant, expiresAt };
}

/** Returns the hash under which a grant is stored. */
export function hashPinChoiceGrant(grant: string): string {
  return createHash("sha256").update(grant).digest("base64url");
}
