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
  "kiosk.enroll",
];

/** Returns whether the signed-in user's role opens the manager tools. */
export function hasManagerTools(user: SessionUser | undefined): boolean {
  return MANAGER_PERMISSIONS.some(
    (permission) => user?.role.permissions.includes(permission) ?? false,
  );
}

/**
 * Decides whether the signed-in user may use `permission` on `target`, with
 * the scope rule the hub applies. The actor's scope comes from their own
 * entry in the store's user list (`actorEntry`); without it, the tablet's
 * store stands in for it. The hub still decides with its full data.
 */
export function decideOnTarget(
  actor: SessionUser,
  target: KioskUser,
  permission: Permission,
  storeId: string,
  actorEntry?: KioskUser,
): ScopeDecision {
  return decideScope(
    {
      id: actor.id,
      level: actor.role.level,
      permissions: actor.role.permissions,
      orgWide: actorEntry?.orgWide ?? false,
      storeIds: actorEntry?.storeIds ?? [storeId],
    },
    { id: target.id, level: target.role.level, storeIds: target.storeIds },
    permission,
  );
}
