import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AdminRole,
  AdminRoleListResponse,
  type Permission,
  type RoleId,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  errorOf,
  latestSeq,
  rosterUser,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool } from "../support/tabletSocket";

let clock: ManualClock;
let hub: TestHub;
const tablets = new TabletPool();
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  tablets.closeAll();
  await hub.stop();
});

async function listRoles(agent: AdminAgent): Promise<AdminRole[]> {
  const response = await agent.inject({
    method: "GET",
    url: "/api/admin/roles",
  });
  expect(response.statusCode, response.body).toBe(200);
  return AdminRoleListResponse.parse(response.json()).roles;
}

function postRole(agent: AdminAgent, payload: unknown) {
  return agent.inject({ method: "POST", url: "/api/admin/roles", payload });
}

function patchRole(agent: AdminAgent, roleId: string, payload: unknown) {
  return agent.inject({
    method: "PATCH",
    url: `/api/admin/roles/${roleId}`,
    payload,
  });
}

function deleteRole(agent: AdminAgent, roleId: string) {
  return agent.inject({ method: "DELETE", url: `/api/admin/roles/${roleId}` });
}

async function createRole(
  id: string,
  level: number,
  permissions: Permission[],
): Promise<RoleId> {
  await hub.context.storage.org.createRole(
    { id: id as RoleId, name: id, level, permissions, builtIn: false },
    clock.now(),
  );
  return id as RoleId;
}

async function giveRole(number: string, roleId: RoleId): Promise<void> {
  await hub.context.storage.users.update(
    userIdOf(hub, number),
    { roleId },
    clock.now(),
  );
}

/**
 * Makes manager E4 (store A, level 3) a role keeper: panel access and
 * `role.manage`, without `settings.manage`.
 */
async function roleKeeperE4(): Promise<AdminAgent> {
  await giveRole(
    "E4",
    await createRole("role-keeper", 3, [
      "control-panel.access",
      "role.manage",
      "pin.reset",
    ]),
  );
  return signInAdmin(hub, "E4");
}

describe("GET /api/admin/roles", () => {
  test("lists roles with holders", async () => {
    const admin = await signInAdmin(hub, "E9");

    const roles = await listRoles(admin);

    const byId = new Map(roles.map((role) => [role.id, role]));
    expect(byId.get("employee" as RoleId)).toMatchObject({
      level: 1,
      builtIn: true,
      permissions: [],
      userCount: 3,
    });
    expect(byId.get("shift-lead" as RoleId)).toMatchObject({
      level: 2,
      builtIn: false,
      permissions: ["pin.reset"],
      userCount: 1,
    });
    expect(byId.get("administrator" as RoleId)?.userCount).toBe(1);
  });

  test("readable without role.manage", async () => {
    const manager = await signInAdmin(hub, "E4");

    const roles = await listRoles(manager);

    expect(roles.map((role) => role.id)).toContain("manager");
  });
});

