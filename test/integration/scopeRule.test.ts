import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ERRORS, type ErrorCode } from "../../protocol";
import {
  auditEntriesAfter,
  errorOf,
  latestSeq,
  pinOf,
  postPinReset,
  postSignIn,
  postUnlock,
  rosterUser,
  signInToken,
  storeIdOf,
  userIdOf,
} from "../support/kioskClient";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

/**
 * Who acts on whom, with the fixture: E1 and E2 employees of A, E3
 * supervisor of A, E4 manager of A, E5 manager of B, E6 employee of A and
 * B, E7 shift lead of A (level 2, `pin.reset` only), E9 administrator with
 * the whole organisation as scope. Actors sign in at store A unless a case
 * names another store.
 */
interface AllowedCase {
  readonly name: string;
  readonly actor: string;
  readonly target: string;
}

interface RejectedCase extends AllowedCase {
  /** Store of the actor's tablet. */
  readonly store?: string;
  readonly rejected: ErrorCode;
}

const RESET_ALLOWED: readonly AllowedCase[] = [
  { name: "manager, employee", actor: "E4", target: "E1" },
  { name: "supervisor, employee", actor: "E3", target: "E2" },
  { name: "shift lead, employee", actor: "E7", target: "E2" },
  { name: "manager, supervisor", actor: "E4", target: "E3" },
  { name: "administrator, two-store user", actor: "E9", target: "E6" },
];

const RESET_REJECTED: readonly RejectedCase[] = [
  {
    name: "employee, colleague",
    actor: "E1",
    target: "E2",
    rejected: "PERMISSION_MISSING",
  },
  {
    name: "supervisor, manager",
    actor: "E3",
    target: "E4",
    rejected: "LEVEL_NOT_HIGHER",
  },
  {
    name: "supervisor, shift lead",
    actor: "E3",
    target: "E7",
    rejected: "LEVEL_NOT_HIGHER",
  },
  { name: "manager, self", actor: "E4", target: "E4", rejected: "SELF_ACTION" },
  {
    name: "manager of A, two-store user",
    actor: "E4",
    target: "E6",
    rejected: "OUT_OF_SCOPE",
  },
  {
    name: "manager of B, store-A user",
    actor: "E5",
    store: "B",
    target: "E1",
    rejected: "USER_NOT_FOUND",
  },
];

const UNLOCK_ALLOWED: readonly AllowedCase[] = [
  { name: "manager, employee", actor: "E4", target: "E1" },
  { name: "supervisor, employee", actor: "E3", target: "E1" },
  { name: "administrator, two-store user", actor: "E9", target: "E6" },
];

const UNLOCK_REJECTED: readonly RejectedCase[] = [
  {
    name: "shift lead, employee",
    actor: "E7",
    target: "E1",
    rejected: "PERMISSION_MISSING",
  },
  {
    name: "employee, colleague",
    actor: "E1",
    target: "E2",
    rejected: "PERMISSION_MISSING",
  },
  {
    name: "supervisor, manager",
    actor: "E3",
    target: "E4",
    rejected: "LEVEL_NOT_HIGHER",
  },
  {
    name: "manager of A, two-store user",
    actor: "E4",
    target: "E6",
    rejected: "OUT_OF_SCOPE",
  },
  {
    name: "manager of B, store-A user",
    actor: "E5",
    store: "B",
    target: "E1",
    rejected: "USER_NOT_FOUND",
  },
];

const WRONG_PIN = "730615";

let hub: TestHub;
beforeEach(async () => {
  hub = await startFreshHub();
});
afterEach(async () => {
  await hub.stop();
});

describe("PIN reset allowed", () => {
  test.each(RESET_ALLOWED)("$name", async (scopeCase) => {
    const { actor, target } = scopeCase;
    const token = await signInToken(hub, actor);
    const before = await latestSeq(hub);

    const response = await postPinReset(hub, token, userIdOf(hub, target), {
      proof: { pin: pinOf(hub, actor) },
    });

    expect(response.statusCode).toBe(200);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject(successEntry("pin.reset", scopeCase));
    const oldPin = await postSignIn(hub, target, { tablet: "tablet-check" });
    expect(errorOf(oldPin).code).toBe("PIN_INCORRECT");
  });
});

