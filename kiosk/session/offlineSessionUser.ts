import {
  BUILT_IN_ROLES,
  type KioskUser,
  type Permission,
  type SessionUser,
} from "../../protocol";

/**
 * Returns the session user of an offline sign-in. The cache contains a
 * user's role but not its permissions, so the tablet takes them from the
 * built-in role of the same id. Any other role gets none offline, and its
 * manager tools wait for an online sign-in. The hub checks the rights of
 * every offline action again on arrival anyway.
 *
 * NOTE: a built-in role whose permissions head office has changed shows
 * the factory permissions offline; sending each role's permissions with
 * the snapshot would close that gap.
 */
export function offlineSessionUser(user: KioskUser): SessionUser {
  return {
    id: user.id,
    employeeNumber: user.employeeNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    role: { ...user.role, permissions: builtInPermissions(user.role.id) },
  };
}

function builtInPermissions(roleId: string): Permission[] {
  const role = BUILT_IN_ROLES.find((each) => each.id === roleId);
  return role === undefined ? [] : [...role.permissions];
}
