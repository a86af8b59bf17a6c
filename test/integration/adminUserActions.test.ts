import { afterEach, describe, expect, test } from "vitest";
import {
  AdminUserDetail,
  PinResetResponse,
  SessionView,
  type ChangeMessage,
  type RoleId,
} from "../../protocol";
import { signInAdmin, type AdminAgent } from "../support/adminAgent";
import { expectHubError } from "../support/expectHubError";
import {
  auditEntriesAfter,
  getJson,
  latestSeq,
  outboxPinOf,
  pinOf,
  postPinReset,
  postSignIn,
  rosterUser,
  signInToken,
  storeIdOf,
  tabletTokenOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtpReceiver";
import { startFreshHub } from "../support/startFreshHub";
import { startTestHub, type TestHub } from "../support/startTestHub";
import { TabletPool, type TabletSocket } from "../support/tabletSocket";

const WRONG_PIN = "730615";
const TYPED_PIN = "264093";
const WRONG_PROOF = { password: "this is not the password" };
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

let clock: ManualClock;
let hub: TestHub | undefined;
let receiver: SmtpReceiver | undefined;
const tablets = new TabletPool();

afterEach(async () => {
  tablets.closeAll();
  await hub?.stop();
  await receiver?.close();
  hub = undefined;
  receiver = undefined;
});

async function startHub(): Promise<TestHub> {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
  return hub;
}

async function connectTablet(
  running: TestHub,
  storeCode: string,
): Promise<TabletSocket> {
  return tablets.connect(running.url, {
    tabletToken: await tabletTokenOf(running, {
      store: storeCode,
      tablet: `tablet-${storeCode.toLowerCase()}-panel`,
    }),
  });
}

function action(
  agent: AdminAgent,
  running: TestHub,
  number: string,
  name: string,
  payload: unknown,
) {
  return agent.inject({
    method: "POST",
    url: `/api/admin/users/${userIdOf(running, number)}/${name}`,
    payload,
  });
}

async function lock(running: TestHub, number: string, failures = 5) {
  for (let i = 0; i < failures; i++) {
    await postSignIn(running, number, { pin: WRONG_PIN });
  }
}

function upsertOf(
  userId: string,
  condition: (message: ChangeMessage) => boolean = () => true,
): (message: ChangeMessage) => boolean {
  return (message) =>
    message.change.kind === "user.upsert" &&
    message.change.user.id === userId &&
    condition(message);
}

describe("POST /api/admin/users/:userId/deactivate", () => {
  test("deactivates and ends sessions", async () => {
    const running = await startHub();
    const tablet = await connectTablet(running, "A");
    const token = await signInToken(running, "E1");
    const manager = await signInAdmin(running, "E4");
    const e1 = userIdOf(running, "E1");

    const response = await action(manager, running, "E1", "deactivate", {
      proof: manager.proof,
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminUserDetail.parse(response.json()).status).toBe("deactivated");
    const session = await getJson(running, "/api/kiosk/session", token);
    expectHubError(session, "UNAUTHENTICATED");
    await tablet.waitForChange(
      "E1 removed",
      ({ change }) => change.kind === "user.remove" && change.userId === e1,
    );
    expect(await rosterUser(running, "A", "E1")).toBeUndefined();
    expectHubError(await postSignIn(running, "E1"), "USER_INACTIVE");
  });

  test("ends the user's panel sessions", async () => {
    const running = await startHub();
    const admin = await signInAdmin(running, "E9");
    const manager = await signInAdmin(running, "E4");

    const response = await action(admin, running, "E4", "deactivate", {
      proof: admin.proof,
    });
    const after = await manager.inject({
      method: "GET",
      url: "/api/admin/users",
    });

    expect(response.statusCode, response.body).toBe(200);
    expectHubError(after, "ADMIN_SESSION_REQUIRED");
  });

  test("needs the proof", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const missing = await action(manager, running, "E1", "deactivate", {});
    const wrong = await action(manager, running, "E1", "deactivate", {
      proof: WRONG_PROOF,
    });

    expectHubError(missing, "INVALID_INPUT", "body.proof");
    expectHubError(wrong, "ADMIN_PROOF_FAILED");
    const user = await running.context.storage.users.get(
      userIdOf(running, "E1"),
    );
    expect(user?.status).toBe("active");
  });

  test("already deactivated", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    await action(manager, running, "E1", "deactivate", {
      proof: manager.proof,
    });

    const again = await action(manager, running, "E1", "deactivate", {
      proof: manager.proof,
    });

    expectHubError(again, "USER_STATUS_UNCHANGED", "params.userId");
  });

  test("scope rule and self", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    const deactivate = (number: string) =>
      action(manager, running, number, "deactivate", {
        proof: manager.proof,
      });

    expectHubError(await deactivate("E6"), "OUT_OF_SCOPE", "params.userId");
    expectHubError(await deactivate("E5"), "USER_UNKNOWN", "params.userId");
    expectHubError(await deactivate("E4"), "SELF_ACTION", "params.userId");
    expectHubError(await deactivate("E9"), "LEVEL_NOT_HIGHER", "params.userId");
  });
});

