import { randomUUID } from "node:crypto";
import { preparePin, storePin } from "../services/storePin";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RoleId, StoreGroupId, StoreId, UserId } from "../../protocol";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { recordUserChange } from "../domain/userChanges";
import { applyRosterImport } from "../roster/applyRosterImport";
import { parseRoster } from "../roster/parseRoster";
import { planRosterImport } from "../roster/planRosterImport";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import { storeAdminPassword } from "../admin/adminPasswords";
import {
  DEMO_ADMINISTRATOR,
  DEMO_PANEL_PASSWORDS,
  DEMO_STORES,
  DEMO_USERS,
} from "./demoUsers";

/** The demo roster, committed beside this file. */
export const DEMO_ROSTER_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "roster.csv",
);

/**
 * Fills a new organisation with the demo: three stores, a group of two of
 * them, the demo roster, an administrator, and known PINs and control panel
 * passwords for the users the README lists.
 */
export async function seedDemo(context: HubContext): Promise<void> {
  const { storage } = context;
  const now = context.now();

  const storeIds: StoreId[] = [];
  for (const store of DEMO_STORES) {
    const id = randomUUID() as StoreId;
    await storage.org.createStore({ id, ...store }, now);
    storeIds.push(id);
  }
  await storage.org.createGroup(
    {
      id: randomUUID() as StoreGroupId,
      name: "Coast",
      storeIds: storeIds.slice(1),
    },
    now,
  );

  const lookup = {
    stores: await storage.org.listStores(),
    roles: await storage.org.listRoles(),
  };
  const parsed = parseRoster(fs.readFileSync(DEMO_ROSTER_FILE, "utf8"), lookup);
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new Error(
      `The demo roster has ${parsed.errors.length} bad rows; line ${first?.line}: ${first?.message}`,
    );
  }
  const plan = planRosterImport(parsed.rows, [], { deactivateMissing: false });
  await applyRosterImport(context, plan, { source: "demo roster" });

  await storage.users.create(
    {
      id: randomUUID() as UserId,
      ...DEMO_ADMINISTRATOR,
      phone: null,
      roleId: "administrator" as RoleId,
      orgWide: true,
      storeIds,
      groupIds: [],
    },
    now,
  );

  for (const demo of DEMO_USERS) {
    const user = await storage.users.getByEmployeeNumber(demo.employeeNumber);
    if (!user) {
      throw new Error(
        `The demo roster lacks the demo user ${demo.employeeNumber}`,
      );
    }
    const material = await preparePin(context, user.id, demo.pin);
    const entries = await storage.transaction(async (tx) => {
      await storePin(tx, material, {
        temporary: false,
        expiresAt: null,
        now,
      });
      await tx.outbox.supersedeTemporaryPins(user.id);
      await audit(
        tx,
        {
          kind: "demo.pin-set",
          outcome: "success",
          targetId: user.id,
          storeIds: await effectiveStoreIds(tx, user),
        },
        now,
      );
      return recordUserChange(tx, await tx.users.touch(user.id, now), now);
    });
    context.changes.publish(entries);
  }
  for (const demo of DEMO_PANEL_PASSWORDS) {
    const user = await storage.users.getByEmployeeNumber(demo.employeeNumber);
    if (!user) {
      throw new Error(`The demo lacks the panel user ${demo.employeeNumber}`);
    }
    await storeAdminPassword(context, user.id, demo.password);
  }
  context.logger.info(
    { stores: DEMO_STORES.length, users: parsed.rows.length + 1 },
    "demo organisation created",
  );
}
