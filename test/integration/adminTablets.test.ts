import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  AdminEnrollmentCodeResponse,
  AdminTabletRevokeResponse,
  AdminTabletsResponse,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { assignCustomRole } from "../support/customRole";
import {
  errorOf,
  fieldPathsOf,
  logEntries,
  postSignIn,
  storeIdOf,
  tabletIdOf,
  tabletOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";
import { TabletPool } from "../support/tabletSocket";
import { disconnectTablets } from "../support/testTablet";

let clock: ManualClock;
let hub: TestHub;
const sockets = new TabletPool();
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  sockets.closeAll();
  disconnectTablets();
  await hub.stop();
});

async function listTablets(
  agent: AdminAgent,
  query = "",
): Promise<AdminTabletsResponse["tablets"]> {
  const response = await agent.inject({
    method: "GET",
    url: `/api/admin/tablets${query}`,
  });
  expect(response.statusCode).toBe(200);
  return AdminTabletsResponse.parse(response.json()).tablets;
}

describe("GET /api/admin/tablets", () => {
  test("lists tablets with sync state", async () => {
    const tabletA = await tabletIdOf(hub, { store: "A" });
    const tabletB = await tabletIdOf(hub, { store: "B" });
    const admin = await signInAdmin(hub, "E9");

    const tablets = await listTablets(admin);

    expect(tablets.map((tablet) => tablet.id).sort()).toEqual(
      [tabletA, tabletB].sort(),
    );
    const a = tablets.find((tablet) => tablet.id === tabletA);
    expect(a?.store.id).toBe(storeIdOf(hub, "A"));
    expect(a?.status).toBe("active");
    expect(a?.online).toBe(false);
    expect(a?.lastSyncSeq).toBe(0);
    expect(a?.pendingChanges).toBeGreaterThan(0);
  });

  test("shows a connected tablet online", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    const socket = await sockets.connect(hub.url, {
      tabletToken: await tabletTokenOf(hub, { store: "A" }),
    });
    const admin = await signInAdmin(hub, "E9");

    const online = await listTablets(admin);
    socket.close();
    await waitUntil(async () => {
      const tablets = await listTablets(admin);
      return tablets.find((tablet) => tablet.id === tabletId)?.online === false;
    });

    expect(online.find((tablet) => tablet.id === tabletId)?.online).toBe(true);
    const seen = online.find((tablet) => tablet.id === tabletId);
    expect(seen?.lastSeenAt).toBe(clock.now());
  });

  test("counts changes after the last sync", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    const admin = await signInAdmin(hub, "E9");
    const before = await listTablets(admin, `?storeId=${storeIdOf(hub, "A")}`);

    await postSignIn(hub, "E1", { pin: "000000" });
    const after = await listTablets(admin, `?storeId=${storeIdOf(hub, "A")}`);

    const pendingBefore =
      before.find((tablet) => tablet.id === tabletId)?.pendingChanges ?? 0;
    expect(after.find((tablet) => tablet.id === tabletId)?.pendingChanges).toBe(
      pendingBefore + 1,
    );
  });

  test("store manager sees own store only", async () => {
    await tabletIdOf(hub, { store: "A" });
    await tabletIdOf(hub, { store: "B" });
    const manager = await signInAdmin(hub, "E4");

    const tablets = await listTablets(manager);

    expect(tablets.map((tablet) => tablet.store.id)).toEqual([
      storeIdOf(hub, "A"),
    ]);
  });

  test("store outside scope is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: `/api/admin/tablets?storeId=${storeIdOf(hub, "B")}`,
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("STORE_OUT_OF_SCOPE");
  });

  test("unknown store is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/tablets?storeId=no-such-store",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("STORE_UNKNOWN");
  });

  test("malformed store id is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/tablets?storeId=Not%20An%20Id",
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["query.storeId"]);
  });

  test("missing permission is rejected", async () => {
    await assignCustomRole(hub, "E7", { permissions: ["audit.read"] });
    const agent = await signInAdmin(hub, "E7");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/tablets",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
    expect(errorOf(response).message).toContain("kiosk.enroll");
  });

  test("no session is rejected", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/admin/tablets",
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
  });
});

