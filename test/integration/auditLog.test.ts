import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PinResetResponse, SessionView } from "../../protocol";
import { applyRosterImport } from "../../hub/roster/applyRosterImport";
import { parseRoster } from "../../hub/roster/parseRoster";
import { planRosterImport } from "../../hub/roster/planRosterImport";
import type { LogEntry } from "../../hub/storage/records";
import {
  logEntries,
  outboxPinOf,
  pinOf,
  postPinChange,
  postPinReset,
  postSignIn,
  postUnlock,
  signInSession,
  userIdOf,
} from "../support/kioskClient";
import { manualClock } from "../support/manualClock";
import { startTestHub, type TestHub } from "../support/startTestHub";

const WRONG_PIN = "730615";
const CHOSEN_PINS = { E1: "264093", E2: "518207", E21: "947362" } as const;

/** Every secret the scenario handled: PINs of all kinds and tokens. */
const secrets = new Set<string>();

// The fixed clock keeps timestamps equal between runs, so a PIN can never
// turn up inside one by chance.
const clock = manualClock();
let hub: TestHub;
let entries: LogEntry[];

beforeAll(async () => {
  hub = await startTestHub({ now: clock.now });
  for (const number of Object.keys(hub.fixture.pins)) {
    secrets.add(pinOf(hub, number));
  }
  await runScenario();
  entries = await logEntries(hub);
});
afterAll(async () => {
  await hub.stop();
});

/**
 * Sign-ins right and wrong, a lock, an unlock, resets by e-mail and in
 * person, PIN changes, rejections and a roster import: one of each outcome.
 */
async function runScenario(): Promise<void> {
  const manager = await signIn("E4");
  await signIn("E1");

  // Lock E2, and let the manager unlock them.
  for (let i = 0; i < 5; i++) {
    await postSignIn(hub, "E2", { pin: WRONG_PIN });
  }
  await postSignIn(hub, "E2");
  await postUnlock(hub, manager, userIdOf(hub, "E2"), {
    proof: { pin: pinOf(hub, "E4") },
  });

  // Rejections: a wrong proof, the scope rule, a typed PIN against the policy.
  await postPinReset(hub, manager, userIdOf(hub, "E1"), {
    proof: { pin: WRONG_PIN },
  });
  await postPinReset(hub, manager, userIdOf(hub, "E6"), {
    proof: { pin: pinOf(hub, "E4") },
  });
  await postPinReset(hub, manager, userIdOf(hub, "E1"), {
    proof: { pin: pinOf(hub, "E4") },
    temporaryPin: "123456",
  });
  const supervisor = await signIn("E3");
  await postPinReset(hub, supervisor, userIdOf(hub, "E4"), {
    proof: { pin: pinOf(hub, "E3") },
  });

  // Resets by e-mail (E1) and in person (E2), then each user's own PIN.
  await postPinReset(hub, manager, userIdOf(hub, "E1"), {
    proof: { pin: pinOf(hub, "E4") },
  });
  const e1Temporary = await outboxPinOf(hub, userIdOf(hub, "E1"));
  secrets.add(e1Temporary);
  const e2Reset = await postPinReset(hub, manager, userIdOf(hub, "E2"), {
    proof: { pin: pinOf(hub, "E4") },
    temporaryPin: "806153",
  });
  secrets.add(PinResetResponse.parse(e2Reset.json()).temporaryPin ?? "");
  await changeOwnPin("E1", e1Temporary, CHOSEN_PINS.E1);
  await changeOwnPin("E2", "806153", CHOSEN_PINS.E2);

  // A PIN change with a wrong current PIN, and one that breaks the policy.
  const e1 = await signIn("E1", CHOSEN_PINS.E1);
  await postPinChange(hub, e1, { currentPin: WRONG_PIN, newPin: "395172" });
  await postPinChange(hub, e1, {
    currentPin: CHOSEN_PINS.E1,
    newPin: pinOf(hub, "E1"),
  });

  // An expired temporary PIN, and a roster import with one new user.
  const e3Reset = await postPinReset(hub, manager, userIdOf(hub, "E3"), {
    proof: { pin: pinOf(hub, "E4") },
  });
  const e3Temporary = PinResetResponse.parse(e3Reset.json()).temporaryPin;
  secrets.add(e3Temporary ?? "");
  clock.advance(25 * 3_600_000);
  await postSignIn(hub, "E3", { pin: e3Temporary });

  const e21Temporary = await importOneUser();
  secrets.add(e21Temporary);
  await changeOwnPin("E21", e21Temporary, CHOSEN_PINS.E21);
  for (const pin of Object.values(CHOSEN_PINS)) {
    secrets.add(pin);
  }
}

