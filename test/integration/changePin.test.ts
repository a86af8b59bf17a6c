import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SessionView } from "../../protocol";
import { applyRosterImport } from "../../hub/roster/applyRosterImport";
import { parseRoster } from "../../hub/roster/parseRoster";
import { planRosterImport } from "../../hub/roster/planRosterImport";
import {
  auditEntriesAfter,
  bearer,
  errorOf,
  fieldPathsOf,
  kioskHeaders,
  getJson,
  latestSeq,
  pinOf,
  postJson,
  postPinChange,
  postSignIn,
  resetToTemporaryPin,
  rosterUser,
  signInToken,
  storedPinIs,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

/** PINs that pass every policy rule, for users to choose. */
const GOOD_PINS = ["730615", "264093", "518207", "947362"] as const;
const WRONG_PIN = "839402";

let hub: TestHub;
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  await hub.stop();
});

describe("PIN change", () => {
  test("new PIN signs in", async () => {
    const token = await signInToken(hub, "E1");

    const response = await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });

    expect(response.statusCode).toBe(200);
    expect(SessionView.parse(response.json()).token).toBe(token);
    expect(
      (await postSignIn(hub, "E1", { pin: GOOD_PINS[0] })).statusCode,
    ).toBe(200);
  });

  test("old PIN fails after", async () => {
    const token = await signInToken(hub, "E1");
    await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });

    const response = await postSignIn(hub, "E1");

    expect(errorOf(response).code).toBe("PIN_INCORRECT");
  });

  test("this session goes on", async () => {
    const token = await signInToken(hub, "E1");
    await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });

    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(200);
  });

  test("other sessions end", async () => {
    const token = await signInToken(hub, "E1", { tablet: "tablet-a1" });
    const other = await signInToken(hub, "E1", { tablet: "tablet-a2" });

    await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });
    const response = await getJson(hub, "/api/kiosk/session", other);

    expect(response.statusCode).toBe(401);
  });

  test("audited as success", async () => {
    const token = await signInToken(hub, "E1");
    const before = await latestSeq(hub);

    await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });

    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "pin.change",
      outcome: "success",
      actorId: userIdOf(hub, "E1"),
      payload: { replacedTemporary: false },
    });
  });

  test("wrong current PIN counts", async () => {
    const token = await signInToken(hub, "E1");
    const before = await latestSeq(hub);

    const response = await postPinChange(hub, token, {
      currentPin: WRONG_PIN,
      newPin: GOOD_PINS[0],
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("PIN_INCORRECT");
    expect(errorOf(response).details?.attemptsBeforeLock).toBe(4);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(1);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "pin.change",
      outcome: "failure",
      reason: "PIN_INCORRECT",
    });
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
  });

  test("fifth wrong current PIN locks", async () => {
    const token = await signInToken(hub, "E1");
    for (let i = 0; i < 4; i++) {
      await postPinChange(hub, token, {
        currentPin: WRONG_PIN,
        newPin: GOOD_PINS[0],
      });
    }

    const fifth = await postPinChange(hub, token, {
      currentPin: WRONG_PIN,
      newPin: GOOD_PINS[0],
    });

    expect(errorOf(fifth).code).toBe("USER_LOCKED");
    expect(errorOf(await postSignIn(hub, "E1")).code).toBe("USER_LOCKED");
  });

  test("lock ends the sessions", async () => {
    const token = await signInToken(hub, "E1");
    for (let i = 0; i < 5; i++) {
      await postPinChange(hub, token, {
        currentPin: WRONG_PIN,
        newPin: GOOD_PINS[0],
      });
    }

    const response = await getJson(hub, "/api/kiosk/session", token);

    expect(response.statusCode).toBe(401);
  });

  test("locked user cannot change", async () => {
    const token = await signInToken(hub, "E1", { tablet: "tablet-a1" });
    await lockAtOtherTablet("E1");
    const before = await latestSeq(hub);

    const response = await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });

    expect(response.statusCode).toBe(423);
    expect(errorOf(response).code).toBe("USER_LOCKED");
    expect(await storedPinIs(hub, "E1", pinOf(hub, "E1"))).toBe(true);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "pin.change",
      outcome: "failure",
      reason: "USER_LOCKED",
    });
  });

  test("locked user's guess not checked", async () => {
    const token = await signInToken(hub, "E1", { tablet: "tablet-a1" });
    await lockAtOtherTablet("E1");

    const response = await postPinChange(hub, token, {
      currentPin: WRONG_PIN,
      newPin: GOOD_PINS[0],
    });

    expect(errorOf(response).code).toBe("USER_LOCKED");
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(5);
  });

  test("missing current PIN", async () => {
    const token = await signInToken(hub, "E1");
    const before = await latestSeq(hub);

    const response = await postPinChange(hub, token, { newPin: GOOD_PINS[0] });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body.currentPin"]);
    expect(await latestSeq(hub)).toBe(before);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(0);
  });
});

