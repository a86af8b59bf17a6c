import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { PasswordCodeResponse } from "../../protocol";
import { readLocalOutbox } from "../../hub/delivery/readLocalOutbox";
import {
  postAdminSignIn,
  signInAdmin,
  signInAdminWithPassword,
  TEST_ADMIN_PASSWORD,
  type AdminAgent,
} from "../support/adminAgent";
import {
  auditEntriesAfter,
  errorOf,
  fieldPathsOf,
  latestSeq,
  logEntries,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { reopenTestHub } from "../support/reopenTestHub";
import { runCli } from "../support/runCli";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver";
import { startFreshHub } from "../support/startFreshHub";
import { startTestHub, type TestHub } from "../support/startTestHub";

const NEW_PASSWORD = "a brand new panel password";
const DAY_MS = 24 * 3_600_000;
const CLI_TIMEOUT_MS = 30_000;

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

function issueCode(
  agent: AdminAgent,
  employeeNumber: string,
  payload: unknown = { proof: agent.proof },
): Promise<LightMyRequestResponse> {
  return agent.inject({
    method: "POST",
    url: `/api/admin/users/${userIdOf(hub, employeeNumber)}/password-code`,
    payload: payload as object,
  });
}

async function issuedCode(
  agent: AdminAgent,
  employeeNumber: string,
): Promise<PasswordCodeResponse> {
  const response = await issueCode(agent, employeeNumber);
  expect(response.statusCode).toBe(200);
  return PasswordCodeResponse.parse(response.json());
}

function setPassword(
  payload: unknown,
  headers: Record<string, string> = { origin: new URL(hub.url).origin },
): Promise<LightMyRequestResponse> {
  return hub.app.inject({
    method: "POST",
    url: "/api/admin/password",
    headers: { "content-type": "application/json", ...headers },
    payload: JSON.stringify(payload),
  });
}

function changePassword(
  agent: AdminAgent,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return agent.inject({
    method: "PUT",
    url: "/api/admin/password",
    payload: payload as object,
  });
}

function getSession(agent: AdminAgent): Promise<LightMyRequestResponse> {
  return agent.inject({ method: "GET", url: "/api/admin/session" });
}

describe("POST /api/admin/users/:userId/password-code", () => {
  test("administrator issues a code", async () => {
    const admin = await signInAdmin(hub, "E9");
    const before = await latestSeq(hub);

    const issued = await issuedCode(admin, "E4");

    expect(issued.code).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/,
    );
    expect(issued.expiresAt).toBe(clock.now() + DAY_MS);
    const entries = await auditEntriesAfter(hub, before);
    expect(entries.map((entry) => entry.kind)).toEqual(["admin.password-code"]);
    expect(entries[0]?.targetId).toBe(userIdOf(hub, "E4"));
    expect(JSON.stringify(entries)).not.toContain(issued.code);
  });

  test("manager issues a code in their store", async () => {
    const manager = await signInAdmin(hub, "E4");

    const response = await issueCode(manager, "E1");

    expect(response.statusCode).toBe(200);
  });

  test("wrong proof issues nothing", async () => {
    const admin = await signInAdmin(hub, "E9");
    const before = await latestSeq(hub);

    const response = await issueCode(admin, "E4", {
      proof: { password: "not my password at all" },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
    const entries = await auditEntriesAfter(hub, before);
    expect(entries.map((entry) => [entry.kind, entry.outcome])).toEqual([
      ["admin.password-code.proof", "failure"],
    ]);
    expect(JSON.stringify(entries)).not.toContain("not my password at all");
    // E4 has an e-mail address, so an issued code would be in the outbox.
    expect(await hub.context.storage.outbox.list(10)).toEqual([]);
  });

  test("ten wrong proofs lock and sign out", async () => {
    const admin = await signInAdmin(hub, "E9");
    const codes: string[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await issueCode(admin, "E4", {
        proof: { password: `wrong proof ${attempt}` },
      });
      codes.push(errorOf(response).code);
    }

    const signIn = await postAdminSignIn(hub, {
      employeeNumber: "E9",
      password: TEST_ADMIN_PASSWORD,
    });

    expect(codes.slice(0, 9)).toEqual(Array(9).fill("ADMIN_PROOF_FAILED"));
    // The tenth starts the lock and ends the session it came from.
    expect(codes[9]).toBe("ADMIN_PASSWORD_LOCKED");
    expect(codes[10]).toBe("ADMIN_SESSION_REQUIRED");
    expect(errorOf(signIn).code).toBe("ADMIN_PASSWORD_LOCKED");
  });

  test.each([
    ["E5", "E1", "OUT_OF_SCOPE"],
    ["E4", "E5", "LEVEL_NOT_HIGHER"],
    ["E4", "E9", "LEVEL_NOT_HIGHER"],
    ["E9", "E9", "SELF_ACTION"],
  ])("%s for %s is rejected", async (actor, target, code) => {
    const agent = await signInAdmin(hub, actor);
    const before = await latestSeq(hub);

    const response = await issueCode(agent, target);

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe(code);
    const entries = await auditEntriesAfter(hub, before);
    expect(entries.map((entry) => entry.reason)).toEqual([code]);
  });

  test("unknown user is not found", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/users/00000000-0000-4000-8000-000000000000/password-code",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("deactivated user gets no code", async () => {
    const admin = await signInAdmin(hub, "E9");
    await hub.context.storage.users.update(
      userIdOf(hub, "E4"),
      { status: "deactivated" },
      clock.now(),
    );

    const response = await issueCode(admin, "E4");

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("USER_INACTIVE");
  });

  test.each([
    ["missing proof", {}, ["body.proof"]],
    [
      "empty proof password",
      { proof: { password: "" } },
      ["body.proof.password"],
    ],
    [
      "proof of wrong type",
      { proof: { password: 42 } },
      ["body.proof.password"],
    ],
  ])("%s is invalid input", async (_name, payload, paths) => {
    const admin = await signInAdmin(hub, "E9");

    const response = await issueCode(admin, "E4", payload);

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(paths);
  });

  test("malformed id is invalid input", async () => {
    const admin = await signInAdmin(hub, "E9");

    const response = await admin.inject({
      method: "POST",
      url: "/api/admin/users/Not%20An%20Id/password-code",
      payload: { proof: admin.proof },
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["params.userId"]);
  });

  test("code is queued as a link for a user with e-mail", async () => {
    const admin = await signInAdmin(hub, "E9");

    const issued = await issuedCode(admin, "E4");
    const messages = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );

    expect(issued.emailed).toBe(true);
    const link = messages.find((message) => message.passwordLink)?.passwordLink;
    expect(link).toBe(
      `${hub.url}/admin/#/set-password?employee=E4&code=${issued.code}`,
    );
  });

  test("user without e-mail gets no message", async () => {
    const admin = await signInAdmin(hub, "E9");

    const issued = await issuedCode(admin, "E3");

    expect(issued.emailed).toBe(false);
    expect(await hub.context.storage.outbox.list(10)).toEqual([]);
  });
});

describe("POST /api/admin/password", () => {
  test("code sets a password that signs in", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");

    const response = await setPassword({
      employeeNumber: "E4",
      code,
      password: NEW_PASSWORD,
    });
    const agent = await signInAdminWithPassword(hub, "E4", NEW_PASSWORD);

    expect(response.statusCode).toBe(204);
    expect(agent.session.user.employeeNumber).toBe("E4");
  });

  test("code works once", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");
    await setPassword({ employeeNumber: "E4", code, password: NEW_PASSWORD });

    const again = await setPassword({
      employeeNumber: "E4",
      code,
      password: "yet another long password",
    });

    expect(again.statusCode).toBe(400);
    expect(errorOf(again).code).toBe("PASSWORD_CODE_INVALID");
    await signInAdminWithPassword(hub, "E4", NEW_PASSWORD);
  });

  test("code expires after 24 hours", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");
    clock.advance(DAY_MS);

    const response = await setPassword({
      employeeNumber: "E4",
      code,
      password: NEW_PASSWORD,
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("PASSWORD_CODE_INVALID");
  });

  test("code of another user is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");

    const response = await setPassword({
      employeeNumber: "E5",
      code,
      password: NEW_PASSWORD,
    });
    const rightUser = await setPassword({
      employeeNumber: "E4",
      code,
      password: NEW_PASSWORD,
    });

    expect(errorOf(response).code).toBe("PASSWORD_CODE_INVALID");
    expect(rightUser.statusCode).toBe(204);
  });

  test("newer code voids the older one", async () => {
    const admin = await signInAdmin(hub, "E9");
    const older = await issuedCode(admin, "E4");
    const newer = await issuedCode(admin, "E4");

    const withOlder = await setPassword({
      employeeNumber: "E4",
      code: older.code,
      password: NEW_PASSWORD,
    });
    const withNewer = await setPassword({
      employeeNumber: "E4",
      code: newer.code,
      password: NEW_PASSWORD,
    });

    expect(errorOf(withOlder).code).toBe("PASSWORD_CODE_INVALID");
    expect(withNewer.statusCode).toBe(204);
  });

  test("code is read without case or dashes", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");

    const response = await setPassword({
      employeeNumber: "E4",
      code: code.replace(/-/g, " ").toLowerCase(),
      password: NEW_PASSWORD,
    });

    expect(response.statusCode).toBe(204);
  });

  test("setting a password ends panel sessions", async () => {
    const admin = await signInAdmin(hub, "E9");
    const manager = await signInAdmin(hub, "E4");
    const { code } = await issuedCode(admin, "E4");

    await setPassword({ employeeNumber: "E4", code, password: NEW_PASSWORD });

    expect((await getSession(manager)).statusCode).toBe(401);
  });

  test("setting a password clears its lock", async () => {
    const admin = await signInAdmin(hub, "E9");
    await signInAdmin(hub, "E4");
    for (let attempt = 0; attempt < 10; attempt++) {
      await postAdminSignIn(hub, {
        employeeNumber: "E4",
        password: "a wrong password again",
      });
    }
    const { code } = await issuedCode(admin, "E4");

    await setPassword({ employeeNumber: "E4", code, password: NEW_PASSWORD });

    await signInAdminWithPassword(hub, "E4", NEW_PASSWORD);
  });

  test.each([
    [
      "short password",
      {
        employeeNumber: "E4",
        code: "0000-0000-0000-0000",
        password: "fourteen chars",
      },
      ["body.password"],
    ],
    [
      "missing fields",
      {},
      ["body.employeeNumber", "body.code", "body.password"],
    ],
    [
      "malformed code",
      { employeeNumber: "E4", code: "12345", password: NEW_PASSWORD },
      ["body.code"],
    ],
    [
      "wrong types",
      { employeeNumber: ["E4"], code: 1234, password: true },
      ["body.employeeNumber", "body.code", "body.password"],
    ],
  ])("%s is invalid input", async (_name, payload, paths) => {
    const response = await setPassword(payload);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(paths);
  });

  test("foreign Origin is rejected", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");

    const response = await setPassword(
      { employeeNumber: "E4", code, password: NEW_PASSWORD },
      { origin: "http://evil.example" },
    );

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_ORIGIN_REJECTED");
  });
});

