import {
  checkPinPolicy,
  type PinResetRequest,
  type PinResetResponse,
  type UserId,
} from "../../protocol";
import { NO_LOCKOUT } from "../storage/credentialRepository";
import {
  deliveryChannels,
  queueTemporaryPin,
} from "../delivery/queueTemporaryPin";
import { recordUserChange } from "../domain/userChanges";
import { generateRandomPin } from "../security/randomPin";
import { preparePin, storePin } from "./storePin";
import { audit } from "./audit";
import { authorizeOnTarget, verifyFreshProof } from "./authorizeOnTarget";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import type { KioskPrincipal } from "./kioskSessions";

/** Length of a generated temporary PIN when the organisation allows shorter ones. */
const GENERATED_PIN_MIN_LENGTH = 6;

/**
 * The manager-assisted PIN reset: after the scope rule and the actor's fresh
 * proof, gives the target a temporary PIN (typed by the actor or generated),
 * clears a lock (it guarded the old PIN, which no longer works), ends the
 * target's sessions and queues the PIN for delivery. The target must
 * replace it at the next sign-in; it expires after the configured time.
 */
export async function resetPin(
  context: HubContext,
  principal: KioskPrincipal,
  targetId: UserId,
  request: PinResetRequest,
): Promise<PinResetResponse> {
  const { storage } = context;
  const { actor, session } = principal;
  const kind = "pin.reset";

  // The scope rule and the fresh proof, in that order: a refused actor learns
  // nothing about their own PIN.
  const target = await authorizeOnTarget(
    context,
    principal,
    targetId,
    "pin.reset",
    kind,
  );
  await verifyFreshProof(context, principal, request.proof, kind);

  // A typed temporary PIN follows the same policy as any PIN.
  const settings = await storage.org.getSettings();
  const generated = request.temporaryPin === undefined;
  const pin =
    request.temporaryPin ??
    generateRandomPin(
      Math.max(settings.pinMinLength, GENERATED_PIN_MIN_LENGTH),
      target.user.employeeNumber,
    );
  const violations = checkPinPolicy({
    pin,
    minLength: settings.pinMinLength,
    employeeNumber: target.user.employeeNumber,
  });
  if (violations.length > 0) {
    await audit(
      storage,
      {
        kind,
        outcome: "failure",
        actorId: actor.user.id,
        targetId: target.user.id,
        tabletId: session.tabletId,
        storeIds: [session.storeId],
        reason: "PIN_POLICY_VIOLATION",
        details: { violations },
      },
      context.now(),
    );
    throw new HubError(
      "PIN_POLICY_VIOLATION",
      { violations: violations.join(", ") },
      { details: { violations } },
    );
  }

  const material = await preparePin(context, target.user.id, pin);
  const now = context.now();
  const expiresAt = now + settings.temporaryPinTtlHours * 3_600_000;
  const { delivery, entries } = await storage.transaction(async (tx) => {
    await storePin(tx, material, { temporary: true, expiresAt, now });
    // The lock guarded the old PIN, which no longer works.
    await tx.credentials.saveLockout(target.user.id, NO_LOCKOUT);
    await tx.sessions.deleteAllOfUser(target.user.id);
    const delivery = await queueTemporaryPin(tx, context.secretBox, {
      user: target.user,
      pin,
      expiresAt,
      now,
      channels: deliveryChannels(context.config.delivery),
    });
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
          details: { delivery, generated, expiresAt },
        },
        now,
      ),
      ...(await recordUserChange(tx, touched, now, { actorId: actor.user.id })),
    ];
    return { delivery, entries: logged };
  });
  context.changes.publish(entries);
  context.logger.info(
    { actorId: actor.user.id, targetId: target.user.id, delivery },
    "pin reset",
  );
  return {
    userId: target.user.id,
    delivery,
    expiresAt,
    ...(delivery === "in-person" && { temporaryPin: pin }),
  };
}
