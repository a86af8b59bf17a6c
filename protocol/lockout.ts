import type { OrgSettings } from "./settings";

/** Lock state of a user, as both hub and tablet compute it. */
export type LockState =
  | { readonly kind: "none" }
  | { readonly kind: "timed"; readonly until: number }
  | { readonly kind: "permanent" };

export type LockoutSettings = Pick<
  OrgSettings,
  "lockoutThreshold" | "lockoutBaseSeconds" | "lockoutPermanentAt"
>;

/**
 * Returns the lock that follows a failed attempt, given the number of
 * consecutive failures including this one and the time of the failure in
 * milliseconds since the epoch.
 *
 * The threshold-th failure locks for the base time, each further failure
 * doubles it, and the `lockoutPermanentAt`-th failure locks until someone
 * unlocks the user. With the defaults: failures 1–4 nothing, 5 → 30 s,
 * 6 → 60 s, 7 → 120 s, 8 → 240 s, 9 → 480 s, 10 → permanent.
 */
export function lockAfterFailure(
  consecutiveFailures: number,
  failedAt: number,
  settings: LockoutSettings,
): LockState {
  if (consecutiveFailures >= settings.lockoutPermanentAt) {
    return { kind: "permanent" };
  }
  if (consecutiveFailures < settings.lockoutThreshold) {
    return { kind: "none" };
  }
  const doublings = consecutiveFailures - settings.lockoutThreshold;
  const lockMs = settings.lockoutBaseSeconds * 1000 * 2 ** doublings;
  return { kind: "timed", until: failedAt + lockMs };
}

/** Whether a lock still stops sign-in at `now` (milliseconds since the epoch). */
export function isLocked(lock: LockState, now: number): boolean {
  switch (lock.kind) {
    case "none":
      return false;
    case "timed":
      return now < lock.until;
    case "permanent":
      return true;
  }
}