describe("PIN reset rejected", () => {
  test.each(RESET_REJECTED)("$name: $rejected", async (scopeCase) => {
    const { actor, target } = scopeCase;
    const code = scopeCase.rejected;
    const token = await signInToken(hub, actor, {
      store: scopeCase.store ?? "A",
    });
    const before = await latestSeq(hub);

    const response = await postPinReset(hub, token, userIdOf(hub, target), {
      proof: { pin: pinOf(hub, actor) },
    });

    expect(response.statusCode).toBe(ERRORS[code].status);
    expect(errorOf(response).code).toBe(code);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject(rejectionEntry("pin.reset", scopeCase));
    const oldPin = await postSignIn(hub, target, { tablet: "tablet-check" });
    expect(oldPin.statusCode).toBe(200);
  });
});

describe("unlock allowed", () => {
  test.each(UNLOCK_ALLOWED)("$name", async (scopeCase) => {
    const { actor, target } = scopeCase;
    await lockUser(target);
    const token = await signInToken(hub, actor);
    const before = await latestSeq(hub);

    const response = await postUnlock(hub, token, userIdOf(hub, target), {
      proof: { pin: pinOf(hub, actor) },
    });

    expect(response.statusCode).toBe(200);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject(successEntry("user.unlock", scopeCase));
    expect((await rosterUser(hub, "A", target))?.lock).toEqual({
      kind: "none",
    });
  });
});

describe("unlock rejected", () => {
  test.each(UNLOCK_REJECTED)("$name: $rejected", async (scopeCase) => {
    const { actor, target } = scopeCase;
    const code = scopeCase.rejected;
    await lockUser(target);
    const token = await signInToken(hub, actor, {
      store: scopeCase.store ?? "A",
    });
    const before = await latestSeq(hub);

    const response = await postUnlock(hub, token, userIdOf(hub, target), {
      proof: { pin: pinOf(hub, actor) },
    });

    expect(response.statusCode).toBe(ERRORS[code].status);
    expect(errorOf(response).code).toBe(code);
    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject(rejectionEntry("user.unlock", scopeCase));
    expect((await rosterUser(hub, "A", target))?.lock.kind).toBe("timed");
  });

  test("manager, self: SELF_ACTION", async () => {
    // A locked user cannot sign in to try, so E4 is not locked here.
    const token = await signInToken(hub, "E4");

    const response = await postUnlock(hub, token, userIdOf(hub, "E4"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe("SELF_ACTION");
  });
});

/** Locks a user of store A with five wrong PINs at a tablet of A. */
async function lockUser(employeeNumber: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await postSignIn(hub, employeeNumber, {
      tablet: "tablet-lock",
      pin: WRONG_PIN,
    });
  }
}

/** The audit entry of an allowed action, as `toMatchObject` expects it. */
function successEntry(kind: string, scopeCase: AllowedCase) {
  return {
    kind,
    outcome: "success",
    actorId: userIdOf(hub, scopeCase.actor),
    targetId: userIdOf(hub, scopeCase.target),
    storeIds: [storeIdOf(hub, "A")],
  };
}

/**
 * The audit entry of a rejected action. A target that is not a user of the
 * tablet's store is not named in it.
 */
function rejectionEntry(kind: string, scopeCase: RejectedCase) {
  const targetKnown = scopeCase.rejected !== "USER_NOT_FOUND";
  return {
    kind,
    outcome: "failure",
    reason: scopeCase.rejected,
    actorId: userIdOf(hub, scopeCase.actor),
    targetId: targetKnown ? userIdOf(hub, scopeCase.target) : null,
    storeIds: [storeIdOf(hub, scopeCase.store ?? "A")],
  };
}
