import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AdminGroup,
  AdminGroupListResponse,
  AdminStore,
  AdminStoreListResponse,
  type RoleId,
  type StoreGroupId,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  latestSeq,
  readRoster,
  rosterUser,
  storeIdOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool } from "../support/tabletSocket";

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

function send(
  agent: AdminAgent,
  method: "GET" | "POST" | "PATCH",
  url: string,
  payload?: unknown,
) {
  return agent.inject({
    method,
    url,
    ...(payload !== undefined && { payload }),
  });
}

/**
 * Makes manager E4 (store A only, level 3) a store keeper: panel access
 * and `store.manage`, but not organisation-wide.
 */
async function storeKeeperE4(): Promise<AdminAgent> {
  await hub.context.storage.org.createRole(
    {
      id: "store-keeper" as RoleId,
      name: "Store keeper",
      level: 3,
      permissions: ["control-panel.access", "store.manage", "user.manage"],
      builtIn: false,
    },
    clock.now(),
  );
  await hub.context.storage.users.update(
    userIdOf(hub, "E4"),
    { roleId: "store-keeper" as RoleId },
    clock.now(),
  );
  return signInAdmin(hub, "E4");
}

async function createGroup(
  name: string,
  storeCodes: string[],
): Promise<StoreGroupId> {
  const id = `group-${name.toLowerCase()}` as StoreGroupId;
  await hub.context.storage.org.createGroup(
    { id, name, storeIds: storeCodes.map((code) => storeIdOf(hub, code)) },
    clock.now(),
  );
  return id;
}

describe("GET /api/admin/stores", () => {
  test("administrator sees every store", async () => {
    const groupId = await createGroup("Iberia", ["A", "B"]);
    const admin = await signInAdmin(hub, "E9");

    const response = await send(admin, "GET", "/api/admin/stores");

    expect(response.statusCode, response.body).toBe(200);
    const { stores } = AdminStoreListResponse.parse(response.json());
    expect(stores).toEqual([
      {
        id: storeIdOf(hub, "A"),
        code: "A",
        name: "Store A",
        timeZone: "Europe/Madrid",
        groupIds: [groupId],
      },
      {
        id: storeIdOf(hub, "B"),
        code: "B",
        name: "Store B",
        timeZone: "Europe/Lisbon",
        groupIds: [groupId],
      },
    ]);
  });

  test("manager sees own store", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await send(manager, "GET", "/api/admin/stores");

    const { stores } = AdminStoreListResponse.parse(response.json());
    expect(stores.map((store) => store.code)).toEqual(["A"]);
  });
});

describe("POST /api/admin/stores", () => {
  test("creates a store", async () => {
    const admin = await signInAdmin(hub, "E9");
    const before = await latestSeq(hub);

    const response = await send(admin, "POST", "/api/admin/stores", {
      code: "C-01",
      name: "Store C",
      timeZone: "America/Argentina/Buenos_Aires",
    });

    expect(response.statusCode, response.body).toBe(201);
    const store = AdminStore.parse(response.json());
    expect(store).toMatchObject({
      code: "C-01",
      name: "Store C",
      timeZone: "America/Argentina/Buenos_Aires",
      groupIds: [],
    });
    expect((await hub.context.storage.org.getStore(store.id))?.name).toBe(
      "Store C",
    );
    const audits = await auditEntriesAfter(hub, before);
    expect(audits.map((entry) => [entry.kind, entry.outcome])).toContainEqual([
      "store.create",
      "success",
    ]);
  });

  test("bad input", async () => {
    const admin = await signInAdmin(hub, "E9");
    const valid = { code: "C", name: "Store C", timeZone: "Europe/Paris" };
    const post = (payload: unknown) =>
      send(admin, "POST", "/api/admin/stores", payload);

    expectHubError(await post({}), "INVALID_INPUT", "body.code");
    expectHubError(
      await post({ ...valid, name: undefined }),
      "INVALID_INPUT",
      "body.name",
    );
    expectHubError(
      await post({ ...valid, timeZone: "Mars/Olympus_Mons" }),
      "INVALID_INPUT",
      "body.timeZone",
    );
    expectHubError(
      await post({ ...valid, timeZone: "+01:00" }),
      "INVALID_INPUT",
      "body.timeZone",
    );
    expectHubError(
      await post({ ...valid, timeZone: 1 }),
      "INVALID_INPUT",
      "body.timeZone",
    );
    expectHubError(
      await post({ ...valid, code: "C 1" }),
      "INVALID_INPUT",
      "body.code",
    );
  });

  test("code taken, ignoring case", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await send(admin, "POST", "/api/admin/stores", {
      code: "a",
      name: "Another A",
      timeZone: "Europe/Madrid",
    });

    expectHubError(response, "STORE_CODE_TAKEN", "body.code");
  });

  test("needs store.manage and org-wide scope", async () => {
    const manager = await signInAdmin(hub, "E4");
    const body = { code: "C", name: "Store C", timeZone: "Europe/Paris" };

    const withoutPermission = await send(
      manager,
      "POST",
      "/api/admin/stores",
      body,
    );
    const keeper = await storeKeeperE4();
    const notOrgWide = await send(keeper, "POST", "/api/admin/stores", body);

    expectHubError(withoutPermission, "PERMISSION_MISSING");
    expectHubError(notOrgWide, "ORG_WIDE_REQUIRED");
    expect(await hub.context.storage.org.findStoreByCode("C")).toBe(null);
  });
});

