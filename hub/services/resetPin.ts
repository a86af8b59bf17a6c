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
import { auditStoreIds, kioskOrigin, type ActionOrigin } from "./actionOrigin";
import { authorizeFromOrigin, verifyFreshProof } from "./authorizeOnTarget";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import type { KioskPrincipal } from "./kioskSessions";

/** Length of a generated temporary PIN when the organisation allows shorter ones. */
const GENERATED_PIN_MIN_LENGTH = 6;

const RESET_KIND = "pin.reset";

/**
 * Resets a colleague's PIN at a tablet through `resetPinFrom`, with the
 * actor's PIN typed again as the fresh proof.
 */
export async function resetPin(
  context: HubContext,
  principal: KioskPrincipal,
  targetId: UserId,
  request: PinResetRequest,
): Promise<PinResetResponse> {
  return resetPinFrom(context, kioskOrigin(principal), targetId, {
    temporaryPin: request.temporaryPin,
    proveActor: () =>
      verifyFreshProof(context, principal, request.proof, RESET_KIND),
  });
}

/**
 * Performs the manager-assisted PIN reset. It applies the scope rule and
 * checks the actor's fresh proof. It then gives the target a temporary PIN,
 * typed by the actor or generated, and clears any lock, because the lock
 * guarded the old PIN, which no longer works. Finally it ends the target's
 * sessions and queues the PIN for delivery. The target must
 * replace it at the next sign-in, and it expires after the configured time.
 * `proveActor` checks the fresh proof of the origin: a PIN at a tablet, a
 * password in the control panel.
 */
export async function resetPinFrom(
  context: HubContext,
  origin: ActionOrigin,
  targetId: UserId,
  options: {
    temporaryPin?: string | undefined;
    proveActor: () => Promise<void>;
  },
): Promise<PinResetResponse> {
  const { storage } = context;
  const { actor } = origin;
  const kind = RESET_KIND;

  // The scope rule and the fresh proof, in that order: a refused actor learns
  // nothing about their own PIN.
  const target = await authorizeFromOrigin(
    context,
    origin,
    targetId,
    "pin.reset",
    kind,
  );
  await options.proveActor();
  const storeIds = auditStoreIds(origin, target);

  // A typed temporary PIN follows the same policy as any PIN.
  const settings = await storage.org.getSettings();
  const generated = options.temporaryPin === undefined;
  const pin =
    options.temporaryPin ??
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
        tabletId: origin.tabletId,
        storeIds,
        reason: "PIN_POLICY_VIOLATION",
        details: { violations },
      },
      context.now(),
    );
    throw new HubError(
      "PIN_POLICY_VIOLATION",
      { violations: violations.join(", ") },
      {
        details: { violations },
        // A generated PIN that broke the rules would be a hub bug, so the
        // error names no input field.
        fields: generated
          ? []
          : [
              {
                path: "body.temporaryPin",
                message: `breaks the PIN rules: ${violations.join(", ")}`,
              },
            ],
      },
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
          tabletId: origin.tabletId,
          storeIds,
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
