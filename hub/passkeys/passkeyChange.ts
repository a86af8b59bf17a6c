import type { UserId } from "../../protocol";
import { recordUserChange } from "../domain/userChanges";
import type { LogEntry } from "../storage/records";
import type { Storage } from "../storage/Storage";

/**
 * Records that a user's passkeys changed: raises the version of their
 * passkey list and of the user, and appends the user's upsert to the
 * change log, so tablets learn `hasPasskey` and fetch the public keys
 * again. Call inside the transaction that changed the passkeys.
 */
export async function recordPasskeyChange(
  tx: Storage,
  userId: UserId,
  actorId: UserId | null,
  now: number,
): Promise<LogEntry[]> {
  await tx.passkeys.bumpVersion(userId);
  const touched = await tx.users.touch(userId, now);
  return recordUserChange(tx, touched, now, { actorId });
}
