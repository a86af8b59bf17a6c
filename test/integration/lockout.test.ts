import type { LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { KioskUser } from "../../protocol";
import {
  auditEntriesAfter,
  errorOf,
  latestSeq,
  pinOf,
  postSignIn,
  postUnlock,
  rosterUser,
  signInToken,
  storeIdOf,
  tabletIdOf,
  userIdOf,
} from "../support/kioskClient";
import { manualClock, type ManualClock } from "../support/manualClock";
import { startFreshHub } from "../support/startFreshHub";
import type { TestHub } from "../support/startTestHub";

const WRONG_PIN = "730615";
const SECOND_MS = 1_000;

let clock: ManualClock;
let hub: TestHub;
beforeEach(async () => {
  clock = manualClock();
  hub = await startFreshHub({ now: clock.now });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await hub.stop();
});

/** Types a wrong PIN for E1 `count` times and returns the last response. */
async function failSignIns(count: number): Promise<LightMyRequestResponse> {
  let last: LightMyRequestResponse | undefined;
  for (let i = 0; i < count; i++) {
    last = await postSignIn(hub, "E1", { pin: WRONG_PIN });
  }
  if (last === undefined) {
    throw new Error("failSignIns needs a count of at least 1");
  }
  return last;
}

/**
 * Brings E1 to `failures` consecutive failures, waiting out each timed lock
 * before the next failure, and returns the last response.
 */
async function failThroughLocks(
  failures: number,
): Promise<LightMyRequestResponse> {
  let last = await failSignIns(Math.min(failures, 5));
  for (let count = 6; count <= failures; count++) {
    const lockedUntil = errorOf(last).details?.lockedUntil;
    if (typeof lockedUntil !== "number") {
      throw new Error(`E1 is not in a timed lock before failure ${count}`);
    }
    clock.advance(lockedUntil - clock.now());
    last = await failSignIns(1);
  }
  return last;
}

describe("lockout schedule", () => {
  test("four failures, no lock", async () => {
    const fourth = await failSignIns(4);

    expect(errorOf(fourth).code).toBe("PIN_INCORRECT");
    expect(errorOf(fourth).details?.attemptsBeforeLock).toBe(1);
    expect((await rosterUser(hub, "A", "E1"))?.lock).toEqual({ kind: "none" });
  });

  test("fifth failure locks 30 s", async () => {
    const fifth = await failSignIns(5);

    expect(fifth.statusCode).toBe(423);
    expect(errorOf(fifth).code).toBe("USER_LOCKED");
    expect(errorOf(fifth).details?.lockedUntil).toBe(
      clock.now() + 30 * SECOND_MS,
    );
    expect((await rosterUser(hub, "A", "E1"))?.lock).toEqual({
      kind: "timed",
      until: clock.now() + 30 * SECOND_MS,
    });
  });

  test("locked rejects right PIN", async () => {
    await failSignIns(5);
    clock.advance(29 * SECOND_MS);

    const response = await postSignIn(hub, "E1");

    expect(response.statusCode).toBe(423);
    expect(errorOf(response).code).toBe("USER_LOCKED");
  });

  test("locked attempts not counted", async () => {
    const fifth = await failSignIns(5);

    const whileLocked = await failSignIns(3);

    expect(errorOf(whileLocked).code).toBe("USER_LOCKED");
    expect(errorOf(whileLocked).details?.lockedUntil).toBe(
      errorOf(fifth).details?.lockedUntil,
    );
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(5);
  });

  test("locked attempt audited", async () => {
    await failSignIns(5);
    const before = await latestSeq(hub);

    await postSignIn(hub, "E1");

    const entries = await auditEntriesAfter(hub, before);
    expect(entries).toEqual([
      expect.objectContaining({
        kind: "sign-in",
        outcome: "failure",
        reason: "USER_LOCKED",
        targetId: userIdOf(hub, "E1"),
      }),
    ]);
  });

  test("right PIN after 30 s", async () => {
    await failSignIns(5);
    clock.advance(30 * SECOND_MS);

    const response = await postSignIn(hub, "E1");

    expect(response.statusCode).toBe(200);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(0);
  });

  test("sixth failure locks 60 s", async () => {
    await failSignIns(5);
    clock.advance(30 * SECOND_MS);

    const sixth = await failSignIns(1);

    expect(errorOf(sixth).code).toBe("USER_LOCKED");
    expect(errorOf(sixth).details?.lockedUntil).toBe(
      clock.now() + 60 * SECOND_MS,
    );
  });

  test("ninth failure locks 480 s", async () => {
    const ninth = await failThroughLocks(9);

    expect(errorOf(ninth).details?.lockedUntil).toBe(
      clock.now() + 480 * SECOND_MS,
    );
  });

  test("tenth failure locks for good", async () => {
    const tenth = await failThroughLocks(10);
    clock.advance(30 * 24 * 3_600 * SECOND_MS);
    const later = await postSignIn(hub, "E1");

    expect(tenth.statusCode).toBe(423);
    expect(errorOf(tenth).code).toBe("USER_LOCKED_PERMANENT");
    expect(errorOf(later).code).toBe("USER_LOCKED_PERMANENT");
    expect((await rosterUser(hub, "A", "E1"))?.lock).toEqual({
      kind: "permanent",
    });
  });

  test("success resets the count", async () => {
    await failSignIns(4);
    await postSignIn(hub, "E1");

    const fourthAgain = await failSignIns(4);

    expect(errorOf(fourthAgain).code).toBe("PIN_INCORRECT");
    expect(errorOf(fourthAgain).details?.attemptsBeforeLock).toBe(1);
  });

  test("lock audited with tablet", async () => {
    await failSignIns(4);
    const before = await latestSeq(hub);

    await failSignIns(1);

    const locked = (await auditEntriesAfter(hub, before)).find(
      (entry) => entry.kind === "user.locked",
    );
    expect(locked).toMatchObject({
      outcome: "success",
      reason: "timed",
      targetId: userIdOf(hub, "E1"),
      tabletId: await tabletIdOf(hub, { tablet: "tablet-a1" }),
      storeIds: [storeIdOf(hub, "A")],
      payload: { failures: 5, lockedUntil: clock.now() + 30 * SECOND_MS },
    });
  });
});

describe("unlock", () => {
  test("clears a permanent lock", async () => {
    await failThroughLocks(10);
    const manager = await signInToken(hub, "E4", { tablet: "tablet-a2" });

    const unlock = await postUnlock(hub, manager, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    expect(unlock.statusCode).toBe(200);
    const user = KioskUser.parse(unlock.json());
    expect(user.lock).toEqual({ kind: "none" });
    expect(user.failedAttempts).toBe(0);
    expect((await postSignIn(hub, "E1")).statusCode).toBe(200);
  });

  test("restarts the schedule", async () => {
    await failSignIns(5);
    const manager = await signInToken(hub, "E4", { tablet: "tablet-a2" });
    await postUnlock(hub, manager, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    const fourth = await failSignIns(4);

    expect(errorOf(fourth).code).toBe("PIN_INCORRECT");
  });

  test("audited with actor", async () => {
    await failSignIns(5);
    const manager = await signInToken(hub, "E4", { tablet: "tablet-a2" });
    const before = await latestSeq(hub);

    await postUnlock(hub, manager, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    const [entry] = await auditEntriesAfter(hub, before);
    expect(entry).toMatchObject({
      kind: "user.unlock",
      outcome: "success",
      actorId: userIdOf(hub, "E4"),
      targetId: userIdOf(hub, "E1"),
      payload: { previousLock: "timed", failures: 5 },
    });
  });

  test("user not locked", async () => {
    const manager = await signInToken(hub, "E4");

    const response = await postUnlock(hub, manager, userIdOf(hub, "E1"), {
      proof: { pin: pinOf(hub, "E4") },
    });

    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("NOT_LOCKED");
  });
});

describe("per-tablet rate limit", () => {
  test("31st attempt a minute", async () => {
    const attempts: LightMyRequestResponse[] = [];
    for (let i = 0; i < 31; i++) {
      attempts.push(
        await postSignIn(hub, "E404", {
          tablet: "tablet-rate",
          pin: WRONG_PIN,
        }),
      );
    }
    const thirtieth = attempts[29];
    const thirtyFirst = attempts[30];

    expect(thirtieth?.statusCode).toBe(404);
    expect(thirtyFirst?.statusCode).toBe(429);
    expect(thirtyFirst && errorOf(thirtyFirst).code).toBe("RATE_LIMITED");
    expect(
      thirtyFirst && errorOf(thirtyFirst).details?.retryAfterSeconds,
    ).toBeGreaterThan(0);
  });

  test("other tablets unaffected", async () => {
    for (let i = 0; i < 31; i++) {
      await postSignIn(hub, "E404", {
        tablet: "tablet-rate",
        pin: WRONG_PIN,
      });
    }

    const other = await postSignIn(hub, "E1", { tablet: "tablet-other" });

    expect(other.statusCode).toBe(200);
  });

  test("limited right PIN too", async () => {
    for (let i = 0; i < 30; i++) {
      await postSignIn(hub, "E404", {
        tablet: "tablet-rate",
        pin: WRONG_PIN,
      });
    }

    const response = await postSignIn(hub, "E1", { tablet: "tablet-rate" });

    expect(response.statusCode).toBe(429);
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(0);
  });
});

describe("lock during a PIN check", () => {
  // Parallel attempts all pass the lock check before any of their slow PIN
  // checks ends. The hub's real hasher is wrapped only to hold the right
  // PIN's check open while five wrong PINs lock the user.
  test("right PIN rejected after lock", async () => {
    const { hasher } = hub.context;
    const verify = hasher.verify.bind(hasher);
    const checking = deferred();
    const release = deferred();
    vi.spyOn(hasher, "verify").mockImplementation(async (hash, pin) => {
      const matches = await verify(hash, pin);
      if (pin === pinOf(hub, "E1")) {
        checking.resolve();
        await release.promise;
      }
      return matches;
    });

    const heldSignIn = postSignIn(hub, "E1", { tablet: "tablet-a2" });
    await checking.promise;
    const fifth = await failSignIns(5);
    release.resolve();
    const response = await heldSignIn;

    expect(errorOf(fifth).code).toBe("USER_LOCKED");
    expect(response.statusCode).toBe(423);
    expect(errorOf(response).code).toBe("USER_LOCKED");
    expect((await rosterUser(hub, "A", "E1"))?.failedAttempts).toBe(5);
  });
});

/** A promise with its resolve function, to hold a step until the test goes on. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