describe("PATCH /api/admin/stores/:storeId", () => {
  test("renames and changes time zone", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await send(
      admin,
      "PATCH",
      `/api/admin/stores/${storeIdOf(hub, "A")}`,
      { name: "Store A (Centre)", timeZone: "Atlantic/Canary" },
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminStore.parse(response.json())).toMatchObject({
      code: "A",
      name: "Store A (Centre)",
      timeZone: "Atlantic/Canary",
    });
    const roster = await readRoster(hub, "A");
    expect(roster.store.timeZone).toBe("Atlantic/Canary");
  });

  test("store keeper edits own store only", async () => {
    const keeper = await storeKeeperE4();

    const own = await send(
      keeper,
      "PATCH",
      `/api/admin/stores/${storeIdOf(hub, "A")}`,
      { name: "Store A North" },
    );
    const other = await send(
      keeper,
      "PATCH",
      `/api/admin/stores/${storeIdOf(hub, "B")}`,
      { name: "Mine now" },
    );

    expect(own.statusCode, own.body).toBe(200);
    expectHubError(other, "STORE_OUT_OF_SCOPE", "params.storeId");
  });

  test("unknown, malformed and empty", async () => {
    const admin = await signInAdmin(hub, "E9");
    const storeA = storeIdOf(hub, "A");

    expectHubError(
      await send(admin, "PATCH", `/api/admin/stores/${UNKNOWN_ID}`, {
        name: "X",
      }),
      "STORE_UNKNOWN",
      "params.storeId",
    );
    expectHubError(
      await send(admin, "PATCH", "/api/admin/stores/NOT_AN_ID", { name: "X" }),
      "INVALID_INPUT",
      "params.storeId",
    );
    expectHubError(
      await send(admin, "PATCH", `/api/admin/stores/${storeA}`, {}),
      "INVALID_INPUT",
      "body",
    );
    expectHubError(
      await send(admin, "PATCH", `/api/admin/stores/${storeA}`, {
        timeZone: "Europe/Atlantis",
      }),
      "INVALID_INPUT",
      "body.timeZone",
    );
  });

  test("needs store.manage", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await send(
      manager,
      "PATCH",
      `/api/admin/stores/${storeIdOf(hub, "A")}`,
      { name: "Renamed" },
    );

    expectHubError(response, "PERMISSION_MISSING");
  });
});

describe("GET /api/admin/groups", () => {
  test("lists groups inside scope", async () => {
    const iberia = await createGroup("Iberia", ["A", "B"]);
    const centre = await createGroup("Centre", ["A"]);
    const admin = await signInAdmin(hub, "E9");
    const manager = await signInAdmin(hub, "E4");

    const all = AdminGroupListResponse.parse(
      (await send(admin, "GET", "/api/admin/groups")).json(),
    );
    const own = AdminGroupListResponse.parse(
      (await send(manager, "GET", "/api/admin/groups")).json(),
    );

    expect(all.groups.map((group) => group.id)).toEqual([centre, iberia]);
    expect(own.groups).toEqual([
      { id: centre, name: "Centre", storeIds: [storeIdOf(hub, "A")] },
    ]);
  });
});

