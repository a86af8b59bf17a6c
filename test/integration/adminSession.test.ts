import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ADMIN_CSRF_HEADER,
  ADMIN_SESSION_COOKIE,
  AdminSessionView,
  SignOutEverywhereResponse,
  type RoleId,
  type UserId,
} from "../../protocol";
import { storeAdminPassword } from "../../hub/admin/adminPasswords";
import { hashAdminSecret } from "../../hub/admin/adminTokens";
import { runMaintenance } from "../../hub/maintenance/runMaintenance";
import { SQLITE_FILE } from "../../hub/storage/openSqliteStorage";
import {
  postAdminSignIn,
  signInAdmin,
  signInAdminWithPassword,
  TEST_ADMIN_PASSWORD,
} from "../support/adminAgent";
import {
  auditEntriesAfter,
  errorOf,
  fieldPathsOf,
  getJson,
  latestSeq,
  logEntries,
  pinOf,
  signInToken,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import { startTestHub, type TestHub } from "../support/startTestHub";

const MINUTE_MS = 60_000;
/** The default idle time and absolute lifetime of a panel session. */
const IDLE_MS = 30 * MINUTE_MS;
const ABSOLUTE_MS = 12 * 60 * MINUTE_MS;

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

function origin(): string {
  return new URL(hub.url).origin;
}

/** Gives a fixture user the test password without signing them in. */
async function givePassword(employeeNumber: string): Promise<void> {
  await storeAdminPassword(
    hub.context,
    userIdOf(hub, employeeNumber),
    TEST_ADMIN_PASSWORD,
  );
}

function getSession(cookie: string, headers: Record<string, string> = {}) {
  return hub.app.inject({
    method: "GET",
    url: "/api/admin/session",
    headers: { cookie, ...headers },
  });
}

describe("POST /api/admin/session", () => {
  test("administrator signs in", async () => {
    const agent = await signInAdmin(hub, "E9");

    expect(agent.session.user.employeeNumber).toBe("E9");
    expect(agent.session.user.roleId).toBe("administrator");
    expect(agent.session.user.level).toBe(4);
    expect(agent.session.user.orgWide).toBe(true);
    expect(agent.session.user.permissions).toContain("control-panel.access");
    expect(agent.session.idleTimeoutSeconds).toBe(IDLE_MS / 1000);
    expect(agent.session.expiresAt).toBe(clock.now() + IDLE_MS);
    expect(agent.csrfToken.length).toBeGreaterThan(20);
  });

  test("manager sees their own stores", async () => {
    const agent = await signInAdmin(hub, "E4");

    expect(agent.session.user.orgWide).toBe(false);
    expect(agent.session.user.storeIds).toEqual([hub.fixture.stores.A]);
  });

  test("signing in again ends the old session", async () => {
    const first = await signInAdmin(hub, "E9");

    const again = await postAdminSignIn(
      hub,
      { employeeNumber: "E9", password: TEST_ADMIN_PASSWORD },
      { origin: origin(), cookie: first.cookie },
    );

    expect(again.statusCode).toBe(200);
    expect((await getSession(first.cookie)).statusCode).toBe(401);
  });

  test("cookie is httpOnly and strict", async () => {
    await givePassword("E9");

    const response = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: TEST_ADMIN_PASSWORD,
    });

    const header = String(response.headers["set-cookie"]);
    expect(header).toMatch(new RegExp(`^${ADMIN_SESSION_COOKIE}=`));
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Strict");
    expect(header).toContain("Path=/");
    expect(header).toContain(`Max-Age=${ABSOLUTE_MS / 1000}`);
    // The test hub's public URL is plain http on 127.0.0.1.
    expect(header).not.toContain("Secure");
  });

  test("wrong password is rejected", async () => {
    await givePassword("E9");

    const response = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: "not the right password",
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SIGN_IN_FAILED");
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  test("unknown user looks like a wrong password", async () => {
    const response = await postAdminSignIn(hub, {
      employeeNumber: "E404",
      password: TEST_ADMIN_PASSWORD,
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SIGN_IN_FAILED");
  });

  test("user without a password is rejected", async () => {
    const response = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: TEST_ADMIN_PASSWORD,
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SIGN_IN_FAILED");
  });

  test("tablet PIN does not open the panel", async () => {
    await givePassword("E9");

    const asPassword = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: pinOf(hub, "E9"),
    });
    const asPin = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      pin: pinOf(hub, "E9"),
    });

    expect(asPassword.statusCode).toBe(401);
    expect(errorOf(asPassword).code).toBe("ADMIN_SIGN_IN_FAILED");
    expect(asPin.statusCode).toBe(400);
    expect(errorOf(asPin).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(asPin)).toEqual(["body.password"]);
  });

  test("role without panel access is rejected", async () => {
    await givePassword("E3");

    const response = await postAdminSignIn(hub, {
      employeeNumber: "E3",
      password: TEST_ADMIN_PASSWORD,
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("CONTROL_PANEL_ACCESS_MISSING");
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  test("deactivated user is rejected", async () => {
    await givePassword("E4");
    await hub.context.storage.users.update(
      userIdOf(hub, "E4"),
      { status: "deactivated" },
      clock.now(),
    );

    const response = await postAdminSignIn(hub, {
      employeeNumber: "E4",
      password: TEST_ADMIN_PASSWORD,
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SIGN_IN_FAILED");
  });

  test.each([
    ["missing body fields", {}, ["body.employeeNumber", "body.password"]],
    [
      "wrong types",
      { employeeNumber: 17, password: ["x"] },
      ["body.employeeNumber", "body.password"],
    ],
    [
      "empty password",
      { employeeNumber: "E9", password: "" },
      ["body.password"],
    ],
    [
      "overlong password",
      { employeeNumber: "E9", password: "x".repeat(257) },
      ["body.password"],
    ],
  ])("%s is invalid input", async (_name, payload, paths) => {
    const response = await postAdminSignIn(hub, payload);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(paths);
  });

  test("missing Origin is rejected", async () => {
    await givePassword("E9");

    const response = await postAdminSignIn(
      hub,
      { employeeNumber: "E9", password: TEST_ADMIN_PASSWORD },
      {},
    );

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_ORIGIN_REJECTED");
  });

  test("foreign Origin is rejected", async () => {
    await givePassword("E9");

    const response = await postAdminSignIn(
      hub,
      { employeeNumber: "E9", password: TEST_ADMIN_PASSWORD },
      { origin: "http://evil.example" },
    );

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_ORIGIN_REJECTED");
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  test("ten wrong passwords lock for 15 minutes", async () => {
    await givePassword("E9");
    const codes: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await postAdminSignIn(hub, {
        employeeNumber: "E9",
        password: `wrong password number ${attempt}`,
      });
      codes.push(errorOf(response).code);
    }

    const whileLocked = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: TEST_ADMIN_PASSWORD,
    });
    clock.advance(15 * MINUTE_MS);
    const afterLock = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: TEST_ADMIN_PASSWORD,
    });

    expect(codes).toEqual(Array(10).fill("ADMIN_SIGN_IN_FAILED"));
    expect(whileLocked.statusCode).toBe(423);
    expect(errorOf(whileLocked).code).toBe("ADMIN_PASSWORD_LOCKED");
    expect(errorOf(whileLocked).details?.lockedUntil).toBe(clock.now());
    expect(afterLock.statusCode).toBe(200);
  });

  test("right password resets the count", async () => {
    await givePassword("E9");
    for (let attempt = 0; attempt < 9; attempt++) {
      await postAdminSignIn(hub, {
        employeeNumber: "E9",
        password: "a wrong password here",
      });
    }
    await signInAdminWithPassword(hub, "E9", TEST_ADMIN_PASSWORD);

    const wrongAgain = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: "a wrong password here",
    });

    expect(errorOf(wrongAgain).code).toBe("ADMIN_SIGN_IN_FAILED");
    const credential = await hub.context.storage.adminPasswords.get(
      userIdOf(hub, "E9"),
    );
    expect(credential?.failures).toBe(1);
    expect(credential?.lockedUntil).toBeNull();
  });

  test("sign-ins are rate-limited per address", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 21; attempt++) {
      const response = await postAdminSignIn(hub, {
        employeeNumber: `E40${attempt}`,
        password: "some password",
      });
      statuses.push(response.statusCode);
    }

    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
  });

  test("sign-in is audited without secrets", async () => {
    const before = await latestSeq(hub);
    await signInAdmin(hub, "E9");

    const [entry] = await auditEntriesAfter(hub, before);

    expect(entry?.kind).toBe("admin.sign-in");
    expect(entry?.outcome).toBe("success");
    expect(entry?.actorId).toBe(userIdOf(hub, "E9"));
    expect(JSON.stringify(entry)).not.toContain(TEST_ADMIN_PASSWORD);
  });
});

