import type { Permission } from "../permissions";

/**
 * Lowest role level whose users register passkeys. Tablets cache the
 * passkeys of these users for offline proofs.
 */
export const PASSKEY_MIN_ROLE_LEVEL = 2;

/** Permissions whose actions need a fresh proof, which a passkey gives. */
const PROOF_PERMISSIONS: readonly Permission[] = [
  "pin.reset",
  "control-panel.access",
];

/**
 * Returns whether users of `role` may register passkeys: roles of level 2
 * (supervisor) and above, and roles that reset PINs or open the control
 * panel, whose actions need a fresh proof.
 * NOTE: tablets cache passkeys for offline proofs only from level 2, so a
 * level-1 role with one of these permissions proves with its passkey online
 * only.
 */
export function canRegisterPasskeys(role: {
  readonly level: number;
  readonly permissions: readonly Permission[];
}): boolean {
  return (
    role.level >= PASSKEY_MIN_ROLE_LEVEL ||
    role.permissions.some((permission) =>
      PROOF_PERMISSIONS.includes(permission),
    )
  );
}
