import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ADMIN_SESSION_COOKIE, AdminSessionView } from "../../protocol";
import { signInAdmin, TEST_ADMIN_PASSWORD } from "../support/adminAgent";
import { errorOf } from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

describe("POST /api/admin/session", () => {
  test("administrator signs in", async () => {
    const agent = await signInAdmin(hub, "E9");

    expect(agent.session.user.employeeNumber).toBe("E9");
    expect(agent.session.user.orgWide).toBe(true);
    expect(agent.session.user.permissions).toContain("control-panel.access");
    expect(agent.csrfToken.length).toBeGreaterThan(20);
    expect(agent.proof.password).toBe(TEST_ADMIN_PASSWORD);
  });
});

describe("GET /api/admin/session", () => {
  test("returns the session with its CSRF token", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await agent.inject({
      method: "GET",
      url: "/api/admin/session",
    });

    expect(response.statusCode).toBe(200);
    const view = AdminSessionView.parse(response.json());
    expect(view.csrfToken).toBe(agent.csrfToken);
    expect(view.user.employeeNumber).toBe("E4");
  });

  test("no cookie is rejected", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/admin/session",
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
  });
});

describe("DELETE /api/admin/session", () => {
  test("signs out", async () => {
    const agent = await signInAdmin(hub, "E9");

    const response = await agent.inject({
      method: "DELETE",
      url: "/api/admin/session",
    });
    const after = await agent.inject({
      method: "GET",
      url: "/api/admin/session",
    });

    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find(
      (cookie) => cookie.name === ADMIN_SESSION_COOKIE,
    );
    expect(cleared?.value).toBe("");
    expect(after.statusCode).toBe(401);
  });
});
