import { BUILT_IN_ROLES, DEFAULT_SETTINGS, type RoleId } from "../../protocol";
import type { Storage } from "../storage/Storage";

/**
 * Creates the organisation with factory settings and the built-in roles on
 * first start. Returns true when it created them, false when they existed.
 */
export async function ensureOrganisation(
  storage: Storage,
  name: string,
  now: number,
): Promise<boolean> {
  return storage.transaction(async (tx) => {
    if ((await tx.org.getOrganisationName()) !== null) {
      return false;
    }
    await tx.org.createOrganisation(name, DEFAULT_SETTINGS, now);
    for (const role of BUILT_IN_ROLES) {
      await tx.org.createRole(
        {
          id: role.id as RoleId,
          name: role.name,
          level: role.level,
          permissions: role.permissions,
          builtIn: true,
        },
        now,
      );
    }
    return true;
  });
}