describe("POST /api/admin/stores/:storeId/enrollment-codes", () => {
  test("issues a code that enrolls a tablet", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/stores/${storeIdOf(hub, "A")}/enrollment-codes`,
      payload: { proof: manager.proof },
    });

    expect(response.statusCode).toBe(200);
    const issued = AdminEnrollmentCodeResponse.parse(response.json());
    expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(issued.store.code).toBe("A");
    expect(issued.expiresAt).toBe(clock.now() + 10 * 60_000);
    const audit = (await logEntries(hub, "audit")).filter(
      (entry) => entry.kind === "tablet.code",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(userIdOf(hub, "E4"));
    expect(JSON.stringify(audit[0]?.payload)).not.toContain(issued.code);
  });

  test("wrong password is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/stores/${storeIdOf(hub, "A")}/enrollment-codes`,
      payload: { proof: { password: "not the password at all" } },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
  });

  test("missing proof is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/stores/${storeIdOf(hub, "A")}/enrollment-codes`,
      payload: {},
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body.proof"]);
  });

  test("password of wrong type is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/stores/${storeIdOf(hub, "A")}/enrollment-codes`,
      payload: { proof: { password: 42 } },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["body.proof.password"]);
  });

  test("store outside scope is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/stores/${storeIdOf(hub, "B")}/enrollment-codes`,
      payload: { proof: manager.proof },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("STORE_OUT_OF_SCOPE");
  });

  test("unknown store is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/stores/no-such-store/enrollment-codes",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("STORE_UNKNOWN");
  });
});

describe("POST /api/admin/tablets/:tabletId/revoke", () => {
  test("revokes and disconnects the tablet", async () => {
    const testTablet = await tabletOf(hub, { store: "A" });
    const tabletId = testTablet.tabletId;
    const connection = await testTablet.connect();
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletId}/revoke`,
      payload: { proof: manager.proof },
    });

    expect(response.statusCode).toBe(200);
    const { tablet } = AdminTabletRevokeResponse.parse(response.json());
    expect(tablet.status).toBe("revoked");
    expect(tablet.revokedAt).toBe(clock.now());
    expect((await connection.revoked).code).toBe("TABLET_REVOKED");
    expect(await connection.disconnected).toBe("io server disconnect");
    const audit = (await logEntries(hub, "audit")).find(
      (entry) => entry.kind === "tablet.revoke",
    );
    expect(audit?.actorId).toBe(userIdOf(hub, "E4"));
    expect(audit?.tabletId).toBe(tabletId);
  });

  test("revoking twice is rejected", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    const admin = await signInAdmin(hub, "E9");
    const revoke = () =>
      admin.inject({
        method: "POST",
        url: `/api/admin/tablets/${tabletId}/revoke`,
        payload: { proof: admin.proof },
      });

    await revoke();
    const second = await revoke();

    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe("TABLET_ALREADY_REVOKED");
  });

  test("tablet of another store is not found", async () => {
    const tabletB = await tabletIdOf(hub, { store: "B" });
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletB}/revoke`,
      payload: { proof: manager.proof },
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("TABLET_NOT_FOUND");
    const stored = await hub.context.storage.tablets.get(tabletB);
    expect(stored?.status).toBe("active");
  });

  test("unknown tablet is not found", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/tablets/no-such-tablet/revoke",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("TABLET_NOT_FOUND");
  });

  test("malformed tablet id is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/tablets/NOT_AN_ID/revoke",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["params.tabletId"]);
  });

  test("wrong password changes nothing", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletId}/revoke`,
      payload: { proof: { password: "wrong password for sure" } },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
    const stored = await hub.context.storage.tablets.get(tabletId);
    expect(stored?.status).toBe("active");
  });
});

describe("POST /api/admin/tablets/:tabletId/report-stolen", () => {
  test("revokes and requires new PINs", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletId}/report-stolen`,
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(200);
    const { tablet } = AdminTabletRevokeResponse.parse(response.json());
    expect(tablet.status).toBe("stolen");
    const pin = await hub.context.storage.credentials.getPin(
      userIdOf(hub, "E1"),
    );
    expect(pin?.temporary).toBe(true);
    const audit = (await logEntries(hub, "audit")).find(
      (entry) => entry.kind === "tablet.stolen",
    );
    expect(audit?.actorId).toBe(userIdOf(hub, "E9"));
  });

  test("revoked tablet can be reported stolen", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    const admin = await signInAdmin(hub, "E9");
    await admin.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletId}/revoke`,
      payload: { proof: admin.proof },
    });

    const response = await admin.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletId}/report-stolen`,
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(200);
    expect(AdminTabletRevokeResponse.parse(response.json()).tablet.status).toBe(
      "stolen",
    );
  });

  test("missing permission is rejected", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    await assignCustomRole(hub, "E7", { permissions: ["audit.read"] });
    const agent = await signInAdmin(hub, "E7");

    const response = await agent.inject({
      method: "POST",
      url: `/api/admin/tablets/${tabletId}/report-stolen`,
      payload: { proof: agent.proof },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });
});

/** Polls `condition` until it holds, for state that follows a socket event. */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error("condition not met within 2 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