describe("POST /api/admin/roles", () => {
  test("creates a role", async () => {
    const admin = await signInAdmin(hub, "E9");
    const before = await latestSeq(hub);

    const response = await postRole(admin, {
      name: "  Cash  office ",
      level: 2,
      permissions: ["user.unlock", "audit.read"],
    });

    expect(response.statusCode, response.body).toBe(201);
    const role = AdminRole.parse(response.json());
    expect(role).toMatchObject({
      name: "Cash office",
      level: 2,
      permissions: ["user.unlock", "audit.read"],
      builtIn: false,
      userCount: 0,
    });
    expect((await listRoles(admin)).map((entry) => entry.id)).toContain(
      role.id,
    );
    const audits = await auditEntriesAfter(hub, before);
    expect(audits.map((entry) => [entry.kind, entry.outcome])).toContainEqual([
      "role.create",
      "success",
    ]);
  });

  test("missing fields and wrong types", async () => {
    const admin = await signInAdmin(hub, "E9");
    const valid = { name: "Cashier", level: 1, permissions: [] };

    expectHubError(await postRole(admin, {}), "INVALID_INPUT", "body.name");
    expectHubError(
      await postRole(admin, { ...valid, level: "1" }),
      "INVALID_INPUT",
      "body.level",
    );
    expectHubError(
      await postRole(admin, { ...valid, level: 5 }),
      "INVALID_INPUT",
      "body.level",
    );
    expectHubError(
      await postRole(admin, { ...valid, level: 0 }),
      "INVALID_INPUT",
      "body.level",
    );
    expectHubError(
      await postRole(admin, { ...valid, permissions: ["fly"] }),
      "INVALID_INPUT",
      "body.permissions.0",
    );
    expectHubError(
      await postRole(admin, {
        ...valid,
        permissions: ["pin.reset", "pin.reset"],
      }),
      "INVALID_INPUT",
      "body.permissions",
    );
    expectHubError(
      await postRole(admin, { ...valid, name: "" }),
      "INVALID_INPUT",
      "body.name",
    );
  });

  test("name taken, ignoring case", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await postRole(admin, {
      name: "SHIFT lead",
      level: 2,
      permissions: [],
    });

    expectHubError(response, "ROLE_NAME_TAKEN", "body.name");
  });

  test("level at or above own", async () => {
    const admin = await signInAdmin(hub, "E9");
    const keeper = await roleKeeperE4();

    expectHubError(
      await postRole(admin, {
        name: "Second admin",
        level: 4,
        permissions: [],
      }),
      "ROLE_LEVEL_NOT_BELOW",
      "body.level",
    );
    expectHubError(
      await postRole(keeper, { name: "Deputy", level: 3, permissions: [] }),
      "ROLE_LEVEL_NOT_BELOW",
      "body.level",
    );
  });

  test("only permissions the actor holds", async () => {
    const keeper = await roleKeeperE4();

    const rejected = await postRole(keeper, {
      name: "Settings clerk",
      level: 2,
      permissions: ["pin.reset", "settings.manage"],
    });
    const accepted = await postRole(keeper, {
      name: "Reset clerk",
      level: 2,
      permissions: ["pin.reset"],
    });

    expectHubError(rejected, "PERMISSION_NOT_HELD", "body.permissions.1");
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  test("needs role.manage", async () => {
    const manager = await signInAdmin(hub, "E4");
    const before = await latestSeq(hub);

    const response = await postRole(manager, {
      name: "Cashier",
      level: 1,
      permissions: [],
    });

    expectHubError(response, "PERMISSION_MISSING");
    const audits = await auditEntriesAfter(hub, before);
    expect(audits.map((entry) => [entry.kind, entry.reason])).toContainEqual([
      "role.create",
      "PERMISSION_MISSING",
    ]);
  });
});

describe("PATCH /api/admin/roles/:roleId", () => {
  test("new permissions reach holders' tablets", async () => {
    const tablet = await tablets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, {
        store: "A",
        tablet: "tablet-a-roles",
      }),
    });
    const admin = await signInAdmin(hub, "E9");
    const e7 = userIdOf(hub, "E7");

    const response = await patchRole(admin, "shift-lead", {
      name: "Shift leader",
      permissions: ["pin.reset", "user.unlock"],
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminRole.parse(response.json())).toMatchObject({
      name: "Shift leader",
      permissions: ["pin.reset", "user.unlock"],
      userCount: 1,
    });
    const message = await tablet.waitForChange(
      "E7's new role",
      ({ change }) =>
        change.kind === "user.upsert" &&
        change.user.id === e7 &&
        change.user.role.permissions.includes("user.unlock"),
    );
    expect(message.change).toMatchObject({
      user: { role: { name: "Shift leader" }, version: 2 },
    });
    expect((await rosterUser(hub, "A", "E7"))?.role.name).toBe("Shift leader");
  });

  test("built-in keeps its level", async () => {
    const admin = await signInAdmin(hub, "E9");

    const level = await patchRole(admin, "supervisor", { level: 1 });
    const permissions = await patchRole(admin, "supervisor", {
      permissions: ["pin.reset", "user.unlock", "audit.read"],
    });

    expectHubError(level, "ROLE_BUILT_IN", "body.level");
    expect(permissions.statusCode, permissions.body).toBe(200);
  });

  test("role at or above own level", async () => {
    const admin = await signInAdmin(hub, "E9");
    const keeper = await roleKeeperE4();

    expectHubError(
      await patchRole(admin, "administrator", { name: "Admins" }),
      "ROLE_LEVEL_NOT_BELOW",
      "params.roleId",
    );
    expectHubError(
      await patchRole(keeper, "manager", { name: "Managers" }),
      "ROLE_LEVEL_NOT_BELOW",
      "params.roleId",
    );
    expectHubError(
      await patchRole(keeper, "shift-lead", { level: 3 }),
      "ROLE_LEVEL_NOT_BELOW",
      "body.level",
    );
  });

  test("keeps but cannot add unheld permissions", async () => {
    await createRole("clerk", 2, ["settings.manage"]);
    const keeper = await roleKeeperE4();

    const kept = await patchRole(keeper, "clerk", {
      permissions: ["settings.manage", "pin.reset"],
    });
    const added = await patchRole(keeper, "clerk", {
      permissions: ["settings.manage", "store.manage"],
    });

    expect(kept.statusCode, kept.body).toBe(200);
    expectHubError(added, "PERMISSION_NOT_HELD", "body.permissions.1");
  });

  test("role held outside the actor's scope", async () => {
    const cashier = await createRole("cashier", 1, []);
    await giveRole("E6", cashier);
    const keeper = await roleKeeperE4();

    const response = await patchRole(keeper, "cashier", { name: "Till" });

    expectHubError(response, "ROLE_HELD_OUT_OF_SCOPE", "params.roleId");
    expect(errorOf(response).message).toContain("1 users");
  });

  test("name taken by another role", async () => {
    const admin = await signInAdmin(hub, "E9");

    const taken = await patchRole(admin, "shift-lead", { name: "manager" });
    const ownName = await patchRole(admin, "shift-lead", {
      name: "SHIFT LEAD",
    });

    expectHubError(taken, "ROLE_NAME_TAKEN", "body.name");
    expect(ownName.statusCode, ownName.body).toBe(200);
  });

  test("unknown, malformed and empty", async () => {
    const admin = await signInAdmin(hub, "E9");

    expectHubError(
      await patchRole(admin, "no-such-role", { name: "X" }),
      "ROLE_UNKNOWN",
      "params.roleId",
    );
    expectHubError(
      await patchRole(admin, "Bad_Id", { name: "X" }),
      "INVALID_INPUT",
      "params.roleId",
    );
    expectHubError(
      await patchRole(admin, "shift-lead", {}),
      "INVALID_INPUT",
      "body",
    );
    expectHubError(
      await patchRole(admin, "shift-lead", { permissions: "pin.reset" }),
      "INVALID_INPUT",
      "body.permissions",
    );
  });
});

