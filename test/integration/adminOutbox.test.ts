import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildApp } from "../../hub/http/buildApp";
import { AdminOutboxResponse } from "../../protocol";
import { signInAdmin } from "../support/adminAgent";
import { assignCustomRole } from "../support/customRole";
import {
  errorOf,
  fieldPathsOf,
  pinOf,
  postPinReset,
  signInToken,
  storedPinIs,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

let hub: TestHub;
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  await hub.stop();
});

/** Resets E1's PIN from store A's tablet as E4; E1 has an e-mail address. */
async function resetE1(): Promise<void> {
  const token = await signInToken(hub, "E4");
  const response = await postPinReset(hub, token, userIdOf(hub, "E1"), {
    proof: { pin: pinOf(hub, "E4") },
  });
  expect(response.statusCode).toBe(200);
}

describe("GET /api/admin/outbox", () => {
  test("lists messages with their PIN", async () => {
    await resetE1();
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/outbox",
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const { messages } = AdminOutboxResponse.parse(response.json());
    const message = messages.find(
      (candidate) => candidate.employeeNumber === "E1",
    );
    expect(message).toMatchObject({
      userId: userIdOf(hub, "E1"),
      name: "Ana Lima",
      channel: "email",
      recipient: "ana@example.com",
      status: "pending",
    });
    expect(message?.pin).toMatch(/^\d{6,8}$/);
    expect(await storedPinIs(hub, "E1", message?.pin ?? "")).toBe(true);
  });

  test("newer reset supersedes the older PIN", async () => {
    await resetE1();
    await resetE1();
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/outbox",
    });

    const { messages } = AdminOutboxResponse.parse(response.json());
    const ofE1 = messages.filter((message) => message.employeeNumber === "E1");
    expect(ofE1.map((message) => message.kind)).toEqual([
      "temporary-pin",
      "temporary-pin",
    ]);
    const statuses = ofE1.map((message) => message.status).sort();
    expect(statuses).toEqual(["pending", "superseded"]);
    const superseded = ofE1.find((message) => message.status === "superseded");
    expect(superseded?.pin).toBeNull();
  });

  test("in-person reset supersedes the older PIN", async () => {
    await resetE1();
    const { org } = hub.context.storage;
    await org.saveSettings({
      ...(await org.getSettings()),
      deliveryChannel: "in-person",
    });
    await resetE1();
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/outbox",
    });

    const { messages } = AdminOutboxResponse.parse(response.json());
    const ofE1 = messages.filter((message) => message.employeeNumber === "E1");
    expect(ofE1.map((message) => message.status)).toEqual(["superseded"]);
    expect(ofE1[0]?.pin).toBeNull();
  });

  test("limit caps the list", async () => {
    await resetE1();
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/outbox?limit=1",
    });

    expect(AdminOutboxResponse.parse(response.json()).messages).toHaveLength(1);
  });

  test("invalid limit is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/outbox?limit=many",
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["query.limit"]);
  });

  test("store manager is rejected", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await manager.inject({
      method: "GET",
      url: "/api/admin/outbox",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("PERMISSION_MISSING");
  });

  test("store-scoped settings manager is rejected", async () => {
    await assignCustomRole(hub, "E4", { permissions: ["settings.manage"] });
    const agent = await signInAdmin(hub, "E4");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/outbox",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ORG_WIDE_REQUIRED");
  });

  test("production mode is rejected", async () => {
    await resetE1();
    const production = await buildApp(
      { ...hub.context, config: { ...hub.context.config, mode: "production" } },
      { kioskDir: "", logger: hub.context.logger },
    );
    try {
      const admin = await signInAdmin({ ...hub, app: production }, "E9");

      const response = await admin.inject({
        method: "GET",
        url: "/api/admin/outbox",
      });

      expect(response.statusCode).toBe(403);
      expect(errorOf(response).code).toBe("DEMO_ONLY");
      expect(response.body).not.toMatch(/"pin"/);
    } finally {
      await production.close();
    }
  });
});