describe("POST /api/admin/users/:userId/reactivate", () => {
  test("reactivates for tablets", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    await action(manager, running, "E1", "deactivate", {
      proof: manager.proof,
    });
    const tablet = await connectTablet(running, "A");

    const response = await action(manager, running, "E1", "reactivate", {});

    expect(response.statusCode, response.body).toBe(200);
    expect(AdminUserDetail.parse(response.json()).status).toBe("active");
    await tablet.waitForChange("E1 back", upsertOf(userIdOf(running, "E1")));
    expect((await postSignIn(running, "E1")).statusCode).toBe(200);
  });

  test("already active", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E1", "reactivate", {});

    expectHubError(response, "USER_STATUS_UNCHANGED", "params.userId");
  });

  test("unknown user and wrong body", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const unknown = await manager.inject({
      method: "POST",
      url: `/api/admin/users/${UNKNOWN_ID}/reactivate`,
      payload: {},
    });
    const wrongBody = await action(manager, running, "E1", "reactivate", [1]);

    expectHubError(unknown, "USER_UNKNOWN", "params.userId");
    expectHubError(wrongBody, "INVALID_INPUT", "body");
  });
});

describe("POST /api/admin/users/:userId/unlock", () => {
  test("unlocks a locked user", async () => {
    const running = await startHub();
    await lock(running, "E1", 10);
    const tablet = await connectTablet(running, "A");
    const manager = await signInAdmin(running, "E4");
    const before = await latestSeq(running);

    const response = await action(manager, running, "E1", "unlock", {
      proof: manager.proof,
    });

    expect(response.statusCode, response.body).toBe(200);
    const detail = AdminUserDetail.parse(response.json());
    expect(detail.lock).toEqual({ kind: "none" });
    expect(detail.failedAttempts).toBe(0);
    await tablet.waitForChange(
      "E1 unlocked",
      upsertOf(
        userIdOf(running, "E1"),
        ({ change }) =>
          change.kind === "user.upsert" && change.user.lock.kind === "none",
      ),
    );
    expect((await postSignIn(running, "E1")).statusCode).toBe(200);
    const audits = await auditEntriesAfter(running, before);
    const unlock = audits.find((entry) => entry.kind === "user.unlock");
    expect(unlock?.outcome).toBe("success");
    expect(unlock?.tabletId).toBe(null);
    expect(unlock?.actorId).toBe(userIdOf(running, "E4"));
  });

  test("not locked", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E1", "unlock", {
      proof: manager.proof,
    });

    expectHubError(response, "NOT_LOCKED", "params.userId");
  });

  test("wrong and missing proof", async () => {
    const running = await startHub();
    await lock(running, "E1");
    const manager = await signInAdmin(running, "E4");

    const wrong = await action(manager, running, "E1", "unlock", {
      proof: WRONG_PROOF,
    });
    const missing = await action(manager, running, "E1", "unlock", {
      proof: {},
    });

    expectHubError(wrong, "ADMIN_PROOF_FAILED");
    expectHubError(missing, "INVALID_INPUT", "body.proof");
    const lockout = await running.context.storage.credentials.getLockout(
      userIdOf(running, "E1"),
    );
    expect(lockout.failures).toBe(5);
  });

  test("needs user.unlock", async () => {
    const running = await startHub();
    await lock(running, "E1");
    // Supervisor E3 gets a level-2 role with panel access only.
    await running.context.storage.org.createRole(
      {
        id: "panel-viewer" as RoleId,
        name: "Panel viewer",
        level: 2,
        permissions: ["control-panel.access"],
        builtIn: false,
      },
      clock.now(),
    );
    await running.context.storage.users.update(
      userIdOf(running, "E3"),
      { roleId: "panel-viewer" as RoleId },
      clock.now(),
    );
    const viewer = await signInAdmin(running, "E3");

    const response = await action(viewer, running, "E1", "unlock", {
      proof: viewer.proof,
    });

    expectHubError(response, "PERMISSION_MISSING", "params.userId");
  });

  test("user of two stores", async () => {
    const running = await startHub();
    await lock(running, "E6");
    const manager = await signInAdmin(running, "E4");
    const admin = await signInAdmin(running, "E9");

    const rejected = await action(manager, running, "E6", "unlock", {
      proof: manager.proof,
    });
    const accepted = await action(admin, running, "E6", "unlock", {
      proof: admin.proof,
    });

    expectHubError(rejected, "OUT_OF_SCOPE", "params.userId");
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
});