describe("POST /api/admin/groups", () => {
  test("creates a group", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await send(admin, "POST", "/api/admin/groups", {
      name: "Iberia",
      storeIds: [storeIdOf(hub, "B"), storeIdOf(hub, "A")],
    });

    expect(response.statusCode, response.body).toBe(201);
    const group = AdminGroup.parse(response.json());
    expect(group.name).toBe("Iberia");
    expect(group.storeIds).toEqual(
      [storeIdOf(hub, "A"), storeIdOf(hub, "B")].sort(),
    );
  });

  test("bad input", async () => {
    const admin = await signInAdmin(hub, "E9");
    await createGroup("Iberia", ["A"]);
    const post = (payload: unknown) =>
      send(admin, "POST", "/api/admin/groups", payload);

    expectHubError(await post({}), "INVALID_INPUT", "body.name");
    expectHubError(
      await post({ name: "South", storeIds: [UNKNOWN_ID] }),
      "STORE_UNKNOWN",
      "body.storeIds.0",
    );
    expectHubError(
      await post({
        name: "South",
        storeIds: [storeIdOf(hub, "A"), storeIdOf(hub, "A")],
      }),
      "INVALID_INPUT",
      "body.storeIds",
    );
    expectHubError(
      await post({ name: "iberia", storeIds: [] }),
      "GROUP_NAME_TAKEN",
      "body.name",
    );
  });

  test("org-wide actors only", async () => {
    const keeper = await storeKeeperE4();

    const response = await send(keeper, "POST", "/api/admin/groups", {
      name: "Mine",
      storeIds: [storeIdOf(hub, "A")],
    });

    expectHubError(response, "ORG_WIDE_REQUIRED");
  });
});

describe("PATCH /api/admin/groups/:groupId", () => {
  test("new stores reach members' tablets", async () => {
    const groupId = await createGroup("Floaters", ["A"]);
    await hub.context.storage.users.update(
      userIdOf(hub, "E2"),
      { storeIds: [], groupIds: [groupId] },
      clock.now(),
    );
    const tabletA = await tablets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, { store: "A", tablet: "ga" }),
    });
    const tabletB = await tablets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, { store: "B", tablet: "gb" }),
    });
    const admin = await signInAdmin(hub, "E9");
    const e2 = userIdOf(hub, "E2");

    const response = await send(
      admin,
      "PATCH",
      `/api/admin/groups/${groupId}`,
      {
        name: "Floaters B",
        storeIds: [storeIdOf(hub, "B")],
      },
    );

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminGroup.parse(response.json())).toEqual({
      id: groupId,
      name: "Floaters B",
      storeIds: [storeIdOf(hub, "B")],
    });
    await tabletA.waitForChange(
      "E2 leaves A",
      ({ change }) => change.kind === "user.remove" && change.userId === e2,
    );
    await tabletB.waitForChange(
      "E2 joins B",
      ({ change }) => change.kind === "user.upsert" && change.user.id === e2,
    );
    expect(await rosterUser(hub, "A", "E2")).toBeUndefined();
    expect((await rosterUser(hub, "B", "E2"))?.storeIds).toEqual([
      storeIdOf(hub, "B"),
    ]);
  });

  test("store keeper renames, cannot move stores", async () => {
    const centre = await createGroup("Centre", ["A"]);
    const iberia = await createGroup("Iberia", ["A", "B"]);
    const keeper = await storeKeeperE4();

    const renamed = await send(keeper, "PATCH", `/api/admin/groups/${centre}`, {
      name: "Centre East",
    });
    const moved = await send(keeper, "PATCH", `/api/admin/groups/${centre}`, {
      storeIds: [storeIdOf(hub, "A")],
    });
    const outside = await send(keeper, "PATCH", `/api/admin/groups/${iberia}`, {
      name: "Mine",
    });

    expect(renamed.statusCode, renamed.body).toBe(200);
    expectHubError(moved, "ORG_WIDE_REQUIRED");
    expectHubError(outside, "STORE_OUT_OF_SCOPE", "params.groupId");
  });

  test("unknown group, store and empty body", async () => {
    const groupId = await createGroup("Centre", ["A"]);
    const admin = await signInAdmin(hub, "E9");

    expectHubError(
      await send(admin, "PATCH", "/api/admin/groups/no-such-group", {
        name: "X",
      }),
      "GROUP_UNKNOWN",
      "params.groupId",
    );
    expectHubError(
      await send(admin, "PATCH", `/api/admin/groups/${groupId}`, {
        storeIds: [UNKNOWN_ID],
      }),
      "STORE_UNKNOWN",
      "body.storeIds.0",
    );
    expectHubError(
      await send(admin, "PATCH", `/api/admin/groups/${groupId}`, {}),
      "INVALID_INPUT",
      "body",
    );
    expectHubError(
      await send(admin, "PATCH", `/api/admin/groups/${groupId}`, {
        storeIds: "A",
      }),
      "INVALID_INPUT",
      "body.storeIds",
    );
  });
});
