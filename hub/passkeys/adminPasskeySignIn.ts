import type { AdminPasskeySignInRequest } from "../../protocol";
import { auditNow, storeIdsOf } from "../admin/adminAudit";
import {
  CONTROL_PANEL_PERMISSION,
  openAdminSession,
  type OpenedAdminSession,
} from "../admin/adminSessions";
import { resolveUser } from "../domain/actorScope";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { checkAssertion, recordPasskeyUse } from "./checkAssertion";
import { useChallenge } from "./passkeyChallenges";

const SIGN_IN_KIND = "admin.sign-in";

/**
 * Signs a user in to the control panel with a discoverable passkey. The
 * sign-in challenge is used up and the assertion must verify under a
 * registered passkey. Its user handle, when sent, must be the owner's id,
 * the owner must be active, and their role must have
 * `control-panel.access`. The session opens as at password sign-in.
 */
export async function signInAdminWithPasskey(
  context: HubContext,
  request: AdminPasskeySignInRequest,
): Promise<OpenedAdminSession> {
  const { storage } = context;
  const challenge = await useChallenge(context, request.challengeId, {
    purpose: "sign-in",
    userId: null,
    tabletId: null,
    sessionKey: null,
  });
  const auditAs = { kind: SIGN_IN_KIND, targetId: null };
  const verified = await checkAssertion(
    context,
    {
      response: request.response,
      expectedChallenge: challenge.challenge,
      ownerId: null,
    },
    auditAs,
  );

  const user = await storage.users.get(verified.passkey.userId);
  const userHandle = request.response.response.userHandle;
  const handleMatches =
    userHandle === undefined ||
    (user !== null &&
      userHandle === Buffer.from(user.id, "utf8").toString("base64url"));
  if (user === null || user.status !== "active" || !handleMatches) {
    await auditNow(context, {
      kind: SIGN_IN_KIND,
      outcome: "failure",
      targetId: user?.id ?? null,
      reason: !handleMatches ? "USER_HANDLE_MISMATCH" : "USER_INACTIVE",
      details: { method: "passkey", passkeyId: verified.passkey.id },
    });
    context.logger.info(
      { passkeyId: verified.passkey.id, handleMatches },
      "control panel passkey sign-in rejected",
    );
    throw new HubError("ADMIN_PASSKEY_SIGN_IN_FAILED");
  }

  const actor = await resolveUser(storage, user);
  const storeIds = storeIdsOf(actor);
  await recordPasskeyUse(context, verified, {
    ...auditAs,
    actorId: user.id,
    targetId: user.id,
    storeIds,
  });
  if (!actor.role.permissions.includes(CONTROL_PANEL_PERMISSION)) {
    await auditNow(context, {
      kind: SIGN_IN_KIND,
      outcome: "failure",
      actorId: user.id,
      targetId: user.id,
      storeIds,
      reason: "CONTROL_PANEL_ACCESS_MISSING",
      details: { method: "passkey" },
    });
    throw new HubError("CONTROL_PANEL_ACCESS_MISSING");
  }

  const opened = await openAdminSession(context, actor);
  await auditNow(context, {
    kind: SIGN_IN_KIND,
    outcome: "success",
    actorId: user.id,
    targetId: user.id,
    storeIds,
    details: { method: "passkey", passkeyId: verified.passkey.id },
  });
  context.logger.info(
    { userId: user.id, passkeyId: verified.passkey.id },
    "control panel session opened with a passkey",
  );
  return opened;
}