describe("POST /api/admin/users/:userId/pin-reset", () => {
  test("shows the PIN without e-mail or phone", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E2", "pin-reset", {
      proof: manager.proof,
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const reset = PinResetResponse.parse(response.json());
    expect(reset.delivery).toBe("in-person");
    expect(reset.temporaryPin).toMatch(/^\d{6,}$/);
    const signIn = await postSignIn(running, "E2", {
      pin: reset.temporaryPin ?? "",
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(SessionView.parse(signIn.json()).mustChangePin).toBe(true);
  });

  test("first PIN of a new user", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    const created = await manager.inject({
      method: "POST",
      url: "/api/admin/users",
      payload: {
        employeeNumber: "N200",
        firstName: "Iris",
        lastName: "Kowalska",
        roleId: "employee",
        storeIds: [storeIdOf(running, "A")],
      },
    });
    const { id } = AdminUserDetail.parse(created.json());
    expectHubError(
      await postSignIn(running, "N200", { pin: TYPED_PIN }),
      "PIN_NOT_SET",
    );

    const response = await manager.inject({
      method: "POST",
      url: `/api/admin/users/${id}/pin-reset`,
      payload: { proof: manager.proof, temporaryPin: TYPED_PIN },
    });

    expect(response.statusCode, response.body).toBe(200);
    expect(PinResetResponse.parse(response.json())).toMatchObject({
      delivery: "in-person",
      temporaryPin: TYPED_PIN,
    });
    const signIn = await postSignIn(running, "N200", { pin: TYPED_PIN });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(SessionView.parse(signIn.json()).mustChangePin).toBe(true);
  });

  test("hides the PIN of an e-mail user", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E1", "pin-reset", {
      proof: manager.proof,
      temporaryPin: TYPED_PIN,
    });

    expect(response.statusCode, response.body).toBe(200);
    const reset = PinResetResponse.parse(response.json());
    expect(reset.delivery).toBe("email");
    expect(reset.temporaryPin).toBeUndefined();
    expect(await outboxPinOf(running, userIdOf(running, "E1"))).toBe(TYPED_PIN);
  });

  test("clears the lock and ends sessions", async () => {
    const running = await startHub();
    const token = await signInToken(running, "E2");
    await lock(running, "E2", 10);
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E2", "pin-reset", {
      proof: manager.proof,
      temporaryPin: TYPED_PIN,
    });

    expect(response.statusCode, response.body).toBe(200);
    const lockout = await running.context.storage.credentials.getLockout(
      userIdOf(running, "E2"),
    );
    expect(lockout.lock).toEqual({ kind: "none" });
    expect(lockout.failures).toBe(0);
    expectHubError(
      await getJson(running, "/api/kiosk/session", token),
      "UNAUTHENTICATED",
    );
    expect(
      (await postSignIn(running, "E2", { pin: TYPED_PIN })).statusCode,
    ).toBe(200);
  });

  test("reaches a tablet of the store live", async () => {
    const running = await startHub();
    const tablet = await connectTablet(running, "A");
    const manager = await signInAdmin(running, "E4");

    await action(manager, running, "E2", "pin-reset", {
      proof: manager.proof,
    });
    const message = await tablet.waitForChange(
      "E2 with a temporary PIN",
      upsertOf(
        userIdOf(running, "E2"),
        ({ change }) =>
          change.kind === "user.upsert" && change.user.pinTemporary,
      ),
    );

    expect(message.change).toMatchObject({
      user: { pinTemporary: true, lock: { kind: "none" } },
    });
    expect(JSON.stringify(message)).not.toContain(TYPED_PIN);
  });

  test("arrives at the SMTP receiver", async () => {
    receiver = await startSmtpReceiver();
    clock = manualClock();
    hub = await startTestHub({
      now: clock.now,
      env: {
        STOREFLOOR_DELIVERY: "smtp",
        STOREFLOOR_SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
        STOREFLOOR_SMTP_TLS: "none",
        STOREFLOOR_MAIL_FROM: "Storefloor <storefloor@example.com>",
        STOREFLOOR_DELIVERY_POLL_MS: "600000",
      },
    });
    const manager = await signInAdmin(hub, "E4");

    const response = await action(manager, hub, "E1", "pin-reset", {
      proof: manager.proof,
      temporaryPin: TYPED_PIN,
    });
    await hub.delivery.runOnce();

    expect(response.statusCode, response.body).toBe(200);
    expect(PinResetResponse.parse(response.json()).delivery).toBe("email");
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]?.rcptTo).toEqual(["ana@example.com"]);
    expect(receiver.messages[0]?.body).toContain(TYPED_PIN);
  });

  test("audits without the PIN", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    const before = await latestSeq(running);

    await action(manager, running, "E1", "pin-reset", {
      proof: manager.proof,
      temporaryPin: TYPED_PIN,
    });

    const audits = await auditEntriesAfter(running, before);
    const reset = audits.find(
      (entry) => entry.kind === "pin.reset" && entry.outcome === "success",
    );
    expect(reset?.actorId).toBe(userIdOf(running, "E4"));
    expect(reset?.tabletId).toBe(null);
    expect(JSON.stringify(audits)).not.toContain(TYPED_PIN);
    expect(JSON.stringify(audits)).not.toContain(manager.proof.password);
  });

  test("PIN policy names the field", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E2", "pin-reset", {
      proof: manager.proof,
      temporaryPin: "123456",
    });

    expectHubError(response, "PIN_POLICY_VIOLATION", "body.temporaryPin");
  });

  test("bad bodies", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    const reset = (payload: unknown) =>
      action(manager, running, "E2", "pin-reset", payload);

    expectHubError(await reset({}), "INVALID_INPUT", "body.proof");
    expectHubError(
      await reset({ proof: manager.proof, temporaryPin: 482619 }),
      "INVALID_INPUT",
      "body.temporaryPin",
    );
    expectHubError(
      await reset({ proof: manager.proof, temporaryPin: "12ab56" }),
      "INVALID_INPUT",
      "body.temporaryPin",
    );
    expectHubError(
      await reset({ proof: { pin: "915273" } }),
      "INVALID_INPUT",
      "body.proof",
    );
  });

  test("wrong proof changes nothing", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");

    const response = await action(manager, running, "E2", "pin-reset", {
      proof: WRONG_PROOF,
      temporaryPin: TYPED_PIN,
    });

    expectHubError(response, "ADMIN_PROOF_FAILED");
    expect((await postSignIn(running, "E2")).statusCode).toBe(200);
  });

  test("scope rule, self and inactive", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    const reset = (number: string) =>
      action(manager, running, number, "pin-reset", {
        proof: manager.proof,
      });
    await running.context.storage.users.update(
      userIdOf(running, "E3"),
      { status: "deactivated" },
      clock.now(),
    );

    expectHubError(await reset("E6"), "OUT_OF_SCOPE", "params.userId");
    expectHubError(await reset("E5"), "USER_UNKNOWN", "params.userId");
    expectHubError(await reset("E4"), "SELF_ACTION", "params.userId");
    expectHubError(await reset("E9"), "LEVEL_NOT_HIGHER", "params.userId");
    expectHubError(await reset("E3"), "USER_INACTIVE", "params.userId");
  });

  test("unknown and malformed ids", async () => {
    const running = await startHub();
    const manager = await signInAdmin(running, "E4");
    const post = (id: string) =>
      manager.inject({
        method: "POST",
        url: `/api/admin/users/${id}/pin-reset`,
        payload: { proof: manager.proof },
      });

    expectHubError(await post(UNKNOWN_ID), "USER_UNKNOWN", "params.userId");
    expectHubError(await post("Bad Id"), "INVALID_INPUT", "params.userId");
  });

  test("kiosk reset still works", async () => {
    const running = await startHub();
    await lock(running, "E1");
    const token = await signInToken(running, "E4");

    const response = await postPinReset(
      running,
      token,
      userIdOf(running, "E1"),
      { proof: { pin: pinOf(running, "E4") }, temporaryPin: TYPED_PIN },
    );

    expect(response.statusCode, response.body).toBe(200);
  });
});
