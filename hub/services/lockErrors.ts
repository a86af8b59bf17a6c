import { isLocked, type LockState, type OrgSettings } from "../../protocol";
import type { UserRecord } from "../storage/records";
import { audit, type AuditEvent } from "./audit";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";

/**
 * Throws the lock error when `user` is locked now, after auditing the
 * refusal as `attempt`, so that a locked user's PIN is not checked at all.
 * Callers check before a PIN check and again after a right PIN, because
 * parallel requests all pass the first check before their PIN checks end.
 */
export async function refuseIfLocked(
  context: HubContext,
  user: UserRecord,
  attempt: Omit<AuditEvent, "outcome" | "reason">,
): Promise<void> {
  const lockout = await context.storage.credentials.getLockout(user.id);
  if (!isLocked(lockout.lock, context.now())) {
    return;
  }
  await audit(
    context.storage,
    { ...attempt, outcome: "failure", reason: "USER_LOCKED" },
    context.now(),
  );
  throw lockedError(user, lockout.lock, lockout.failures);
}

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
