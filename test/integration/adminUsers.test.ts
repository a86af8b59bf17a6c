import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AdminUserDetail,
  AdminUserListResponse,
  type ChangeMessage,
  type RoleId,
  type StoreGroupId,
  type UserId,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  latestSeq,
  postSignIn,
  rosterUser,
  storeIdOf,
  tabletIdOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool, type TabletSocket } from "../support/tabletSocket";

const WRONG_PIN = "730615";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

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

async function listUsers(
  agent: AdminAgent,
  query = "",
): Promise<AdminUserListResponse> {
  const response = await agent.inject({
    method: "GET",
    url: `/api/admin/users${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return AdminUserListResponse.parse(response.json());
}

function numbersOf(list: AdminUserListResponse): string[] {
  return list.users.map((user) => user.employeeNumber).sort();
}

async function connectTablet(storeCode: string): Promise<TabletSocket> {
  return tablets.connect(hub.url, {
    tabletToken: await tabletTokenOf(hub, {
      store: storeCode,
      tablet: `tablet-${storeCode.toLowerCase()}-panel`,
    }),
  });
}

function changeOf(
  kind: "user.upsert" | "user.remove",
  userId: string,
): (message: ChangeMessage) => boolean {
  return ({ change }) =>
    change.kind === kind &&
    (change.kind === "user.upsert"
      ? change.user.id === userId
      : change.kind === "user.remove" && change.userId === userId);
}

/** Creates `count` employees of store A in one transaction. */
async function createBulkUsers(count: number): Promise<void> {
  const storeA = storeIdOf(hub, "A");
  const now = hub.context.now();
  await hub.context.storage.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const number = String(i).padStart(5, "0");
      await tx.users.create(
        {
          id: `00000000-0000-4000-8000-${number.padStart(12, "0")}` as UserId,
          employeeNumber: `P${number}`,
          firstName: "Bulk",
          lastName: `Person ${number}`,
          email: null,
          phone: null,
          roleId: "employee" as RoleId,
          orgWide: false,
          storeIds: [storeA],
          groupIds: [],
        },
        now,
      );
    }
  });
}

function newUser(overrides: Record<string, unknown> = {}) {
  return {
    employeeNumber: "N100",
    firstName: "Nadia",
    lastName: "Ferreira",
    email: "nadia@example.com",
    roleId: "employee",
    storeIds: [storeIdOf(hub, "A")],
    ...overrides,
  };
}

describe("GET /api/admin/users", () => {
  test("manager sees own store below level", async () => {
    const manager = await signInAdmin(hub, "E4");

    const list = await listUsers(manager);

    // E6 also works in store B, E5 is store B only, E9 is level 4.
    expect(numbersOf(list)).toEqual(["E1", "E2", "E3", "E7"]);
    expect(list.total).toBe(4);
  });

  test("administrator sees all below level", async () => {
    const admin = await signInAdmin(hub, "E9");

    const list = await listUsers(admin);

    expect(numbersOf(list)).toEqual(["E1", "E2", "E3", "E4", "E5", "E6", "E7"]);
  });

  test("row carries role, stores, lock and PIN", async () => {
    const admin = await signInAdmin(hub, "E9");

    const list = await listUsers(admin, "?search=E6");

    expect(list.users).toHaveLength(1);
    expect(list.users[0]).toMatchObject({
      employeeNumber: "E6",
      role: { id: "employee", level: 1 },
      effectiveStoreIds: [storeIdOf(hub, "A"), storeIdOf(hub, "B")].sort(),
      groupIds: [],
      status: "active",
      lock: { kind: "none" },
      pin: "chosen",
    });
  });

  test("search by name, number and e-mail", async () => {
    const admin = await signInAdmin(hub, "E9");

    expect(numbersOf(await listUsers(admin, "?search=nowak"))).toEqual(["E4"]);
    expect(numbersOf(await listUsers(admin, "?search=Marek%20Now"))).toEqual([
      "E4",
    ]);
    expect(numbersOf(await listUsers(admin, "?search=e5"))).toEqual(["E5"]);
    expect(numbersOf(await listUsers(admin, "?search=ana%40example"))).toEqual([
      "E1",
    ]);
    expect(numbersOf(await listUsers(admin, "?search=%25"))).toEqual([]);
  });

  test("filters by store, role, status, lock", async () => {
    const admin = await signInAdmin(hub, "E9");
    const storeB = storeIdOf(hub, "B");
    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E1", { pin: WRONG_PIN });
    }
    await hub.context.storage.users.update(
      userIdOf(hub, "E2"),
      { status: "deactivated" },
      clock.now(),
    );

    expect(numbersOf(await listUsers(admin, `?storeId=${storeB}`))).toEqual([
      "E5",
      "E6",
    ]);
    expect(numbersOf(await listUsers(admin, "?roleId=manager"))).toEqual([
      "E4",
      "E5",
    ]);
    expect(numbersOf(await listUsers(admin, "?status=deactivated"))).toEqual([
      "E2",
    ]);
    expect(numbersOf(await listUsers(admin, "?lockState=locked"))).toEqual([
      "E1",
    ]);
    expect(
      numbersOf(await listUsers(admin, "?lockState=unlocked")),
    ).not.toContain("E1");

    // A timed lock that ran out no longer counts as locked.
    clock.advance(31_000);
    expect(numbersOf(await listUsers(admin, "?lockState=locked"))).toEqual([]);
  });

  test("store filter through a group", async () => {
    const admin = await signInAdmin(hub, "E9");
    const groupId = "group-south" as StoreGroupId;
    await hub.context.storage.org.createGroup(
      { id: groupId, name: "South", storeIds: [storeIdOf(hub, "B")] },
      clock.now(),
    );
    await hub.context.storage.users.update(
      userIdOf(hub, "E3"),
      { groupIds: [groupId] },
      clock.now(),
    );

    const list = await listUsers(admin, `?storeId=${storeIdOf(hub, "B")}`);

    expect(numbersOf(list)).toEqual(["E3", "E5", "E6"]);
  });

  test("pages through thousands in SQL", async () => {
    await createBulkUsers(3000);
    const manager = await signInAdmin(hub, "E4");

    const first = await listUsers(manager, "?page=1&pageSize=200");
    const last = await listUsers(manager, "?page=16&pageSize=200");
    const beyond = await listUsers(manager, "?page=17&pageSize=200");

    expect(first.total).toBe(3004);
    expect(first.users).toHaveLength(200);
    expect(last.users).toHaveLength(3004 - 15 * 200);
    expect(beyond.users).toHaveLength(0);
    expect(beyond.total).toBe(3004);
    // Sorted by last name: Berg, Haddad, Lima, Martínez, then "Person …".
    expect(first.users.slice(0, 5).map((user) => user.employeeNumber)).toEqual([
      "E7",
      "E2",
      "E1",
      "E3",
      "P00000",
    ]);
    expect(last.users.at(-1)?.employeeNumber).toBe("P02999");
  });

  test("pages are disjoint and complete", async () => {
    await createBulkUsers(450);
    const manager = await signInAdmin(hub, "E4");

    const seen = new Set<string>();
    for (let page = 1; page <= 5; page++) {
      const list = await listUsers(manager, `?page=${page}&pageSize=100`);
      for (const user of list.users) {
        seen.add(user.id);
      }
    }

    expect(seen.size).toBe(454);
  });

  test("search narrows thousands", async () => {
    await createBulkUsers(3000);
    const manager = await signInAdmin(hub, "E4");

    const list = await listUsers(manager, "?search=P02999");

    expect(list.total).toBe(1);
    expect(list.users[0]?.lastName).toBe("Person 02999");
  });

  test("bad query values", async () => {
    const admin = await signInAdmin(hub, "E9");
    const cases: [string, string][] = [
      ["?page=0", "query.page"],
      ["?page=abc", "query.page"],
      ["?pageSize=1000", "query.pageSize"],
      ["?page=1e30", "query.page"],
      ["?status=gone", "query.status"],
      ["?lockState=maybe", "query.lockState"],
      ["?storeId=Not%20An%20Id", "query.storeId"],
    ];
    for (const [query, path] of cases) {
      const response = await admin.inject({
        method: "GET",
        url: `/api/admin/users${query}`,
      });
      expectHubError(response, "INVALID_INPUT", path);
    }
  });

  test("unknown store and role filters", async () => {
    const admin = await signInAdmin(hub, "E9");

    const store = await admin.inject({
      method: "GET",
      url: `/api/admin/users?storeId=${UNKNOWN_ID}`,
    });
    const role = await admin.inject({
      method: "GET",
      url: "/api/admin/users?roleId=no-such-role",
    });

    expectHubError(store, "STORE_UNKNOWN", "query.storeId");
    expectHubError(role, "ROLE_UNKNOWN", "query.roleId");
  });

  test("store filter outside scope", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: `/api/admin/users?storeId=${storeIdOf(hub, "B")}`,
    });

    expectHubError(response, "STORE_OUT_OF_SCOPE", "query.storeId");
  });

  test("needs a panel session", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/admin/users",
    });

    expectHubError(response, "ADMIN_SESSION_REQUIRED");
  });
});

describe("GET /api/admin/users/:userId", () => {
  test("detail with lock tablet and times", async () => {
    const admin = await signInAdmin(hub, "E9");
    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E1", { pin: WRONG_PIN });
    }

    const response = await admin.inject({
      method: "GET",
      url: `/api/admin/users/${userIdOf(hub, "E1")}`,
    });

    expect(response.statusCode).toBe(200);
    const detail = AdminUserDetail.parse(response.json());
    expect(detail.lock).toEqual({ kind: "timed", until: clock.now() + 30_000 });
    expect(detail.failedAttempts).toBe(5);
    expect(detail.lastFailureAt).toBe(clock.now());
    expect(detail.lastFailureTablet).toEqual({
      id: await tabletIdOf(hub, { store: "A" }),
      label: expect.any(String),
    });
    expect(detail.email).toBe("ana@example.com");
    expect(detail.pin).toBe("chosen");
    expect(detail.pinSetAt).toBe(clock.now());
  });

  test("unknown and malformed ids", async () => {
    const admin = await signInAdmin(hub, "E9");

    const unknown = await admin.inject({
      method: "GET",
      url: `/api/admin/users/${UNKNOWN_ID}`,
    });
    const malformed = await admin.inject({
      method: "GET",
      url: "/api/admin/users/NOT_AN_ID",
    });

    expectHubError(unknown, "USER_UNKNOWN", "params.userId");
    expectHubError(malformed, "INVALID_INPUT", "params.userId");
  });

  test("scope rule for the manager", async () => {
    const manager = await signInAdmin(hub, "E4");
    const get = (number: string) =>
      manager.inject({
        method: "GET",
        url: `/api/admin/users/${userIdOf(hub, number)}`,
      });

    expect((await get("E1")).statusCode).toBe(200);
    expectHubError(await get("E5"), "USER_UNKNOWN", "params.userId");
    expectHubError(await get("E6"), "OUT_OF_SCOPE", "params.userId");
    expectHubError(await get("E9"), "LEVEL_NOT_HIGHER", "params.userId");
    expectHubError(await get("E4"), "SELF_ACTION", "params.userId");
  });
});

describe("POST /api/admin/users", () => {
  test("creates a user tablets see", async () => {
    const tablet = await connectTablet("A");
    const manager = await signInAdmin(hub, "E4");
    const before = await latestSeq(hub);

    const response = await manager.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: newUser({ phone: "+34600111222" }),
    });

    expect(response.statusCode, response.body).toBe(201);
    const created = AdminUserDetail.parse(response.json());
    expect(created).toMatchObject({
      employeeNumber: "N100",
      firstName: "Nadia",
      role: { id: "employee" },
      storeIds: [storeIdOf(hub, "A")],
      status: "active",
      pin: "none",
      phone: "+34600111222",
    });
    await tablet.waitForChange(
      "the new user",
      changeOf("user.upsert", created.id),
    );
    expect((await rosterUser(hub, "A", "N100"))?.id).toBe(created.id);
    const audits = await auditEntriesAfter(hub, before);
    expect(audits.map((entry) => [entry.kind, entry.outcome])).toContainEqual([
      "user.create",
      "success",
    ]);
    expect(JSON.stringify(audits)).not.toContain("nadia@example.com");
  });

  test("assigns a group of stores", async () => {
    const admin = await signInAdmin(hub, "E9");
    const groupId = "group-all" as StoreGroupId;
    await hub.context.storage.org.createGroup(
      {
        id: groupId,
        name: "All",
        storeIds: [storeIdOf(hub, "A"), storeIdOf(hub, "B")],
      },
      clock.now(),
    );

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: newUser({ storeIds: [], groupIds: [groupId] }),
    });

    expect(response.statusCode, response.body).toBe(201);
    const created = AdminUserDetail.parse(response.json());
    expect(created.groupIds).toEqual([groupId]);
    expect(created.effectiveStoreIds).toEqual(
      [storeIdOf(hub, "A"), storeIdOf(hub, "B")].sort(),
    );
  });

  test("missing fields and wrong types", async () => {
    const admin = await signInAdmin(hub, "E9");
    const post = (payload: unknown) =>
      admin.inject({ method: "POST", url: "/api/admin/users", payload });

    expectHubError(await post({}), "INVALID_INPUT", "body.employeeNumber");
    expectHubError(
      await post(newUser({ firstName: undefined })),
      "INVALID_INPUT",
      "body.firstName",
    );
    expectHubError(
      await post(newUser({ storeIds: "A" })),
      "INVALID_INPUT",
      "body.storeIds",
    );
    expectHubError(
      await post(newUser({ email: "not-an-address" })),
      "INVALID_INPUT",
      "body.email",
    );
    expectHubError(
      await post(newUser({ phone: "555-0100" })),
      "INVALID_INPUT",
      "body.phone",
    );
    expectHubError(
      await post(newUser({ orgWide: "yes" })),
      "INVALID_INPUT",
      "body.orgWide",
    );
    expectHubError(
      await post(newUser({ firstName: "   " })),
      "INVALID_INPUT",
      "body.firstName",
    );
  });

  test("employee number taken, ignoring case", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: newUser({ employeeNumber: "e1" }),
    });

    expectHubError(response, "EMPLOYEE_NUMBER_TAKEN", "body.employeeNumber");
  });

  test("role checks", async () => {
    const manager = await signInAdmin(hub, "E4");
    await hub.context.storage.org.createRole(
      {
        id: "settings-keeper" as RoleId,
        name: "Settings keeper",
        level: 2,
        permissions: ["settings.manage"],
        builtIn: false,
      },
      clock.now(),
    );
    const post = (roleId: string) =>
      manager.inject({
        method: "POST",
        url: "/api/admin/users",
        payload: newUser({ roleId }),
      });

    expectHubError(await post("no-such-role"), "ROLE_UNKNOWN", "body.roleId");
    expectHubError(
      await post("manager"),
      "ROLE_LEVEL_NOT_BELOW",
      "body.roleId",
    );
    expectHubError(
      await post("administrator"),
      "ROLE_LEVEL_NOT_BELOW",
      "body.roleId",
    );
    expectHubError(
      await post("settings-keeper"),
      "PERMISSION_NOT_HELD",
      "body.roleId",
    );
  });

  test("store and group checks", async () => {
    const manager = await signInAdmin(hub, "E4");
    const groupId = "group-b" as StoreGroupId;
    await hub.context.storage.org.createGroup(
      { id: groupId, name: "B only", storeIds: [storeIdOf(hub, "B")] },
      clock.now(),
    );
    const post = (overrides: Record<string, unknown>) =>
      manager.inject({
        method: "POST",
        url: "/api/admin/users",
        payload: newUser(overrides),
      });

    expectHubError(
      await post({ storeIds: [storeIdOf(hub, "A"), UNKNOWN_ID] }),
      "STORE_UNKNOWN",
      "body.storeIds.1",
    );
    expectHubError(
      await post({ storeIds: [storeIdOf(hub, "B")] }),
      "STORE_OUT_OF_SCOPE",
      "body.storeIds.0",
    );
    expectHubError(
      await post({ groupIds: ["no-such-group"] }),
      "GROUP_UNKNOWN",
      "body.groupIds.0",
    );
    expectHubError(
      await post({ groupIds: [groupId] }),
      "STORE_OUT_OF_SCOPE",
      "body.groupIds.0",
    );
    expectHubError(
      await post({ storeIds: [] }),
      "INVALID_INPUT",
      "body.storeIds",
    );
    expectHubError(
      await post({ orgWide: true }),
      "ORG_WIDE_REQUIRED",
      "body.orgWide",
    );
  });

  test("org-wide user without stores", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: newUser({ roleId: "manager", storeIds: [], orgWide: true }),
    });

    expect(response.statusCode, response.body).toBe(201);
    expect(AdminUserDetail.parse(response.json()).orgWide).toBe(true);
  });

  test("needs user.manage", async () => {
    // Supervisor E3 gets a level-2 role with panel access only.
    await hub.context.storage.org.createRole(
      {
        id: "panel-viewer" as RoleId,
        name: "Panel viewer",
        level: 2,
        permissions: ["control-panel.access"],
        builtIn: false,
      },
      clock.now(),
    );
    await hub.context.storage.users.update(
      userIdOf(hub, "E3"),
      { roleId: "panel-viewer" as RoleId },
      clock.now(),
    );
    const viewer = await signInAdmin(hub, "E3");
    const before = await latestSeq(hub);

    const response = await viewer.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: newUser(),
    });

    expectHubError(response, "PERMISSION_MISSING");
    const audits = await auditEntriesAfter(hub, before);
    expect(audits.map((entry) => [entry.kind, entry.reason])).toContainEqual([
      "user.create",
      "PERMISSION_MISSING",
    ]);
    expect(await hub.context.storage.users.getByEmployeeNumber("N100")).toBe(
      null,
    );
  });
});

describe("PATCH /api/admin/users/:userId", () => {
  async function patch(agent: AdminAgent, number: string, payload: unknown) {
    return agent.inject({
      method: "PATCH",
      url: `/api/admin/users/${userIdOf(hub, number)}`,
      payload,
    });
  }

  test("edits names and contact", async () => {
    const tablet = await connectTablet("A");
    const manager = await signInAdmin(hub, "E4");

    const response = await patch(manager, "E2", {
      firstName: "Omar K.",
      email: "omar@example.com",
      phone: "+34600111333",
    });

    expect(response.statusCode, response.body).toBe(200);
    const detail = AdminUserDetail.parse(response.json());
    expect(detail).toMatchObject({
      firstName: "Omar K.",
      lastName: "Haddad",
      email: "omar@example.com",
      phone: "+34600111333",
      version: 2,
    });
    const message = await tablet.waitForChange(
      "E2 renamed",
      changeOf("user.upsert", userIdOf(hub, "E2")),
    );
    expect(message.change).toMatchObject({
      user: { firstName: "Omar K.", delivery: "email" },
    });
  });

  test("clears contact with null", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await patch(manager, "E1", { email: null });

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminUserDetail.parse(response.json()).email).toBe(null);
  });

  test("moves a user between stores", async () => {
    const tabletA = await connectTablet("A");
    const tabletB = await connectTablet("B");
    const admin = await signInAdmin(hub, "E9");
    const e1 = userIdOf(hub, "E1");

    const response = await patch(admin, "E1", {
      storeIds: [storeIdOf(hub, "B")],
    });

    expect(response.statusCode, response.body).toBe(200);
    await tabletA.waitForChange("E1 leaves A", changeOf("user.remove", e1));
    await tabletB.waitForChange("E1 joins B", changeOf("user.upsert", e1));
    expect(await rosterUser(hub, "A", "E1")).toBeUndefined();
    expect((await rosterUser(hub, "B", "E1"))?.id).toBe(e1);
  });

  test("role change needs proof", async () => {
    const manager = await signInAdmin(hub, "E4");

    const missing = await patch(manager, "E1", { roleId: "supervisor" });
    const wrong = await patch(manager, "E1", {
      roleId: "supervisor",
      proof: { password: "not the password at all" },
    });

    expectHubError(missing, "INVALID_INPUT", "body.proof");
    expectHubError(wrong, "ADMIN_PROOF_FAILED");
    const user = await hub.context.storage.users.get(userIdOf(hub, "E1"));
    expect(user?.roleId).toBe("employee");
  });

  test("role change with proof reaches tablets", async () => {
    const tablet = await connectTablet("A");
    const manager = await signInAdmin(hub, "E4");

    const response = await patch(manager, "E1", {
      roleId: "supervisor",
      proof: manager.proof,
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminUserDetail.parse(response.json()).role.id).toBe("supervisor");
    const message = await tablet.waitForChange(
      "E1 as supervisor",
      ({ change }) =>
        change.kind === "user.upsert" &&
        change.user.id === userIdOf(hub, "E1") &&
        change.user.role.id === "supervisor",
    );
    expect(message.change).toMatchObject({
      user: { role: { level: 2, permissions: ["pin.reset", "user.unlock"] } },
    });
  });

  test("role at or above own level", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await patch(manager, "E1", {
      roleId: "manager",
      proof: manager.proof,
    });

    expectHubError(response, "ROLE_LEVEL_NOT_BELOW", "body.roleId");
  });

  test("orgWide only by an org-wide actor", async () => {
    const manager = await signInAdmin(hub, "E4");
    const admin = await signInAdmin(hub, "E9");

    const rejected = await patch(manager, "E3", { orgWide: true });
    const accepted = await patch(admin, "E4", { orgWide: true });

    expectHubError(rejected, "ORG_WIDE_REQUIRED", "body.orgWide");
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(AdminUserDetail.parse(accepted.json()).orgWide).toBe(true);
  });

  test("stores outside scope", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await patch(manager, "E1", {
      storeIds: [storeIdOf(hub, "A"), storeIdOf(hub, "B")],
    });

    expectHubError(response, "STORE_OUT_OF_SCOPE", "body.storeIds.1");
  });

  test("no stores left", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await patch(manager, "E1", { storeIds: [] });

    expectHubError(response, "INVALID_INPUT", "body.storeIds");
  });

  test("scope rule on the target", async () => {
    const manager = await signInAdmin(hub, "E4");

    expectHubError(
      await patch(manager, "E6", { firstName: "Yu" }),
      "OUT_OF_SCOPE",
      "params.userId",
    );
    expectHubError(
      await patch(manager, "E5", { firstName: "Wu" }),
      "USER_UNKNOWN",
      "params.userId",
    );
    expectHubError(
      await patch(manager, "E4", { firstName: "Me" }),
      "SELF_ACTION",
      "params.userId",
    );
    expectHubError(
      await patch(manager, "E9", { firstName: "Boss" }),
      "LEVEL_NOT_HIGHER",
      "params.userId",
    );
  });

  test("empty and malformed bodies", async () => {
    const admin = await signInAdmin(hub, "E9");

    expectHubError(await patch(admin, "E1", {}), "INVALID_INPUT", "body");
    expectHubError(
      await patch(admin, "E1", { proof: admin.proof }),
      "INVALID_INPUT",
      "body",
    );
    expectHubError(
      await patch(admin, "E1", { lastName: 7 }),
      "INVALID_INPUT",
      "body.lastName",
    );
    expectHubError(
      await patch(admin, "E1", { storeIds: ["Store A"] }),
      "INVALID_INPUT",
      "body.storeIds.0",
    );
  });

  test("unknown user", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: `/api/admin/users/${UNKNOWN_ID}`,
      payload: { firstName: "Nobody" },
    });

    expectHubError(response, "USER_UNKNOWN", "params.userId");
  });

  test("rejected change changes nothing", async () => {
    const manager = await signInAdmin(hub, "E4");

    await patch(manager, "E1", {
      firstName: "Changed",
      storeIds: [storeIdOf(hub, "B")],
    });

    const user = await hub.context.storage.users.get(userIdOf(hub, "E1"));
    expect(user?.firstName).toBe("Ana");
    expect(user?.storeIds).toEqual([storeIdOf(hub, "A")]);
  });

  test("without CSRF token", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "PATCH",
      url: `/api/admin/users/${userIdOf(hub, "E1")}`,
      payload: { firstName: "Forged" },
      headers: { "x-csrf-token": "forged" },
    });

    expectHubError(response, "ADMIN_CSRF_REJECTED");
  });
});
