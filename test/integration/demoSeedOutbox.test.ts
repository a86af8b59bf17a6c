import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  AdminAlertsResponse,
  AdminAuditResponse,
  AdminOutboxResponse,
} from "../../protocol";
import { DEMO_STORES, DEMO_USERS } from "../../hub/demo/demoUsers";
import { effectiveStoreIds } from "../../hub/domain/effectiveStoreIds";
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

  test("fixed PIN entries name the user's stores", async () => {
    const response = await admin.inject({
      method: "GET",
      url: "/api/admin/audit?kind=demo.pin-set&limit=500",
    });

    expect(response.statusCode).toBe(200);
    const { entries } = AdminAuditResponse.parse(response.json());
    expect(entries).toHaveLength(DEMO_USERS.length);
    const { storage } = demo.context;
    let partialScopeEntries = 0;
    for (const entry of entries) {
      const user = await storage.users.getByEmployeeNumber(
        entry.target?.employeeNumber ?? "",
      );
      if (user === null) {
        throw new Error(`no demo user ${entry.target?.employeeNumber}`);
      }
      const expected = await effectiveStoreIds(storage, user);
      expect(entry.storeIds).not.toEqual([]);
      expect([...entry.storeIds].sort()).toEqual(expected);
      if (entry.storeIds.length < DEMO_STORES.length) {
        partialScopeEntries += 1;
      }
    }
    // Most demo users work in one store, so their entries must not read "All stores".
    expect(partialScopeEntries).toBeGreaterThan(0);
  });
});
