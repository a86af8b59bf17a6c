import {
  isLocked,
  type SessionView,
  type SignInRequest,
  type StoreId,
  type TabletId,
} from "../../protocol";
import { NO_LOCKOUT } from "../storage/credentialRepository";
import { resolveUser } from "../domain/actorScope";
import { recordUserChange } from "../domain/userChanges";
import type { UserRecord } from "../storage/records";
import { audit } from "./audit";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import { lockedError, wrongPinError } from "./lockErrors";
import { registerFailedPin } from "./registerFailedPin";
import { openKioskSession } from "./kioskSessions";

/** Wrong PINs a tablet may see within the window before it pauses sign-in. */
export const TABLET_FAILURE_LIMIT = 20;

/** The window over which a tablet's wrong PINs are counted. */
export const TABLET_FAILURE_WINDOW_MS = 15 * 60_000;

/** The enrolled tablet a sign-in comes from, as its tablet token proved. */
export interface SignInTablet {
  readonly storeId: StoreId;
  readonly tabletId: TabletId;
}

/**
 * Signs a user in at an enrolled tablet with their PIN and opens a kiosk
 * session bound to that tablet. A temporary PIN opens a session that can
 * only replace it.
 */
export async function signIn(
  context: HubContext,
  tablet: SignInTablet,
  request: SignInRequest,
): Promise<SessionView> {
  const { storage } = context;
  const now = context.now();
  const store = await storage.org.getStore(tablet.storeId);
  const attemptAudit = {
    kind: "sign-in",
    tabletId: tablet.tabletId,
    storeIds: [tablet.storeId],
  };

  // The tablet's store must exist before anything else is looked up.
  if (!store) {
    throw new HubError("STORE_NOT_FOUND", { storeId: tablet.storeId });
  }

  // A tablet where many wrong PINs were typed lately pauses, whoever the
  // user: someone there may be locking colleagues out on purpose.
  const failures = await storage.log.countTabletFailures(
    tablet.tabletId,
    now - TABLET_FAILURE_WINDOW_MS,
  );
  if (failures >= TABLET_FAILURE_LIMIT) {
    await audit(
      storage,
      {
        ...attemptAudit,
        outcome: "failure",
        reason: "RATE_LIMITED",
        details: { failures },
      },
      now,
    );
    context.logger.warn(
      { tabletId: tablet.tabletId, failures },
      "tablet paused after wrong PINs",
    );
    const retryAfterSeconds = Math.ceil(TABLET_FAILURE_WINDOW_MS / 1000);
    throw new HubError(
      "RATE_LIMITED",
      { retryAfterSeconds },
      { details: { retryAfterSeconds } },
    );
  }

  // Unknown users and users of other stores get the same error.
  const user = await findUser(context, request);
  const resolved = user ? await resolveUser(storage, user) : null;
  if (!user || !resolved || !resolved.storeIds.includes(store.id)) {
    await audit(
      storage,
      { ...attemptAudit, outcome: "failure", reason: "USER_NOT_FOUND" },
      now,
    );
    throw new HubError("USER_NOT_FOUND", { user: describeIdentity(request) });
  }
  const name = `${user.firstName} ${user.lastName}`;

  // A deactivated user cannot sign in anywhere.
  if (user.status !== "active") {
    await audit(
      storage,
      {
        ...attemptAudit,
        targetId: user.id,
        outcome: "failure",
        reason: "USER_INACTIVE",
      },
      now,
    );
    throw new HubError("USER_INACTIVE", { name });
  }

  // A locked user is refused without checking the PIN, so guessing stops.
  const lockout = await storage.credentials.getLockout(user.id);
  if (isLocked(lockout.lock, now)) {
    await audit(
      storage,
      {
        ...attemptAudit,
        targetId: user.id,
        outcome: "failure",
        reason: "USER_LOCKED",
      },
      now,
    );
    throw lockedError(user, lockout.lock, lockout.failures);
  }

  // Without a PIN there is nothing to check.
  const credential = await storage.credentials.getPin(user.id);
  if (!credential) {
    await audit(
      storage,
      {
        ...attemptAudit,
        targetId: user.id,
        outcome: "failure",
        reason: "PIN_NOT_SET",
      },
      now,
    );
    throw new HubError("PIN_NOT_SET", { name });
  }

  // A wrong PIN counts towards the lockout.
  if (!(await context.hasher.verify(credential.hash, request.pin))) {
    const outcome = await registerFailedPin(context, user, {
      kind: "sign-in",
      tabletId: tablet.tabletId,
      storeId: store.id,
    });
    throw wrongPinError(user, outcome, await storage.org.getSettings());
  }

  // Parallel attempts all pass the lock check above before their slow PIN
  // checks end, so look again: a burst of guesses must not outrun the lock
  // that its wrong PINs set meanwhile.
  const current = await storage.credentials.getLockout(user.id);
  if (isLocked(current.lock, context.now())) {
    await audit(
      storage,
      {
        ...attemptAudit,
        targetId: user.id,
        outcome: "failure",
        reason: "USER_LOCKED",
      },
      now,
    );
    throw lockedError(user, current.lock, current.failures);
  }

  // An expired temporary PIN is refused only once the PIN itself proved right,
  // so the expiry reveals nothing to someone guessing.
  if (
    credential.temporary &&
    credential.expiresAt !== null &&
    credential.expiresAt <= now
  ) {
    await audit(
      storage,
      {
        ...attemptAudit,
        targetId: user.id,
        outcome: "failure",
        reason: "TEMPORARY_PIN_EXPIRED",
      },
      now,
    );
    throw new HubError(
      "TEMPORARY_PIN_EXPIRED",
      { expiredAt: new Date(credential.expiresAt).toISOString() },
      { details: { expiredAt: credential.expiresAt } },
    );
  }

  if (current.failures > 0) {
    await clearFailures(context, user);
  }
  const session = await openKioskSession(context, resolved, {
    storeId: store.id,
    tabletId: tablet.tabletId,
    mustChangePin: credential.temporary,
  });
  await audit(
    storage,
    {
      ...attemptAudit,
      actorId: user.id,
      targetId: user.id,
      outcome: "success",
      details: { temporaryPin: credential.temporary },
    },
    now,
  );
  context.logger.info(
    { userId: user.id, storeId: store.id, tabletId: tablet.tabletId },
    "kiosk sign-in",
  );
  return session;
}

async function findUser(
  context: HubContext,
  request: SignInRequest,
): Promise<UserRecord | null> {
  if ("userId" in request.identity) {
    return context.storage.users.get(request.identity.userId);
  }
  return context.storage.users.getByEmployeeNumber(
    request.identity.employeeNumber,
  );
}

function describeIdentity(request: SignInRequest): string {
  return "userId" in request.identity
    ? request.identity.userId
    : request.identity.employeeNumber;
}

/** Resets the failure count after a successful sign-in and updates the tablets. */
async function clearFailures(
  context: HubContext,
  user: UserRecord,
): Promise<void> {
  const now = context.now();
  const entries = await context.storage.transaction(async (storage) => {
    await storage.credentials.saveLockout(user.id, NO_LOCKOUT);
    const touched = await storage.users.touch(user.id, now);
    return recordUserChange(storage, touched, now);
  });
  context.changes.publish(entries);
}
