import type { UserId, UserPasskeys } from "../../protocol";
import type { Storage } from "../storage/Storage";
import { coseToJwk } from "./coseToJwk";

/** Lowest role level whose passkeys tablets cache: those who may reset or unlock. */
export const CACHED_PASSKEY_MIN_LEVEL = 2;

/**
 * Returns the passkey public keys of those `userIds` whose role has level 2
 * or more, for a tablet's offline proofs. A user without passkeys is
 * listed with an empty list, so the tablet drops keys it cached before.
 */
export async function readCachedPasskeys(
  storage: Storage,
  userIds: readonly UserId[],
): Promise<UserPasskeys[]> {
  const eligible: UserId[] = [];
  for (const userId of userIds) {
    const user = await storage.users.get(userId);
    const role = user ? await storage.org.getRole(user.roleId) : null;
    if (role && role.level >= CACHED_PASSKEY_MIN_LEVEL) {
      eligible.push(userId);
    }
  }
  const passkeys = await storage.passkeys.listOfUsers(eligible);
  const counts = await storage.passkeys.countsOf(eligible);
  return eligible.map((userId) => ({
    userId,
    passkeyVersion: counts.get(userId)?.version ?? 0,
    passkeys: (passkeys.get(userId) ?? []).map((passkey) => {
      const decoded = coseToJwk(passkey.publicKey);
      return {
        credentialId: passkey.credentialId,
        publicKey: passkey.publicKey,
        alg: decoded.alg,
        jwk: decoded.jwk,
        counter: passkey.counter,
      };
    }),
  }));
}
