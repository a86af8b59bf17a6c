import type { KioskUser, SessionUser } from "../../protocol";

/**
 * Returns the session user of an offline sign-in, with the role's
 * permissions as the hub last sent them. The hub checks the rights of every
 * offline action again on arrival.
 */
export function offlineSessionUser(user: KioskUser): SessionUser {
  return {
    id: user.id,
    employeeNumber: user.employeeNumber,
    firstName: user.firstName,
    lastName: user.lastName,
    role: { ...user.role, permissions: [...user.role.permissions] },
  };
}
