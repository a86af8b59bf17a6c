import type { ChangePinRequest, SessionView } from "../../protocol";
import { preparePin, storePin } from "./storePin";
import { recordUserChange } from "../domain/userChanges";
import { hashSessionToken } from "../security/sessionToken";
import { audit } from "./audit";
import { assertPinAcceptable } from "./choosePin";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import {
  idleSessionExpiry,
  toSessionView,
  type KioskPrincipal,
} from "./kioskSessions";
import { refuseIfLocked, wrongPinError } from "./lockErrors";
import { registerFailedPin } from "./registerFailedPin";

/**
 * Replaces the signed-in user's PIN with one they chose. Outside the forced
 * change after a temporary PIN, the current PIN must be given and is checked
 * like a sign-in. Other sessions of the user end; this one goes on.
 */
export async function changePin(
  context: HubContext,
  principal: KioskPrincipal,
  request: ChangePinRequest,
): Promise<SessionView> {
  const { storage } = context;
  const { user } = principal.actor;
  const { session } = principal;
  const auditBase = {
    kind: "pin.change",
    actorId: user.id,
    targetId: user.id,
    tabletId: session.tabletId,
    storeIds: [session.storeId],
  };

  // Outside the forced change the current PIN is required. A request without
  // it is malformed, not a wrong guess, so it changes nothing and counts nothing.
  if (!session.mustChangePin && request.currentPin === undefined) {
    const message =
      "is required unless the session must replace a temporary PIN";
    throw new HubError(
      "INVALID_INPUT",
      { where: "body", summary: `body.currentPin ${message}` },
      { fields: [{ path: "body.currentPin", message }] },
    );
  }

  // The current PIN proves it is still the same person at the tablet. It is
  // checked like a sign-in: not at all while the user is locked.
  if (!session.mustChangePin) {
    await refuseIfLocked(context, user, auditBase);
    const credential = await storage.credentials.getPin(user.id);
    const proven =
      credential !== null &&
      request.currentPin !== undefined &&
      (await context.hasher.verify(credential.hash, request.currentPin));
    if (!proven) {
      const outcome = await registerFailedPin(context, user, {
        kind: "pin.change",
        tabletId: session.tabletId,
        storeId: session.storeId,
      });
      if (outcome.lock.kind !== "none") {
        // The user just locked themself out: end their sessions too.
        await storage.sessions.deleteAllOfUser(user.id);
      }
      throw wrongPinError(user, outcome, await storage.org.getSettings());
    }
    await refuseIfLocked(context, user, auditBase);
  }

  try {
    await assertPinAcceptable(context, user, request.newPin);
  } catch (error) {
    if (error instanceof HubError) {
      await audit(
        storage,
        {
          ...auditBase,
          outcome: "failure",
          reason: error.code,
          details: error.details ?? {},
        },
        context.now(),
      );
    }
    throw error;
  }

  const material = await preparePin(context, user.id, request.newPin);
  const now = context.now();
  const tokenHash = hashSessionToken(principal.token);
  const { entries, expiresAt } = await storage.transaction(async (tx) => {
    await storePin(tx, material, {
      temporary: false,
      expiresAt: null,
      now,
    });
    await tx.sessions.deleteAllOfUser(user.id);
    const settings = await tx.org.getSettings();
    const expiresAt = idleSessionExpiry(settings, now);
    await tx.sessions.create({
      ...session,
      tokenHash,
      mustChangePin: false,
      expiresAt,
    });
    const logged = [
      await audit(
        tx,
        {
          ...auditBase,
          outcome: "success",
          details: { replacedTemporary: session.mustChangePin },
        },
        now,
      ),
    ];
    if (session.mustChangePin) {
      const touched = await tx.users.touch(user.id, now);
      logged.push(...(await recordUserChange(tx, touched, now)));
    }
    return { entries: logged, expiresAt };
  });
  context.changes.publish(entries);
  context.logger.info(
    { userId: user.id, tabletId: session.tabletId },
    "pin changed",
  );
  return toSessionView(principal.token, expiresAt, principal.actor, false);
}
