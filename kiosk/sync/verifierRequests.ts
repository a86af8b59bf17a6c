import {
  VERIFIER_BATCH_MAX,
  type KioskUser,
  type UserId,
} from "../../protocol";

/**
 * Returns the ids of users whose cached verifier is missing or belongs to
 * another credential version than the hub announces, in requests of at
 * most VERIFIER_BATCH_MAX ids.
 */
export function verifierRequests(
  users: readonly KioskUser[],
  cachedVersions: ReadonlyMap<UserId, number>,
  batchMax: number = VERIFIER_BATCH_MAX,
): UserId[][] {
  const stale = users
    .filter((user) => cachedVersions.get(user.id) !== user.credentialVersion)
    .map((user) => user.id);
  const requests: UserId[][] = [];
  for (let start = 0; start < stale.length; start += batchMax) {
    requests.push(stale.slice(start, start + batchMax));
  }
  return requests;
}
