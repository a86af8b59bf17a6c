import type { StoreId, TabletId } from "../../protocol";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import type { UserRecord } from "../storage/records";

/** Action kinds that reset a PIN, which `requirePasskeyForReset` covers. */
const RESET_KINDS: ReadonlySet<string> = new Set([
  "pin.reset",
  "pin.choice.approve",
]);

/**
 * Checks that a PIN or password may serve as fresh proof, before it is
 * checked. An actor who has a passkey must use it (PASSKEY_PROOF_REQUIRED).
 * While the organisation requires a passkey for resets, a reset needs one
 * (PASSKEY_REQUIRED). Both are audited as `${kind}.proof`, and neither
 * counts as a wrong PIN or password.
 */
export async function requireSecretProofAllowed(
  context: HubContext,
  user: UserRecord,
  kind: string,
  where: { tabletId: TabletId | null; storeIds: readonly StoreId[] },
): Promise<void> {
  const code =
    (await context.storage.passkeys.countOfUser(user.id)) > 0
      ? "PASSKEY_PROOF_REQUIRED"
      : RESET_KINDS.has(kind) &&
          (await context.storage.org.getSettings()).requirePasskeyForReset
        ? "PASSKEY_REQUIRED"
        : null;
  if (code === null) {
    return;
  }
  const entry = await audit(
    context.storage,
    {
      kind: `${kind}.proof`,
      outcome: "failure",
      actorId: user.id,
      targetId: user.id,
      tabletId: where.tabletId,
      storeIds: where.storeIds,
      reason: code,
    },
    context.now(),
  );
  context.changes.publish([entry]);
  context.logger.info({ userId: user.id, kind, code }, "fresh proof rejected");
  throw new HubError(code);
}
