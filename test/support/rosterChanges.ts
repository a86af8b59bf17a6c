import type { RoleId, StoreId, UserId } from "../../protocol";
import { applyRosterImport } from "../../hub/roster/applyRosterImport";
import type { HubHandle } from "./testTablet";

/**
 * Changes a user's stores or role through a roster import, as head office
 * does. Tablets of the stores the user left get a removal.
 */
export async function updateUser(
  hub: HubHandle,
  userId: UserId,
  patch: { storeIds?: StoreId[]; roleId?: RoleId },
): Promise<void> {
  const user = await hub.context.storage.users.get(userId);
  if (!user) {
    throw new Error(`no user ${userId}`);
  }
  await applyRosterImport(
    hub.context,
    {
      create: [],
      update: [
        {
          userId,
          row: {
            line: 2,
            employeeNumber: user.employeeNumber,
            firstName: user.firstName,
            lastName: user.lastName,
            email: user.email,
            phone: user.phone,
            storeIds: patch.storeIds ?? [...user.storeIds],
            roleId: patch.roleId ?? user.roleId,
          },
          changedFields: [
            ...(patch.storeIds ? ["storeIds" as const] : []),
            ...(patch.roleId ? ["roleId" as const] : []),
          ],
        },
      ],
      unchanged: 0,
      deactivate: [],
    },
    { source: "test" },
  );
}

/** Deactivates a user through a roster import, as head office does. */
export async function deactivateUser(
  hub: HubHandle,
  userId: UserId,
): Promise<void> {
  const user = await hub.context.storage.users.get(userId);
  if (!user) {
    throw new Error(`no user ${userId}`);
  }
  await applyRosterImport(
    hub.context,
    {
      create: [],
      update: [],
      unchanged: 0,
      deactivate: [{ userId, employeeNumber: user.employeeNumber }],
    },
    { source: "test" },
  );
}
