import type { UserId } from "../../protocol";
import type { UserRecord } from "../storage/records";
import type { HubContext } from "../services/hubContext";
import type { PinHasher } from "../security/pinHasher";

/**
 * Consecutive wrong control panel passwords, at sign-in or as fresh proof,
 * after which password sign-in locks. A right password resets the count.
 */
export const PASSWORD_FAILURES_BEFORE_LOCK = 10;

/**
 * How long password sign-in stays locked once the count is reached. Every
 * further wrong password while the count stays at or above the limit locks
 * it again for as long, so an attacker gets at most one guess per period.
 */
export const PASSWORD_LOCK_MS = 15 * 60_000;

/** The outcome of checking a user's control panel password. */
export type PasswordCheck =
  | { readonly outcome: "right" }
  | {
      readonly outcome: "wrong";
      readonly failures: number;
      /** End of the lock this wrong password started, if it started one. */
      readonly lockedUntil: number | null;
    }
  | { readonly outcome: "missing" }
  | {
      readonly outcome: "locked";
      readonly until: number;
      readonly failures: number;
    };

// TODO: new passwords are checked for length only, not against a list of
// common or breached passwords.

/**
 * Hashes a control panel password with the hub's argon2id hasher, at the
 * same cost as PINs (19 MiB, 2 passes, 1 lane) and with the same pepper.
 */
export async function hashAdminPassword(
  context: HubContext,
  password: string,
): Promise<string> {
  return context.hasher.hash(password);
}

/**
 * Checks `password` against the user's stored password and counts a wrong
 * one. A locked user is rejected before the password is checked, so guessing
 * stops. Nothing about the password is logged.
 */
export async function checkAdminPassword(
  context: HubContext,
  user: UserRecord,
  password: string,
): Promise<PasswordCheck> {
  const now = context.now();
  const credential = await context.storage.adminPasswords.get(user.id);
  if (!credential) {
    // Spend the same time as a real check, so the response time does not
    // tell whether the user has a password.
    await verifyAgainstDummy(context.hasher, password);
    return { outcome: "missing" };
  }
  if (credential.lockedUntil !== null && credential.lockedUntil > now) {
    return {
      outcome: "locked",
      until: credential.lockedUntil,
      failures: credential.failures,
    };
  }
  if (await context.hasher.verify(credential.hash, password)) {
    if (credential.failures > 0 || credential.lockedUntil !== null) {
      await context.storage.adminPasswords.clearFailures(user.id);
    }
    return { outcome: "right" };
  }
  return { outcome: "wrong", ...(await countFailure(context, user.id, now)) };
}

/** Spends the time of a password check for a user who does not exist. */
export async function verifyAgainstDummy(
  hasher: PinHasher,
  password: string,
): Promise<void> {
  await hasher.verify(await dummyHash(hasher), password);
}

/** Stores a new password for a user, clearing any count of wrong ones. */
export async function storeAdminPassword(
  context: HubContext,
  userId: UserId,
  password: string,
): Promise<void> {
  const hash = await hashAdminPassword(context, password);
  await context.storage.adminPasswords.set(userId, hash, context.now());
}

async function countFailure(
  context: HubContext,
  userId: UserId,
  now: number,
): Promise<{ failures: number; lockedUntil: number | null }> {
  const failures =
    (await context.storage.adminPasswords.countFailure(userId, now)) ?? 0;
  if (failures < PASSWORD_FAILURES_BEFORE_LOCK) {
    return { failures, lockedUntil: null };
  }
  const lockedUntil = now + PASSWORD_LOCK_MS;
  await context.storage.adminPasswords.lock(userId, lockedUntil);
  context.logger.warn(
    { userId, failures },
    "control panel password sign-in locked after repeated wrong passwords",
  );
  return { failures, lockedUntil };
}

const dummyHashes = new WeakMap<PinHasher, Promise<string>>();

function dummyHash(hasher: PinHasher): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) {
    hash = hasher.hash("no password is stored for this user");
    dummyHashes.set(hasher, hash);
  }
  return hash;
}
