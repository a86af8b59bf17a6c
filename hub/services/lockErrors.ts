import { type LockState, type OrgSettings } from "../../protocol";
import type { UserRecord } from "../storage/records";
import { HubError } from "./hubError";

/** Returns the error for a user whose lock stops sign-in. */
export function lockedError(
  user: UserRecord,
  lock: LockState,
  failures: number,
): HubError {
  const name = `${user.firstName} ${user.lastName}`;
  if (lock.kind === "timed") {
    return new HubError(
      "USER_LOCKED",
      { name, until: new Date(lock.until).toISOString() },
      { details: { lockedUntil: lock.until, failures } },
    );
  }
  return new HubError(
    "USER_LOCKED_PERMANENT",
    { name, failures },
    { details: { failures } },
  );
}

/** Returns the error for a wrong PIN, given the lock that followed it. */
export function wrongPinError(
  user: UserRecord,
  outcome: { failures: number; lock: LockState },
  settings: OrgSettings,
): HubError {
  if (outcome.lock.kind !== "none") {
    return lockedError(user, outcome.lock, outcome.failures);
  }
  const attemptsBeforeLock = Math.max(
    settings.lockoutThreshold - outcome.failures,
    0,
  );
  return new HubError(
    "PIN_INCORRECT",
    { attemptsBeforeLock },
    { details: { attemptsBeforeLock, failures: outcome.failures } },
  );
}