async function signIn(employeeNumber: string, pin?: string): Promise<string> {
  const session = await signInSession(hub, employeeNumber, {
    tablet: `tablet-${employeeNumber.toLowerCase()}`,
    ...(pin !== undefined && { pin }),
  });
  secrets.add(session.token);
  return session.token;
}

async function changeOwnPin(
  employeeNumber: string,
  temporaryPin: string,
  newPin: string,
): Promise<void> {
  const token = await signIn(employeeNumber, temporaryPin);
  const response = await postPinChange(hub, token, { newPin });
  SessionView.parse(response.json());
}

async function importOneUser(): Promise<string> {
  const { storage } = hub.context;
  const parsed = parseRoster(
    "employee_number,first_name,last_name,store,role\nE21,Ravi,Iyer,A,Employee",
    {
      stores: await storage.org.listStores(),
      roles: await storage.org.listRoles(),
    },
  );
  const plan = planRosterImport(parsed.rows, await storage.users.list(), {
    deactivateMissing: false,
  });
  const result = await applyRosterImport(hub.context, plan, {
    source: "roster.csv",
  });
  return result.created[0]?.temporaryPin ?? "";
}

/** Outcomes the scenario produced, as kind, outcome and reason. */
const EXPECTED_OUTCOMES = [
  ["sign-in", "success", null],
  ["sign-in", "failure", "PIN_INCORRECT"],
  ["sign-in", "failure", "USER_LOCKED"],
  ["sign-in", "failure", "TEMPORARY_PIN_EXPIRED"],
  ["user.locked", "success", "timed"],
  ["user.unlock", "success", null],
  ["pin.reset.proof", "failure", "PIN_INCORRECT"],
  ["pin.reset", "failure", "OUT_OF_SCOPE"],
  ["pin.reset", "failure", "LEVEL_NOT_HIGHER"],
  ["pin.reset", "failure", "PIN_POLICY_VIOLATION"],
  ["pin.reset", "success", null],
  ["pin.change", "success", null],
  ["pin.change", "failure", "PIN_INCORRECT"],
  ["pin.change", "failure", "PIN_POLICY_VIOLATION"],
  ["roster.import", "success", null],
] as const;

describe("audit after a full scenario", () => {
  test.each(EXPECTED_OUTCOMES)("%s %s %s", (kind, outcome, reason) => {
    const audits = entries.filter((entry) => entry.category === "audit");

    expect(audits).toContainEqual(
      expect.objectContaining({ kind, outcome, reason }),
    );
  });

  test("scenario handled secrets", () => {
    // 8 fixture PINs, 4 temporary PINs, 3 chosen PINs and 7 tokens.
    expect(secrets.size).toBe(8 + 4 + 3 + 7);
    expect([...secrets].every((secret) => secret.length >= 6)).toBe(true);
  });

  test("log holds no PIN or token", () => {
    const text = JSON.stringify(entries);

    const leaked = [...secrets].filter((secret) => text.includes(secret));

    expect(leaked).toEqual([]);
  });

  test("log holds no PIN hash", () => {
    expect(JSON.stringify(entries)).not.toContain("$argon2");
  });

  test("database has no plain PIN", () => {
    const files = fs
      .readdirSync(hub.dataDir)
      .filter((name) => name.startsWith("storefloor.sqlite"))
      .map((name) => fs.readFileSync(path.join(hub.dataDir, name), "latin1"));

    const leaked = [...secrets].filter((secret) =>
      files.some((content) => content.includes(secret)),
    );

    expect(files.length).toBeGreaterThan(0);
    expect(leaked).toEqual([]);
  });
});
