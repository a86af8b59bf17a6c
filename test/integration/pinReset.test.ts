import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PinResetResponse, SessionView } from "../../protocol";
import { readLocalOutbox } from "../../hub/delivery/readLocalOutbox";
import {
  auditEntriesAfter,
  errorOf,
  fieldPathsOf,
  kioskHeaders,
  getJson,
  latestSeq,
  pinOf,
  postJson,
  postPinReset,
  postSignIn,
  postUnlock,
  rosterUser,
  signInToken,
  storedPinIs,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

const WRONG_PIN = "730615";
const TYPED_TEMPORARY_PIN = "264093";
const DAY_MS = 24 * 3_600_000;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  await hub.stop();
});

/** Signs in manager E4 at store A and resets `target` with E4's proof. */
async function resetAsManager(
  target: string,
  body: { proof?: { pin: string }; temporaryPin?: string } = {},
) {
  const token = await signInToken(hub, "E4", { tablet: "tablet-a9" });
  return postPinReset(hub, token, userIdOf(hub, target), {
    proof: body.proof ?? { pin: pinOf(hub, "E4") },
    ...(body.temporaryPin !== undefined && { temporaryPin: body.temporaryPin }),
  });
}

describe("PIN reset effects", () => {
  test("ends target's sessions", async () => {
    const targetToken = await signInToken(hub, "E2");

    await resetAsManager("E2");
    const response = await getJson(hub, "/api/kiosk/session", targetToken);

    expect(response.statusCode).toBe(401);
  });

  test("old PIN fails", async () => {
    await resetAsManager("E2");

    const response = await postSignIn(hub, "E2");

    expect(errorOf(response).code).toBe("PIN_INCORRECT");
  });

  test("temporary PIN must change", async () => {
    const reset = PinResetResponse.parse((await resetAsManager("E2")).json());

    const response = await postSignIn(hub, "E2", { pin: reset.temporaryPin });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(true);
  });

  test("expires after 24 h", async () => {
    const reset = PinResetResponse.parse((await resetAsManager("E2")).json());

    expect(reset.expiresAt).toBe(clock.now() + DAY_MS);
  });

  test("tablets see a temporary PIN", async () => {
    await resetAsManager("E2");

    expect((await rosterUser(hub, "A", "E2"))?.pinTemporary).toBe(true);
  });

  test("typed temporary PIN", async () => {
    const response = await resetAsManager("E2", {
      temporaryPin: TYPED_TEMPORARY_PIN,
    });

    expect(PinResetResponse.parse(response.json()).temporaryPin).toBe(
      TYPED_TEMPORARY_PIN,
    );
    const signIn = await postSignIn(hub, "E2", { pin: TYPED_TEMPORARY_PIN });
    expect(signIn.statusCode).toBe(200);
  });

  test("typed PIN breaks policy", async () => {
    const before = await latestSeq(hub);

    const response = await resetAsManager("E2", { temporaryPin: "123456" });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("PIN_POLICY_VIOLATION");
    expect(errorOf(response).details?.violations).toEqual(["sequence"]);
    const entries = await auditEntriesAfter(hub, before);
    const entry = entries.find(({ kind }) => kind === "pin.reset");
    expect(entry).toMatchObject({
      kind: "pin.reset",
      outcome: "failure",
      reason: "PIN_POLICY_VIOLATION",
      targetId: userIdOf(hub, "E2"),
    });
    expect((await postSignIn(hub, "E2")).statusCode).toBe(200);
  });
});

