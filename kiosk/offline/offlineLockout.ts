import {
  isLocked,
  lockAfterFailure,
  type KioskUser,
  type LockoutSettings,
} from "../../protocol";
import { KioskError } from "../net/KioskError";

/**
 * Returns the error that stops a locked user's sign-in at `now`, or
 * undefined when the user is not locked. Like the hub, the tablet checks
 * the lock before the PIN, so a locked user's PIN is not checked at all.
 */
export function lockErrorOf(
  user: KioskUser,
  now: number,
): KioskError | undefined {
  if (!isLocked(user.lock, now)) {
    return undefined;
  }
  const name = `${user.firstName} ${user.lastName}`;
  if (user.lock.kind === "timed") {
    return new KioskError({
      code: "USER_LOCKED",
      message: `${name} is locked until ${new Date(user.lock.until).toISOString()} after repeated wrong PINs.`,
      details: { lockedUntil: user.lock.until, failures: user.failedAttempts },
    });
  }
  return new KioskError({
    code: "USER_LOCKED_PERMANENT",
    message: `${name} is locked after ${user.failedAttempts} wrong PINs.`,
    details: { failures: user.failedAttempts },
  });
}

/**
 * Counts a wrong PIN typed offline against the cached user with the hub's
 * schedule. Returns the updated user and the error to show. The user's
 * `version` stays, so the hub's next copy, which counts the same failure
 * once it arrives, replaces this one.
 */
export function recordWrongPin(
  user: KioskUser,
  now: number,
  settings: LockoutSettings,
): { readonly user: KioskUser; readonly error: KioskError } {
  const failedAttempts = user.failedAttempts + 1;
  const lock = lockAfterFailure(failedAttempts, now, settings);
  const updated: KioskUser = { ...user, failedAttempts, lock };
  const lockError = lockErrorOf(updated, now);
  if (lockError !== undefined) {
    return { user: updated, error: lockError };
  }
  const attemptsBeforeLock = Math.max(
    settings.lockoutThreshold - failedAttempts,
    0,
  );
  return {
    user: updated,
    error: new KioskError({
      code: "PIN_INCORRECT",
      message: `The PIN is incorrect. ${attemptsBeforeLock} more wrong PINs lock the account.`,
      details: { attemptsBeforeLock, failures: failedAttempts },
    }),
  };
}
