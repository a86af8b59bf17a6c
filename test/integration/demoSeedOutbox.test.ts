import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AdminAlertsResponse, AdminOutboxResponse } from "../../protocol";
import { DEMO_USERS } from "../../hub/demo/demoUsers";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { startTestHub, type TestHub } from "../support/startTestHub";

let demo: TestHub;
let admin: AdminAgent;
beforeAll(async () => {
  demo = await startTestHub({ seed: "demo" });
  admin = await signInAdmin(demo, "E0001");
});
afterAll(async () => {
  await demo.stop();
});

describe("demo seed", () => {
  test("alerts list no delivery failure", async () => {
    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/alerts",
    });

    expect(response.statusCode).toBe(200);
    const { deliveryFailures } = AdminAlertsResponse.parse(response.json());
    expect(deliveryFailures).toEqual([]);
  });

  test("fixed PINs supersede the roster's messages", async () => {
    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/outbox?limit=500",
    });

    expect(response.statusCode).toBe(200);
    const { messages } = AdminOutboxResponse.parse(response.json());
    const fixed = new Set<string>(
      DEMO_USERS.map((user) => user.employeeNumber),
    );
    const ofFixed = messages.filter((message) =>
      fixed.has(message.employeeNumber ?? ""),
    );
    expect(ofFixed.length).toBeGreaterThan(0);
    for (const message of ofFixed) {
      expect(message.status).toBe("superseded");
      expect(message.kind).toBe("temporary-pin");
      expect(message.pin).toBeNull();
    }
    expect(messages.map((message) => message.status)).not.toContain("expired");
  });
});