describe("PIN reset delivery", () => {
  test("e-mail queues the PIN", async () => {
    const response = await resetAsManager("E1");

    const reset = PinResetResponse.parse(response.json());
    expect(reset.delivery).toBe("email");
    expect(reset.temporaryPin).toBeUndefined();
    const outbox = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      channel: "email",
      recipient: "ana@example.com",
      employeeNumber: "E1",
      status: "pending",
      expiresAt: reset.expiresAt,
    });
  });

  test("queued PIN signs in", async () => {
    await resetAsManager("E1");
    const [message] = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );

    const response = await postSignIn(hub, "E1", { pin: message?.pin ?? "" });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).mustChangePin).toBe(true);
  });

  test("queued PIN is encrypted", async () => {
    await resetAsManager("E1");
    const [message] = await readLocalOutbox(
      hub.context.storage,
      hub.context.secretBox,
      10,
    );
    const [stored] = await hub.context.storage.outbox.list(10);

    expect(message?.pin).toMatch(/^\d{6,8}$/);
    expect(stored?.ciphertext.length).toBeGreaterThan(0);
    expect(stored?.ciphertext).not.toContain(message?.pin);
  });

  test("second reset voids the first", async () => {
    await resetAsManager("E1");
    await resetAsManager("E1");

    const stored = await hub.context.storage.outbox.list(10);

    expect(stored.map((message) => message.status).sort()).toEqual([
      "pending",
      "superseded",
    ]);
    expect(
      stored.find((message) => message.status === "superseded")?.ciphertext,
    ).toBe("");
  });

  test("in person returns the PIN", async () => {
    const response = await resetAsManager("E2");

    const reset = PinResetResponse.parse(response.json());
    expect(reset.delivery).toBe("in-person");
    expect(reset.temporaryPin).toMatch(/^\d{6}$/);
    expect(await hub.context.storage.outbox.list(10)).toEqual([]);
  });

  test("audited with delivery", async () => {
    const before = await latestSeq(hub);

    await resetAsManager("E1");

    const entries = await auditEntriesAfter(hub, before);
    const entry = entries.find(({ kind }) => kind === "pin.reset");
    expect(entry).toMatchObject({
      outcome: "success",
      payload: { delivery: "email", generated: true },
    });
  });
});

describe("fresh proof", () => {
  test("wrong proof fails reset", async () => {
    const before = await latestSeq(hub);

    const response = await resetAsManager("E1", { proof: { pin: WRONG_PIN } });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("PROOF_FAILED");
    expect(errorOf(response).details?.attemptsBeforeLock).toBe(4);
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
    const entries = await auditEntriesAfter(hub, before);
    const entry = entries.find(({ kind }) => kind === "pin.reset.proof");
    expect(entry).toMatchObject({
      outcome: "failure",
      reason: "PIN_INCORRECT",
      actorId: userIdOf(hub, "E4"),
    });
  });

  test("wrong proof counts on actor", async () => {
    await resetAsManager("E1", { proof: { pin: WRONG_PIN } });

    expect((await rosterUser(hub, "A", "E4"))?.failedAttempts).toBe(1);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(0);
  });

  test("wrong proof fails unlock", async () => {
    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E1", { pin: WRONG_PIN });
    }
    const token = await signInToken(hub, "E4");

    const response = await postUnlock(hub, token, userIdOf(hub, "E1"), {
      proof: { pin: WRONG_PIN },
    });

    expect(errorOf(response).code).toBe("PROOF_FAILED");
    expect((await rosterUser(hub, "A", "E1"))?.lock.kind).toBe("timed");
  });

  test("locked actor's proof rejected", async () => {
    const token = await signInToken(hub, "E4", { tablet: "tablet-a1" });
    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E4", { tablet: "tablet-a2", pin: WRONG_PIN });
    }

    const response = await postPinReset(hub, token, userIdOf(hub, "E2"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    expect(response.statusCode).toBe(423);
    expect(errorOf(response).code).toBe("USER_LOCKED");
    expect(await storedPinIs(hub, "E2", pinOf(hub, "E2"))).toBe(true);
  });

  test("locked actor's guess not checked", async () => {
    const token = await signInToken(hub, "E4", { tablet: "tablet-a1" });
    for (let i = 0; i < 5; i++) {
      await postSignIn(hub, "E4", { tablet: "tablet-a2", pin: WRONG_PIN });
    }

    await postPinReset(hub, token, userIdOf(hub, "E2"), {
      proof: { pin: WRONG_PIN },
    });

    expect((await rosterUser(hub, "A", "E4"))?.failedAttempts).toBe(5);
  });

  test("fifth wrong proof locks actor", async () => {
    const token = await signInToken(hub, "E4");
    const proof = { pin: WRONG_PIN };
    for (let i = 0; i < 4; i++) {
      await postPinReset(hub, token, userIdOf(hub, "E1"), { proof });
    }

    const fifth = await postPinReset(hub, token, userIdOf(hub, "E1"), {
      proof,
    });

    expect(fifth.statusCode).toBe(423);
    expect(errorOf(fifth).code).toBe("USER_LOCKED");
    const session = await getJson(hub, "/api/kiosk/session", token);
    expect(session.statusCode).toBe(401);
    expect(errorOf(await postSignIn(hub, "E4")).code).toBe("USER_LOCKED");
  });
});

