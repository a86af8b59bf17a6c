import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { revokeTablet } from "../../hub/tablets/revokeTablet";
import { AdminAlertsResponse, type UserId } from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import {
  errorOf,
  fieldPathsOf,
  pinOf,
  postPinReset,
  postSignIn,
  signInToken,
  storeIdOf,
  tabletIdOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

const WRONG_PIN = "730615";

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

async function alertsOf(
  agent: AdminAgent,
  query = "",
): Promise<AdminAlertsResponse> {
  const response = await agent.inject({
    method: "GET",
    url: `/api/admin/alerts${query}`,
  });
  expect(response.statusCode).toBe(200);
  return AdminAlertsResponse.parse(response.json());
}

async function lock(employeeNumber: string, store = "A"): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await postSignIn(hub, employeeNumber, { pin: WRONG_PIN, store });
  }
}

/** Resets a user's PIN from store A's tablet as E4, queueing a message. */
async function resetAsManager(userId: UserId): Promise<void> {
  const token = await signInToken(hub, "E4");
  const response = await postPinReset(hub, token, userId, {
    proof: { pin: pinOf(hub, "E4") },
  });
  expect(response.statusCode).toBe(200);
}

/** Gives up the oldest due outbox message as the delivery worker would. */
async function failNextMessage(error: string): Promise<string> {
  const { outbox } = hub.context.storage;
  const claim = await outbox.claimNext(clock.now(), 60_000, "test-claim");
  if (!claim) {
    throw new Error("no outbox message to fail");
  }
  await outbox.markUndeliverable(claim, "failed", error);
  return claim.id;
}

describe("GET /api/admin/alerts", () => {
  test("lists a locked user", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    await lock("E1");
    const admin = await signInAdmin(hub, "E9");

    const { locks } = await alertsOf(admin);

    expect(locks).toHaveLength(1);
    expect(locks[0]).toEqual({
      user: {
        id: userIdOf(hub, "E1"),
        employeeNumber: "E1",
        firstName: "Ana",
        lastName: "Lima",
        storeIds: [storeIdOf(hub, "A")],
      },
      lock: { kind: "timed", until: clock.now() + 30_000 },
      failures: 5,
      lastFailureAt: clock.now(),
      lastTablet: { id: tabletId, label: expect.any(String) },
    });
  });

  test("expired timed lock is gone", async () => {
    await lock("E1");
    const admin = await signInAdmin(hub, "E9");

    clock.advance(31_000);
    const { locks } = await alertsOf(admin);

    expect(locks).toEqual([]);
  });

  test("locks are limited to the actor's stores", async () => {
    await lock("E1");
    const managerA = await signInAdmin(hub, "E4");
    const managerB = await signInAdmin(hub, "E5");

    const seenByA = await alertsOf(managerA);
    const seenByB = await alertsOf(managerB);

    expect(seenByA.locks.map((alert) => alert.user.employeeNumber)).toEqual([
      "E1",
    ]);
    expect(seenByB.locks).toEqual([]);
  });

  test("user of two stores shows in both", async () => {
    await lock("E6");
    const managerB = await signInAdmin(hub, "E5");

    const { locks } = await alertsOf(managerB);

    expect(locks.map((alert) => alert.user.employeeNumber)).toEqual(["E6"]);
  });

  test("lists a stolen tablet", async () => {
    const tabletId = await tabletIdOf(hub, { store: "A" });
    await revokeTablet(hub.context, tabletId, {
      stolen: true,
      actorId: null,
      via: "test",
    });
    const admin = await signInAdmin(hub, "E9");
    const managerB = await signInAdmin(hub, "E5");

    const { stolenTablets } = await alertsOf(admin);
    const seenByB = await alertsOf(managerB);

    expect(stolenTablets).toEqual([
      {
        tabletId,
        label: expect.any(String),
        storeId: storeIdOf(hub, "A"),
        reportedAt: clock.now(),
      },
    ]);
    expect(seenByB.stolenTablets).toEqual([]);
  });

  test("lists a failed delivery without the PIN", async () => {
    await resetAsManager(userIdOf(hub, "E1"));
    const messageId = await failNextMessage("SMTP 550 mailbox unavailable");
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/alerts",
    });
    const { deliveryFailures } = AdminAlertsResponse.parse(response.json());

    expect(deliveryFailures).toHaveLength(1);
    expect(deliveryFailures[0]).toMatchObject({
      messageId,
      user: { employeeNumber: "E1" },
      channel: "email",
      status: "failed",
      attempts: 1,
      lastError: "SMTP 550 mailbox unavailable",
    });
    expect(response.body).not.toContain("ana@example.com");
    expect(response.body).not.toMatch(/"pin"/i);
  });

  test("new reset clears a failed delivery", async () => {
    await resetAsManager(userIdOf(hub, "E1"));
    await failNextMessage("SMTP 550 mailbox unavailable");
    clock.advance(1000);
    await resetAsManager(userIdOf(hub, "E1"));
    const admin = await signInAdmin(hub, "E9");

    const { deliveryFailures } = await alertsOf(admin);

    expect(deliveryFailures).toEqual([]);
  });

  test("store filter narrows the alerts", async () => {
    await lock("E1");
    await lock("E6", "B");
    const admin = await signInAdmin(hub, "E9");

    const { locks } = await alertsOf(admin, `?storeId=${storeIdOf(hub, "B")}`);

    expect(locks.map((alert) => alert.user.employeeNumber)).toEqual(["E6"]);
  });

  test("store outside scope is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: `/api/admin/alerts?storeId=${storeIdOf(hub, "B")}`,
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("STORE_OUT_OF_SCOPE");
  });

  test("unknown store is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/alerts?storeId=no-such-store",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("STORE_UNKNOWN");
  });

  test("malformed store id is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/alerts?storeId=%2F%2E%2E",
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["query.storeId"]);
  });

  test("no session is rejected", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/admin/alerts",
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
  });
});
