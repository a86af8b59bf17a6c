import type { AdminUserDetail } from "../../protocol";

/**
 * Lowest role level that registers passkeys, as the hub's passkey rule
 * has it: supervisors, managers and administrators prove resets with
 * them on tablets.
 */
const PASSKEY_MIN_LEVEL = 2;

/**
 * Returns whether `user`'s role may register passkeys, so whether a
 * registration grant helps them. The hub's `canRegisterPasskeys` decides
 * when the user detail carries it; otherwise the role level does.
 */
export function mayRegisterPasskeys(user: AdminUserDetail): boolean {
  if (
    "canRegisterPasskeys" in user &&
    typeof user.canRegisterPasskeys === "boolean"
  ) {
    return user.canRegisterPasskeys;
  }
  return user.role.level >= PASSKEY_MIN_LEVEL;
}