describe("DELETE /api/admin/roles/:roleId", () => {
  test("deletes an unused role", async () => {
    await createRole("cashier", 1, []);
    const admin = await signInAdmin(hub, "E9");

    const response = await deleteRole(admin, "cashier");

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ id: "cashier" });
    expect((await listRoles(admin)).map((role) => role.id)).not.toContain(
      "cashier",
    );
  });

  test("role in use names the count", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await deleteRole(admin, "shift-lead");

    expectHubError(response, "ROLE_IN_USE", "params.roleId");
    expect(errorOf(response).message).toContain("1 users");
    expect(errorOf(response).details).toEqual({ users: 1 });
    expect(
      await hub.context.storage.org.getRole("shift-lead" as RoleId),
    ).not.toBe(null);
  });

  test("built-in role", async () => {
    const admin = await signInAdmin(hub, "E9");
    await createRole("unused", 1, []);

    // Even with no holder left, a built-in role stays.
    await hub.context.storage.users.update(
      userIdOf(hub, "E3"),
      { roleId: "unused" as RoleId },
      clock.now(),
    );
    const response = await deleteRole(admin, "supervisor");

    expectHubError(response, "ROLE_BUILT_IN", "params.roleId");
  });

  test("unknown role and missing permission", async () => {
    await createRole("cashier", 1, []);
    const admin = await signInAdmin(hub, "E9");
    const manager = await signInAdmin(hub, "E4");

    expectHubError(
      await deleteRole(admin, "no-such-role"),
      "ROLE_UNKNOWN",
      "params.roleId",
    );
    expectHubError(await deleteRole(manager, "cashier"), "PERMISSION_MISSING");
  });
});