/** Bodies the reset and unlock schemas reject, with the paths named. */
const INVALID_BODIES = [
  { name: "missing proof", body: {}, paths: ["body.proof"] },
  { name: "proof a string", body: { proof: "915273" }, paths: ["body.proof"] },
  {
    name: "proof PIN a number",
    body: { proof: { pin: 915273 } },
    paths: ["body.proof.pin"],
  },
  {
    name: "proof PIN with letters",
    body: { proof: { pin: "91527e" } },
    paths: ["body.proof.pin"],
  },
] as const;

describe.each(["pin-reset", "unlock"])("%s bad input", (action) => {
  const url = (userId: string) => `/api/kiosk/users/${userId}/${action}`;

  test.each(INVALID_BODIES)("$name", async ({ body, paths }) => {
    const token = await signInToken(hub, "E4");
    const before = await latestSeq(hub);

    const response = await postJson(hub, url(userIdOf(hub, "E2")), body, token);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(paths);
    expect(await latestSeq(hub)).toBe(before);
    expect((await rosterUser(hub, "A", "E4"))?.failedAttempts).toBe(0);
  });

  test("malformed user id", async () => {
    const token = await signInToken(hub, "E4");

    const response = await postJson(
      hub,
      url("Omar Haddad"),
      { proof: { pin: pinOf(hub, "E4") } },
      token,
    );

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["params.userId"]);
  });

  test("unknown user id", async () => {
    const token = await signInToken(hub, "E4");

    const response = await postJson(
      hub,
      url(UNKNOWN_ID),
      { proof: { pin: pinOf(hub, "E4") } },
      token,
    );

    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("USER_NOT_FOUND");
  });

  test("malformed JSON", async () => {
    const token = await signInToken(hub, "E4");
    const before = await latestSeq(hub);

    const response = await hub.app.inject({
      method: "POST",
      url: url(userIdOf(hub, "E2")),
      headers: {
        "content-type": "application/json",
        ...(await kioskHeaders(hub, token)),
      },
      payload: '{"proof": {"pin": "915273"}',
    });

    expect(response.statusCode).toBe(400);
    expect(fieldPathsOf(response)).toEqual(["body"]);
    expect(await latestSeq(hub)).toBe(before);
  });

  test("without token", async () => {
    const response = await postJson(hub, url(userIdOf(hub, "E2")), {
      proof: { pin: pinOf(hub, "E4") },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });
});

test("temporaryPin with letters", async () => {
  const token = await signInToken(hub, "E4");
  const before = await latestSeq(hub);

  const response = await postPinReset(hub, token, userIdOf(hub, "E2"), {
    proof: { pin: pinOf(hub, "E4") },
    temporaryPin: "26409x",
  });

  expect(response.statusCode).toBe(400);
  expect(fieldPathsOf(response)).toEqual(["body.temporaryPin"]);
  expect(await latestSeq(hub)).toBe(before);
  expect((await postSignIn(hub, "E2")).statusCode).toBe(200);
});