describe("secure cookie", () => {
  test("https public URL sets Secure", async () => {
    const secureHub = await startTestHub({
      env: { STOREFLOOR_PUBLIC_URL: "https://hub.example.com" },
    });
    try {
      await storeAdminPassword(
        secureHub.context,
        secureHub.fixture.users.E9 as UserId,
        TEST_ADMIN_PASSWORD,
      );

      const response = await postAdminSignIn(
        secureHub,
        { employeeNumber: "E9", password: TEST_ADMIN_PASSWORD },
        { origin: "https://hub.example.com" },
      );

      expect(response.statusCode).toBe(200);
      expect(String(response.headers["set-cookie"])).toContain("Secure");
    } finally {
      await secureHub.stop();
    }
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

  test("GET without Origin passes", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await getSession(agent.cookie);

    expect(response.statusCode).toBe(200);
  });

  test("GET from a foreign Origin is rejected", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await getSession(agent.cookie, {
      origin: "http://evil.example",
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_ORIGIN_REJECTED");
  });

  test("no cookie is rejected", async () => {
    const response = await hub.app.inject({
      method: "GET",
      url: "/api/admin/session",
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
  });

  test("unknown cookie is rejected", async () => {
    const response = await getSession(
      `${ADMIN_SESSION_COOKIE}=bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtYWJjZGVmZ2g`,
    );

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
  });

  test("use slides the idle expiry", async () => {
    const agent = await signInAdmin(hub, "E4");
    clock.advance(IDLE_MS - MINUTE_MS);

    const used = await getSession(agent.cookie);
    clock.advance(IDLE_MS - MINUTE_MS);
    const again = await getSession(agent.cookie);

    expect(used.statusCode).toBe(200);
    expect(AdminSessionView.parse(used.json()).expiresAt).toBe(
      clock.now() - (IDLE_MS - MINUTE_MS) + IDLE_MS,
    );
    expect(again.statusCode).toBe(200);
  });

  test("idle session ends", async () => {
    const agent = await signInAdmin(hub, "E4");
    clock.advance(IDLE_MS);

    const response = await getSession(agent.cookie);

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
    const token = agent.cookie.slice(ADMIN_SESSION_COOKIE.length + 1);
    expect(
      await hub.context.storage.adminSessions.get(hashAdminSecret(token)),
    ).toBeNull();
  });

  test("maintenance deletes idle sessions", async () => {
    const agent = await signInAdmin(hub, "E4");
    const token = agent.cookie.slice(ADMIN_SESSION_COOKIE.length + 1);
    clock.advance(IDLE_MS + 1);

    await runMaintenance(hub.context);

    expect(
      await hub.context.storage.adminSessions.get(hashAdminSecret(token)),
    ).toBeNull();
  });

  test("session ends after 12 hours of use", async () => {
    const agent = await signInAdmin(hub, "E4");
    const statuses: number[] = [];
    for (let elapsed = 0; elapsed < ABSOLUTE_MS; elapsed += 20 * MINUTE_MS) {
      clock.advance(20 * MINUTE_MS);
      statuses.push((await getSession(agent.cookie)).statusCode);
    }

    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(401);
  });

  test("lost permission ends the session", async () => {
    const agent = await signInAdmin(hub, "E4");
    await hub.context.storage.users.update(
      userIdOf(hub, "E4"),
      { roleId: "supervisor" as RoleId },
      clock.now(),
    );

    const first = await getSession(agent.cookie);
    const second = await getSession(agent.cookie);

    expect(first.statusCode).toBe(403);
    expect(errorOf(first).code).toBe("CONTROL_PANEL_ACCESS_MISSING");
    expect(second.statusCode).toBe(401);
    expect(errorOf(second).code).toBe("ADMIN_SESSION_REQUIRED");
  });

  test("deactivation ends the session", async () => {
    const agent = await signInAdmin(hub, "E4");
    await hub.context.storage.users.update(
      userIdOf(hub, "E4"),
      { status: "deactivated" },
      clock.now(),
    );

    const response = await getSession(agent.cookie);

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_SESSION_REQUIRED");
  });
});

describe("changing requests", () => {
  test("missing CSRF header is rejected", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await hub.app.inject({
      method: "DELETE",
      url: "/api/admin/session",
      headers: { cookie: agent.cookie, origin: agent.origin },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_CSRF_REJECTED");
    expect((await getSession(agent.cookie)).statusCode).toBe(200);
  });

  test("wrong CSRF header is rejected", async () => {
    const agent = await signInAdmin(hub, "E4");
    const other = await signInAdmin(hub, "E9");

    const response = await agent.inject({
      method: "DELETE",
      url: "/api/admin/session",
      headers: { [ADMIN_CSRF_HEADER]: other.csrfToken },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_CSRF_REJECTED");
  });

  test("missing Origin is rejected", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await hub.app.inject({
      method: "DELETE",
      url: "/api/admin/session",
      headers: {
        cookie: agent.cookie,
        [ADMIN_CSRF_HEADER]: agent.csrfToken,
      },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_ORIGIN_REJECTED");
  });

  test("foreign Origin is rejected", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await agent.inject({
      method: "DELETE",
      url: "/api/admin/session",
      headers: { origin: "http://127.0.0.1:1" },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_ORIGIN_REJECTED");
  });
});

describe("DELETE /api/admin/session", () => {
  test("signs out", async () => {
    const agent = await signInAdmin(hub, "E9");
    const before = await latestSeq(hub);

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
    const kinds = (await auditEntriesAfter(hub, before)).map(
      (entry) => entry.kind,
    );
    expect(kinds).toEqual(["admin.sign-out"]);
  });
});

describe("DELETE /api/admin/users/:userId/sessions", () => {
  test("administrator signs a manager out everywhere", async () => {
    const admin = await signInAdmin(hub, "E9");
    const manager = await signInAdmin(hub, "E4");
    const secondManager = await signInAdminWithPassword(
      hub,
      "E4",
      TEST_ADMIN_PASSWORD,
    );
    const kioskToken = await signInToken(hub, "E4");

    const response = await admin.inject({
      method: "DELETE",
      url: `/api/admin/users/${userIdOf(hub, "E4")}/sessions`,
    });

    expect(response.statusCode).toBe(200);
    expect(SignOutEverywhereResponse.parse(response.json())).toEqual({
      adminSessions: 2,
      kioskSessions: 1,
    });
    expect((await getSession(manager.cookie)).statusCode).toBe(401);
    expect((await getSession(secondManager.cookie)).statusCode).toBe(401);
    expect(
      (await getJson(hub, "/api/kiosk/session", kioskToken)).statusCode,
    ).toBe(401);
    expect((await getSession(admin.cookie)).statusCode).toBe(200);
  });

  test("user signs themself out everywhere", async () => {
    const manager = await signInAdmin(hub, "E4");
    const other = await signInAdminWithPassword(hub, "E4", TEST_ADMIN_PASSWORD);

    const response = await manager.inject({
      method: "DELETE",
      url: `/api/admin/users/${userIdOf(hub, "E4")}/sessions`,
    });

    expect(response.statusCode).toBe(200);
    expect(SignOutEverywhereResponse.parse(response.json()).adminSessions).toBe(
      2,
    );
    expect(
      response.cookies.find((cookie) => cookie.name === ADMIN_SESSION_COOKIE)
        ?.value,
    ).toBe("");
    expect((await getSession(manager.cookie)).statusCode).toBe(401);
    expect((await getSession(other.cookie)).statusCode).toBe(401);
  });

  test.each([
    ["E5", "E1", 403, "OUT_OF_SCOPE"],
    ["E4", "E9", 403, "LEVEL_NOT_HIGHER"],
    ["E4", "E5", 403, "LEVEL_NOT_HIGHER"],
  ])("%s on %s is rejected", async (actor, target, status, code) => {
    const agent = await signInAdmin(hub, actor);
    const targetToken = await signInToken(hub, target, {
      store: target === "E5" ? "B" : "A",
      tablet: target === "E5" ? "tablet-b1" : "tablet-a1",
    });
    const before = await latestSeq(hub);

    const response = await agent.inject({
      method: "DELETE",
      url: `/api/admin/users/${userIdOf(hub, target)}/sessions`,
    });

    expect(response.statusCode).toBe(status);
    expect(errorOf(response).code).toBe(code);
    expect(
      (
        await getJson(hub, "/api/kiosk/session", targetToken, {
          store: target === "E5" ? "B" : "A",
          tablet: target === "E5" ? "tablet-b1" : "tablet-a1",
        })
      ).statusCode,
    ).toBe(200);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry?.kind).toBe("admin.sessions.end");
    expect(entry?.outcome).toBe("failure");
    expect(entry?.reason).toBe(code);
  });

  test("unknown user is not found", async () => {
    const agent = await signInAdmin(hub, "E9");

    const response = await agent.inject({
      method: "DELETE",
      url: "/api/admin/users/00000000-0000-4000-8000-000000000000/sessions",
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("malformed id is invalid input", async () => {
    const agent = await signInAdmin(hub, "E9");

    const response = await agent.inject({
      method: "DELETE",
      url: "/api/admin/users/NOT_AN_ID/sessions",
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["params.userId"]);
  });

  test("without CSRF header nothing ends", async () => {
    const agent = await signInAdmin(hub, "E9");
    const manager = await signInAdmin(hub, "E4");

    const response = await hub.app.inject({
      method: "DELETE",
      url: `/api/admin/users/${userIdOf(hub, "E4")}/sessions`,
      headers: { cookie: agent.cookie, origin: agent.origin },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_CSRF_REJECTED");
    expect((await getSession(manager.cookie)).statusCode).toBe(200);
  });
});

describe("secrets", () => {
  test("database holds no password or token", async () => {
    const agent = await signInAdmin(hub, "E9");
    await agent.inject({ method: "GET", url: "/api/admin/session" });
    const token = agent.cookie.slice(ADMIN_SESSION_COOKIE.length + 1);

    // The database file and its write-ahead log, as they are on disk.
    const files = fs
      .readdirSync(hub.dataDir)
      .filter((name) => name.startsWith(SQLITE_FILE))
      .map((name) => fs.readFileSync(path.join(hub.dataDir, name)));

    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      expect(bytes.includes(TEST_ADMIN_PASSWORD)).toBe(false);
      expect(bytes.includes(token)).toBe(false);
      expect(bytes.includes(agent.csrfToken)).toBe(false);
    }
  });

  test("log entries hold no password or token", async () => {
    const agent = await signInAdmin(hub, "E9");
    await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: "a wrong password typed",
    });
    await agent.inject({ method: "DELETE", url: "/api/admin/session" });

    const text = JSON.stringify(await logEntries(hub));

    expect(text).not.toContain(TEST_ADMIN_PASSWORD);
    expect(text).not.toContain("a wrong password typed");
    expect(text).not.toContain(agent.csrfToken);
    expect(text).not.toContain(
      agent.cookie.slice(ADMIN_SESSION_COOKIE.length + 1),
    );
  });
});
