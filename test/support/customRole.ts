import type { Permission, RoleId, UserId } from "../../protocol";
import type { TestHub } from "./startTestHub";

/**
 * Gives a fixture user a new role with exactly `permissions` (and
 * `control-panel.access`, so they can sign in to the panel) at `level`, and
 * optionally an organisation-wide scope. Returns the role's id.
 */
export async function assignCustomRole(
  hub: TestHub,
  employeeNumber: string,
  options: {
    permissions: readonly Permission[];
    level?: number;
    orgWide?: boolean;
  },
): Promise<RoleId> {
  const userId = hub.fixture.users[employeeNumber] as UserId | undefined;
  if (!userId) {
    throw new Error(`no user ${employeeNumber} in the fixture`);
  }
  const now = hub.context.now();
  const roleId = `custom-${employeeNumber.toLowerCase()}` as RoleId;
  await hub.context.storage.org.createRole(
    {
      id: roleId,
      name: `Custom ${employeeNumber}`,
      level: options.level ?? 3,
      permissions: [
        "control-panel.access",
        ...options.permissions.filter(
          (permission) => permission !== "control-panel.access",
        ),
      ],
      builtIn: false,
    },
    now,
  );
  await hub.context.storage.users.update(
    userId,
    {
      roleId,
      ...(options.orgWide !== undefined && { orgWide: options.orgWide }),
    },
    now,
  );
  return roleId;
}
