import type { AdminProof } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { auditNow, storeIdsOf } from "./adminAudit";
import type { AdminPrincipal } from "./adminPrincipal";
import { checkAdminPassword } from "./adminPasswords";
import { requireSecretProofAllowed } from "../passkeys/freshProofRules";
import { verifyPasskeyProof } from "../passkeys/verifyPasskeyProof";

/**
 * Checks the actor's fresh proof before a sensitive action: a passkey
 * assertion over a proof challenge of this panel session, or the password
 * typed again. An actor with a passkey must use it, and so must everyone
 * for a reset while the organisation requires passkeys for resets. A wrong
 * password counts towards the same lock as wrong passwords at sign-in
 * (10 in a row lock password sign-in for 15 minutes), is audited as
 * `${kind}.proof` and throws ADMIN_PROOF_FAILED. The wrong password that
 * starts the lock throws ADMIN_PASSWORD_LOCKED and ends the user's panel
 * sessions. While the lock holds, every proof gets ADMIN_PASSWORD_LOCKED
 * without its password being checked.
 */
export async function verifyAdminProof(
  context: HubContext,
  principal: AdminPrincipal,
  proof: AdminProof,
  kind: string,
): Promise<void> {
  const { user } = principal.actor;
  const storeIds = storeIdsOf(principal.actor);
  const where = { tabletId: null, storeIds };
  if ("passkey" in proof) {
    await verifyPasskeyProof(
      context,
      user,
      proof.passkey,
      { ...where, sessionKey: principal.sessionId },
      kind,
    );
    return;
  }
  await requireSecretProofAllowed(context, user, kind, where);

  const check = await checkAdminPassword(context, user, proof.password);
  if (check.outcome === "right") {
    return;
  }
  const reason =
    check.outcome === "locked"
      ? "ADMIN_PASSWORD_LOCKED"
      : check.outcome === "missing"
        ? "PASSWORD_NOT_SET"
        : "ADMIN_PROOF_FAILED";
  await auditNow(context, {
    kind: `${kind}.proof`,
    outcome: "failure",
    actorId: user.id,
    storeIds,
    reason,
    ...(check.outcome === "wrong" && {
      details: { failures: check.failures },
    }),
  });
  context.logger.info(
    { userId: user.id, kind, reason },
    "control panel proof failed",
  );
  const lockedUntil =
    check.outcome === "locked"
      ? check.until
      : check.outcome === "wrong"
        ? check.lockedUntil
        : null;
  if (lockedUntil !== null) {
    if (check.outcome === "wrong") {
      // This wrong password started the lock: whoever holds the session
      // may be guessing, so every panel session of the user ends too.
      await context.storage.adminSessions.deleteAllOfUser(user.id);
    }
    throw new HubError(
      "ADMIN_PASSWORD_LOCKED",
      {
        name: `${user.firstName} ${user.lastName}`,
        until: new Date(lockedUntil).toISOString(),
        failures: check.outcome === "missing" ? 0 : check.failures,
      },
      { details: { lockedUntil } },
    );
  }
  throw new HubError("ADMIN_PROOF_FAILED");
}
