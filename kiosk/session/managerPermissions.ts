import {
  decideScope,
  type KioskUser,
  type Permission,
  type ScopeDecision,
  type SessionUser,
} from "../../protocol";

/** Permissions that open the manager tools on a tablet. */
export const MANAGER_PERMISSIONS: readonly Permission[] = [
  "pin.reset",
  "user.unlock",
];

/** Returns whether the signed-in user's role opens the manager tools. */
export function hasManagerTools(user: SessionUser | undefined): boolean {
  return MANAGER_PERMISSIONS.some(
    (permission) => user?.role.permissions.includes(permission) ?? false,
  );
}

/**
 * Decides whether the signed-in user may use `permission` on `target`, with
 * the scope rule the hub applies. Both are users of this tablet's store, so
 * the store check passes; the hub still decides with its full data.
 */
export function decideOnTarget(
  actor: SessionUser,
  target: KioskUser,
  permission: Permission,
  storeId: string,
): ScopeDecision {
  return decideScope(
    {
      id: actor.id,
      level: actor.role.level,
      permissions: actor.role.permissions,
      orgWide: false,
      storeIds: [storeId],
    },
    { id: target.id, level: target.role.level, storeIds: [storeId] },
    permission,
  );
}