describe("PUT /api/admin/password", () => {
  test("change ends the other sessions", async () => {
    const current = await signInAdmin(hub, "E4");
    const other = await signInAdminWithPassword(hub, "E4", TEST_ADMIN_PASSWORD);

    const response = await changePassword(current, {
      currentPassword: TEST_ADMIN_PASSWORD,
      newPassword: NEW_PASSWORD,
    });

    expect(response.statusCode).toBe(204);
    expect((await getSession(current)).statusCode).toBe(200);
    expect((await getSession(other)).statusCode).toBe(401);
    const oldPassword = await postAdminSignIn(hub, {
      employeeNumber: "E4",
      password: TEST_ADMIN_PASSWORD,
    });
    expect(errorOf(oldPassword).code).toBe("ADMIN_SIGN_IN_FAILED");
    await signInAdminWithPassword(hub, "E4", NEW_PASSWORD);
  });

  test("wrong current password changes nothing", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await changePassword(agent, {
      currentPassword: "not the current one",
      newPassword: NEW_PASSWORD,
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("ADMIN_PROOF_FAILED");
    await signInAdminWithPassword(hub, "E4", TEST_ADMIN_PASSWORD);
  });

  test.each([
    [
      "short new password",
      { currentPassword: TEST_ADMIN_PASSWORD, newPassword: "too short" },
      ["body.newPassword"],
    ],
    [
      "same password",
      {
        currentPassword: TEST_ADMIN_PASSWORD,
        newPassword: TEST_ADMIN_PASSWORD,
      },
      ["body.newPassword"],
    ],
    ["missing fields", {}, ["body.currentPassword", "body.newPassword"]],
  ])("%s is invalid input", async (_name, payload, paths) => {
    const agent = await signInAdmin(hub, "E4");

    const response = await changePassword(agent, payload);

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(paths);
  });

  test("change needs the CSRF header", async () => {
    const agent = await signInAdmin(hub, "E4");

    const response = await hub.app.inject({
      method: "PUT",
      url: "/api/admin/password",
      headers: { cookie: agent.cookie, origin: agent.origin },
      payload: {
        currentPassword: TEST_ADMIN_PASSWORD,
        newPassword: NEW_PASSWORD,
      },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("ADMIN_CSRF_REJECTED");
  });
});

describe("secrets", () => {
  test("log holds no password or code", async () => {
    const admin = await signInAdmin(hub, "E9");
    const { code } = await issuedCode(admin, "E4");
    await setPassword({ employeeNumber: "E4", code, password: NEW_PASSWORD });
    const manager = await signInAdminWithPassword(hub, "E4", NEW_PASSWORD);
    await changePassword(manager, {
      currentPassword: NEW_PASSWORD,
      newPassword: "the third password of marek",
    });

    const text = JSON.stringify(await logEntries(hub));

    expect(text).not.toContain(code);
    expect(text).not.toContain(code.replace(/-/g, ""));
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain("the third password of marek");
    expect(text).not.toContain(TEST_ADMIN_PASSWORD);
  });
});

describe("e-mailed link", () => {
  let receiver: SmtpReceiver | undefined;
  let smtpHub: TestHub | undefined;
  afterEach(async () => {
    await smtpHub?.stop();
    await receiver?.close();
  });

  test("link arrives and sets the password", async () => {
    receiver = await startSmtpReceiver();
    smtpHub = await startTestHub({
      env: {
        STOREFLOOR_DELIVERY: "smtp",
        STOREFLOOR_SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
        STOREFLOOR_SMTP_TLS: "none",
        STOREFLOOR_MAIL_FROM: "Storefloor <storefloor@example.com>",
        STOREFLOOR_DELIVERY_POLL_MS: "600000",
      },
    });
    const admin = await signInAdmin(smtpHub, "E9");
    const response = await admin.inject({
      method: "POST",
      url: `/api/admin/users/${smtpHub.fixture.users.E4}/password-code`,
      payload: { proof: admin.proof },
    });
    const issued = PasswordCodeResponse.parse(response.json());

    await smtpHub.delivery.runOnce();

    expect(issued.emailed).toBe(true);
    expect(receiver.messages).toHaveLength(1);
    const [mail] = receiver.messages;
    expect(mail?.rcptTo).toEqual(["marek@example.com"]);
    expect(mail?.subject).toBe("Set your Storefloor control panel password");
    expect(mail?.subject).not.toContain(issued.code);
    const link = /^ {4}(\S+)$/m.exec(mail?.body ?? "")?.[1] ?? "";
    expect(link).toBe(
      `${smtpHub.url}/admin/#/set-password?employee=E4&code=${issued.code}`,
    );
    const query = new URLSearchParams(new URL(link).hash.split("?")[1]);
    const set = await smtpHub.app.inject({
      method: "POST",
      url: "/api/admin/password",
      headers: { origin: smtpHub.url },
      payload: {
        employeeNumber: query.get("employee"),
        code: query.get("code"),
        password: NEW_PASSWORD,
      },
    });
    expect(set.statusCode).toBe(204);
    const state = await smtpHub.context.storage.outbox.list(1);
    expect(state[0]?.status).toBe("delivered");
    expect(state[0]?.ciphertext).toBe("");
  });
});

describe("command line", () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test(
    "password-code prints a working code",
    async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefloor-cli-"));
      const seeded = await startTestHub({ dataDir });
      const fixture = seeded.fixture;
      await seeded.stop();
      const env = {
        STOREFLOOR_DATA_DIR: dataDir,
        STOREFLOOR_ARGON2_COST: "low",
        STOREFLOOR_MODE: "demo",
      };

      const forAdmin = await runCli(["admin", "password-code", "E9"], env);
      const forManager = await runCli(["admin", "password-code", "E4"], env);
      const withoutNumber = await runCli(["admin", "password-code"], env);

      expect(forAdmin.code).toBe(0);
      const code = /password code for E9: (\S+)/.exec(forAdmin.stdout)?.[1];
      expect(code).toMatch(/^[0-9A-Z]{4}-/);
      expect(forManager.code).not.toBe(0);
      expect(forManager.stderr).toContain(
        "No administrator with employee number E4",
      );
      expect(withoutNumber.code).not.toBe(0);
      expect(withoutNumber.stderr).toContain("Give one employee number");
      const reopened = await reopenTestHub(dataDir, fixture);
      try {
        const set = await reopened.app.inject({
          method: "POST",
          url: "/api/admin/password",
          headers: { origin: reopened.url },
          payload: { employeeNumber: "E9", code, password: NEW_PASSWORD },
        });
        expect(set.statusCode).toBe(204);
        const signIn = await postAdminSignIn(reopened, {
          employeeNumber: "E9",
          password: NEW_PASSWORD,
        });
        expect(signIn.statusCode).toBe(200);
      } finally {
        await reopened.stop();
      }
    },
    CLI_TIMEOUT_MS,
  );
});

describe("demo", () => {
  test("demo administrator and manager open the panel", async () => {
    const demo = await startTestHub({ seed: "demo" });
    try {
      const admin = await postAdminSignIn(demo, {
        employeeNumber: "E0001",
        password: "demo-admin-panel-2030",
      });
      const manager = await postAdminSignIn(demo, {
        employeeNumber: "E1004",
        password: "demo-manager-panel-2030",
      });

      expect(admin.statusCode).toBe(200);
      expect(manager.statusCode).toBe(200);
    } finally {
      await demo.stop();
    }
  });
});