/** New PINs that break one rule each, for E1 (employee number E1). */
const POLICY_CASES = [
  { pin: "4826", violation: "too-short" },
  { pin: "345678", violation: "sequence" },
  { pin: "876543", violation: "sequence" },
  { pin: "555555", violation: "repeated-digit" },
  { pin: "159753", violation: "common-pin" },
] as const;

describe("PIN policy", () => {
  test.each(POLICY_CASES)("$violation: $pin", async ({ pin, violation }) => {
    const token = await signInToken(hub, "E1");

    const response = await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: pin,
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("PIN_POLICY_VIOLATION");
    expect(errorOf(response).details?.violations).toEqual([violation]);
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
  });

  test("violation audited", async () => {
    const token = await signInToken(hub, "E1");
    const before = await latestSeq(hub);

    await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: "555555",
    });

    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "pin.change",
      outcome: "failure",
      reason: "PIN_POLICY_VIOLATION",
      payload: { violations: ["repeated-digit"] },
    });
  });

  test("violation not counted", async () => {
    const token = await signInToken(hub, "E1");

    await postPinChange(hub, token, {
      currentPin: pinOf(hub, "E1"),
      newPin: "555555",
    });

    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(0);
  });

  test("employee-number digits", async () => {
    const pin = await importUserWithoutContact(hub, "E739164");
    const token = await signInToken(hub, "E739164", { pin });

    const response = await postPinChange(hub, token, { newPin: "739164" });

    expect(errorOf(response).code).toBe("PIN_POLICY_VIOLATION");
    expect(errorOf(response).details?.violations).toEqual(["employee-number"]);
  });

  test.each([0, 1, 2])("recently used: PIN %i", async (index) => {
    // E1 goes from the fixture PIN through two chosen ones: three PINs.
    const history = [pinOf(hub, "E1"), GOOD_PINS[0], GOOD_PINS[1]];
    const token = await signInToken(hub, "E1");
    await postPinChange(hub, token, {
      currentPin: history[0],
      newPin: GOOD_PINS[0],
    });
    await postPinChange(hub, token, {
      currentPin: GOOD_PINS[0],
      newPin: GOOD_PINS[1],
    });

    const response = await postPinChange(hub, token, {
      currentPin: GOOD_PINS[1],
      newPin: history[index] ?? "",
    });

    expect(errorOf(response).code).toBe("PIN_POLICY_VIOLATION");
    expect(errorOf(response).details?.violations).toEqual(["recently-used"]);
  });

  test("temporary PIN cannot stay", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E4", "E2");
    const token = await signInToken(hub, "E2", { pin: temporaryPin });

    const response = await postPinChange(hub, token, { newPin: temporaryPin });

    expect(errorOf(response).code).toBe("PIN_POLICY_VIOLATION");
    expect(errorOf(response).details?.violations).toEqual(["recently-used"]);
  });

  test("temporary replaced, audited", async () => {
    const temporaryPin = await resetToTemporaryPin(hub, "E4", "E2");
    const token = await signInToken(hub, "E2", { pin: temporaryPin });
    const before = await latestSeq(hub);

    await postPinChange(hub, token, { newPin: GOOD_PINS[2] });

    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "pin.change",
      outcome: "success",
      payload: { replacedTemporary: true },
    });
    expect((await rosterUser(hub, "A", "E2"))?.pinTemporary).toBe(false);
  });
});

