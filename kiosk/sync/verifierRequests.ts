import {
  VERIFIER_BATCH_MAX,
  type KioskUser,
  type UserId,
} from "../../protocol";

/**
 * Lowest role level whose passkey public keys the hub sends on the
 * verifiers channel: the levels that may reset PINs and unlock.
 */
const PASSKEY_LEVEL_MIN = 2;

/**
 * Returns the ids of users whose cached verifier is missing or belongs to
 * another credential version than the hub announces, or whose cached
 * passkey public keys belong to another passkey version, in requests of at
 * most VERIFIER_BATCH_MAX ids.
 */
export function verifierRequests(
  users: readonly KioskUser[],
  cachedVersions: ReadonlyMap<UserId, number>,
  batchMax: number = VERIFIER_BATCH_MAX,
  cachedPasskeyVersions: ReadonlyMap<UserId, number> = new Map(),
): UserId[][] {
  const stale = users
    .filter(
      (user) =>
        cachedVersions.get(user.id) !== user.credentialVersion ||
        passkeysStale(user, cachedPasskeyVersions),
    )
    .map((user) => user.id);
  const requests: UserId[][] = [];
  for (let start = 0; start < stale.length; start += batchMax) {
    requests.push(stale.slice(start, start + batchMax));
  }
  return requests;
}

/**
 * Returns whether the tablet lacks the current passkey keys of a user. Users below
 * PASSKEY_LEVEL_MIN are left out, because the hub sends them no keys and
 * the tablet would request them again on every sync.
 */
function passkeysStale(
  user: KioskUser,
  cachedPasskeyVersions: ReadonlyMap<UserId, number>,
): boolean {
  if (user.role.level < PASSKEY_LEVEL_MIN) {
    return false;
  }
  const cached = cachedPasskeyVersions.get(user.id);
  return cached === undefined
    ? user.hasPasskey || user.passkeyVersion > 0
    : cached !== user.passkeyVersion;
}
