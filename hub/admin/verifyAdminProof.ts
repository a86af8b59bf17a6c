import type { AdminProof } from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { auditNow, storeIdsOf } from "./adminAudit";
import type { AdminPrincipal } from "./adminPrincipal";
import { checkAdminPassword } from "./adminPasswords";

/**
 * Checks the actor's password again before a sensitive action. A wrong
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
  if (!("password" in proof)) {
    // TODO: passkey proofs are being added; until then they are refused.
    throw new HubError("PASSKEY_VERIFICATION_FAILED", {
      reason: "not accepted yet",
    });
  }
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
  // NOTE: a user who signed in without a password (a passkey, once
  // supported) has nothing to prove here and is rejected.
  throw new HubError("ADMIN_PROOF_FAILED");
}