/** Request bodies the protocol's schema rejects, with the paths named. */
const INVALID_BODIES = [
  {
    name: "missing newPin",
    body: { currentPin: "482619" },
    paths: ["body.newPin"],
  },
  {
    name: "newPin a number",
    body: { currentPin: "482619", newPin: 730615 },
    paths: ["body.newPin"],
  },
  {
    name: "newPin with letters",
    body: { currentPin: "482619", newPin: "73o615" },
    paths: ["body.newPin"],
  },
  {
    name: "newPin of nine digits",
    body: { currentPin: "482619", newPin: "730615123" },
    paths: ["body.newPin"],
  },
  {
    name: "currentPin a number",
    body: { currentPin: 482619, newPin: "730615" },
    paths: ["body.currentPin"],
  },
] as const;

describe("PIN change bad input", () => {
  test.each(INVALID_BODIES)("$name", async ({ body, paths }) => {
    const token = await signInToken(hub, "E1");
    const before = await latestSeq(hub);

    const response = await postPinChange(hub, token, body as never);

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(paths);
    expect(await latestSeq(hub)).toBe(before);
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
  });

  test("malformed JSON", async () => {
    const token = await signInToken(hub, "E1");
    const before = await latestSeq(hub);

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/session/pin",
      headers: {
        "content-type": "application/json",
        ...(await kioskHeaders(hub, token)),
      },
      payload: '{"newPin": "730615"',
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("INVALID_INPUT");
    expect(fieldPathsOf(response)).toEqual(["body"]);
    expect(await latestSeq(hub)).toBe(before);
  });

  test("without session token", async () => {
    const response = await postJson(hub, "/api/kiosk/session/pin", {
      currentPin: pinOf(hub, "E1"),
      newPin: GOOD_PINS[0],
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
  });

  test("without tablet token", async () => {
    const token = await signInToken(hub, "E1");

    const response = await hub.app.inject({
      method: "POST",
      url: "/api/kiosk/session/pin",
      headers: bearer(token),
      payload: { currentPin: pinOf(hub, "E1"), newPin: GOOD_PINS[0] },
    });

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("TABLET_NOT_ENROLLED");
    expect(await storedPinIs(hub, "E1", pinOf(hub, "E1"))).toBe(true);
  });

  test("session of another tablet", async () => {
    const token = await signInToken(hub, "E1", { tablet: "tablet-a1" });

    const response = await postJson(
      hub,
      "/api/kiosk/session/pin",
      { currentPin: pinOf(hub, "E1"), newPin: GOOD_PINS[0] },
      token,
      { tablet: "tablet-a2" },
    );

    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
    expect(await storedPinIs(hub, "E1", pinOf(hub, "E1"))).toBe(true);
  });
});

/** Locks a user with five wrong PINs at a tablet of their own. */
async function lockAtOtherTablet(employeeNumber: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await postSignIn(hub, employeeNumber, {
      tablet: "tablet-a2",
      pin: WRONG_PIN,
    });
  }
}

/**
 * Imports one store-A employee without e-mail or phone and returns their
 * temporary PIN, which the import hands back for delivery in person.
 */
async function importUserWithoutContact(
  hub: TestHub,
  employeeNumber: string,
): Promise<string> {
  const { storage } = hub.context;
  const csv = [
    "employee_number,first_name,last_name,email,phone,store,role",
    `${employeeNumber},Noor,Saleh,,,A,Employee`,
  ].join("\n");
  const parsed = parseRoster(csv, {
    stores: await storage.org.listStores(),
    roles: await storage.org.listRoles(),
  });
  const plan = planRosterImport(parsed.rows, await storage.users.list(), {
    deactivateMissing: false,
  });
  const result = await applyRosterImport(hub.context, plan, {
    source: "test",
  });
  const pin = result.created[0]?.temporaryPin;
  if (pin === undefined) {
    throw new Error(
      `the import returned no temporary PIN for ${employeeNumber}`,
    );
  }
  return pin;
}
