import {
  lockAfterFailure,
  type LockState,
  type StoreId,
  type TabletId,
} from "../../protocol";
import { recordUserChange } from "../domain/userChanges";
import type { UserRecord } from "../storage/records";
import type { HubContext } from "./hubContext";
import { audit } from "./audit";

export interface FailedPinOutcome {
  readonly failures: number;
  readonly lock: LockState;
}

/**
 * Counts a wrong PIN against `user` (a sign-in, a wrong current PIN, or a
 * wrong PIN given as proof), applies the lockout schedule, and tells the
 * user's tablets when the lock state changed. Runs in its own transaction so
 * that concurrent failures are all counted.
 */
export async function registerFailedPin(
  context: HubContext,
  user: UserRecord,
  attempt: { kind: string; tabletId: TabletId | null; storeId: StoreId | null },
): Promise<FailedPinOutcome> {
  const now = context.now();
  const { outcome, entries } = await context.storage.transaction(
    async (storage) => {
      const settings = await storage.org.getSettings();
      const previous = await storage.credentials.getLockout(user.id);
      const failures = previous.failures + 1;
      const lock = lockAfterFailure(failures, now, settings);
      await storage.credentials.saveLockout(user.id, {
        failures,
        lock,
        lastFailureAt: now,
        lastTabletId: attempt.tabletId,
      });
      const storeIds = attempt.storeId ? [attempt.storeId] : [];
      const logged = [
        await audit(
          storage,
          {
            kind: attempt.kind,
            outcome: "failure",
            actorId: user.id,
            targetId: user.id,
            tabletId: attempt.tabletId,
            storeIds,
            reason: "PIN_INCORRECT",
            details: { failures },
          },
          now,
        ),
      ];
      if (lock.kind !== "none") {
        logged.push(
          await audit(
            storage,
            {
              kind: "user.locked",
              outcome: "success",
              targetId: user.id,
              tabletId: attempt.tabletId,
              storeIds,
              reason: lock.kind,
              details: {
                failures,
                ...(lock.kind === "timed" && { lockedUntil: lock.until }),
              },
            },
            now,
          ),
        );
      }
      // Every failure changes the count that managers see, so tablets learn of it.
      const touched = await storage.users.touch(user.id, now);
      logged.push(...(await recordUserChange(storage, touched, now)));
      return { outcome: { failures, lock }, entries: logged };
    },
  );
  context.changes.publish(entries);
  if (outcome.lock.kind !== "none") {
    context.logger.warn(
      { userId: user.id, tabletId: attempt.tabletId, lock: outcome.lock.kind },
      "user locked after wrong PINs",
    );
  }
  return outcome;
}
