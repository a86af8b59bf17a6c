import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { LockoutRecord } from "../../hub/storage/records";
import { fixturePin, fixtureUserId } from "../support/e2eFixture";
import { openUserAccess } from "../support/e2eManager";
import {
  byTestId,
  chooseUser,
  clickTestId,
  hasTestId,
  openTablet,
  signIn,
  submitSignInPin,
  typePin,
  waitForTestId,
  waitForTestIdGone,
} from "../support/e2eTablet";
import { browserAvailable, launchBrowser } from "../support/launchBrowser";
import type { TestBrowser } from "../support/launchBrowser";
import { startTestHub, type TestHub } from "../support/startTestHub";

/** A PIN that no fixture user has. */
const WRONG_PIN = "246813";

const DAY_MS = 24 * 60 * 60 * 1000;

describe.skipIf(!browserAvailable())("lockout in the browser", () => {
  let hub: TestHub;
  let chromium: TestBrowser;
  /** How far the hub's clock runs ahead of the real one, in ms. */
  let clockOffsetMs = 0;

  beforeAll(async () => {
    hub = await startTestHub({ now: () => Date.now() + clockOffsetMs });
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await hub?.stop();
  });

  test("ten wrong PINs lock until unlocked", async () => {
    const userId = fixtureUserId(hub, "E2");
    const userPin = fixturePin(hub, "E2");
    const managerPin = fixturePin(hub, "E4");
    const readLockout = () =>
      hub.context.storage.credentials.getLockout(userId);
    /** Moves the hub's clock one second past the user's timed lock. */
    const passLock = async () => {
      const { lock } = await readLockout();
      if (lock.kind === "timed") {
        clockOffsetMs = lock.until - Date.now() + 1000;
      }
    };
    const { page: typing } = await openTablet(chromium.browser, hub, "A");
    const { page: watching } = await openTablet(chromium.browser, hub, "A");
    const badge = byTestId("lock-badge", "user-E2");
    await waitForTestId(watching, "user-E2");
    expect(await watching.$(badge)).toBeNull();

    // Failures 1 to 4 are counted but do not lock.
    await chooseUser(typing, "E2");
    for (let failure = 1; failure <= 4; failure += 1) {
      const result = await submitSignInPin(typing, WRONG_PIN);
      expect(result.errorCode).toBe("PIN_INCORRECT");
      expect(result.errorDetails?.attemptsBeforeLock).toBe(5 - failure);
    }
    await waitForTestId(typing, "sign-in-error");
    expect((await readLockout()).lock.kind).toBe("none");

    // The 5th locks for 30 s, and the other tablet shows it live.
    const fifth = await submitSignInPin(typing, WRONG_PIN);
    expect(fifth.errorCode).toBe("USER_LOCKED");
    expect(lockSeconds(await readLockout())).toBe(30);
    await watching.waitForSelector(badge, { visible: true });

    // During a lock even the right PIN is rejected, and nothing is counted.
    const rightDuringLock = await submitSignInPin(typing, userPin);
    expect(rightDuringLock.errorCode).toBe("USER_LOCKED");
    const wrongDuringLock = await submitSignInPin(typing, WRONG_PIN);
    expect(wrongDuringLock.errorCode).toBe("USER_LOCKED");
    expect((await readLockout()).failures).toBe(5);

    // Each further failure after a lock doubles it.
    const doubling = [
      { failure: 6, seconds: 60 },
      { failure: 7, seconds: 120 },
      { failure: 8, seconds: 240 },
      { failure: 9, seconds: 480 },
    ];
    for (const { failure, seconds } of doubling) {
      await passLock();
      const result = await submitSignInPin(typing, WRONG_PIN);
      expect(result.errorCode).toBe("USER_LOCKED");
      const lockout = await readLockout();
      expect(lockout.failures).toBe(failure);
      expect(lockSeconds(lockout)).toBe(seconds);
    }

    // The 10th locks until someone unlocks, however long one waits.
    await passLock();
    const tenth = await submitSignInPin(typing, WRONG_PIN);
    expect(tenth.errorCode).toBe("USER_LOCKED_PERMANENT");
    expect((await readLockout()).lock.kind).toBe("permanent");
    clockOffsetMs += DAY_MS;
    const nextDay = await submitSignInPin(typing, userPin);
    expect(nextDay.errorCode).toBe("USER_LOCKED_PERMANENT");
    expect(await hasTestId(typing, "home")).toBe(false);
    await watching.waitForSelector(badge, { visible: true });

    // A manager unlocks on the other tablet with their own PIN.
    await signIn(watching, "E4", managerPin);
    await waitForTestId(watching, "home");
    await openUserAccess(watching, "E2");
    await clickTestId(watching, "unlock-user");
    await typePin(watching, managerPin);
    await clickTestId(watching, "confirm-unlock");
    await waitForTestId(watching, "unlock-confirmation");
    const unlocked = await readLockout();
    expect(unlocked.lock.kind).toBe("none");
    expect(unlocked.failures).toBe(0);

    // The unlock reaches the first tablet live, and the user signs in.
    await waitForTestIdGone(typing, "sign-in-error");
    const signedIn = await submitSignInPin(typing, userPin);
    expect(signedIn.status).toBe(200);
    await waitForTestId(typing, "home");
  });
});

/** Returns the length of a timed lock in seconds, or undefined. */
function lockSeconds(lockout: LockoutRecord): number | undefined {
  if (lockout.lock.kind !== "timed" || lockout.lastFailureAt === null) {
    return undefined;
  }
  return (lockout.lock.until - lockout.lastFailureAt) / 1000;
}
