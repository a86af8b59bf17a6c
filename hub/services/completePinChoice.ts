import {
  decideScope,
  type KioskUser,
  type PinChoiceCompleteRequest,
  type StoreId,
  type TabletId,
  type UserId,
} from "../../protocol";
import { resolveUser, toScopeActor, toScopeTarget } from "../domain/actorScope";
import { loadKioskUser } from "../domain/kioskUserView";
import { recordUserChange } from "../domain/userChanges";
import { NO_LOCKOUT } from "../storage/credentialRepository";
import type { PinChoiceGrantRecord } from "../storage/pinChoiceGrantRepository";
import type { LogEntry } from "../storage/records";
import type { Storage } from "../storage/Storage";
import { hashPinChoiceGrant } from "./approvePinChoice";
import { audit } from "./audit";
import { assertPinAcceptable } from "./choosePin";
import type { HubContext } from "./hubContext";
import { HubError } from "./hubError";
import { preparePin, storePin } from "./storePin";

/**
 * Rejected PINs after which a grant is voided, so a manager must approve
 * again.
 */
export const PIN_CHOICE_MAX_FAILURES = 5;

/** The audited mode of a reset in which the user chose the PIN. */
const MODE = "employee-chose";

/** The enrolled tablet a completion comes from, as its token proves it. */
export interface PinChoiceTablet {
  readonly id: TabletId;
  readonly storeId: StoreId;
}

/**
 * Makes the PIN the user typed on the approving tablet their own PIN at
 * once, under a manager's grant: the grant must be open, unexpired, for this
 * user and from this tablet. The PIN policy and the PIN history apply, the
 * lock is cleared, the user's sessions end and the tablets of the user's
 * stores receive the change. Audited as a `pin.reset` with mode
 * `employee-chose`, with the approver as actor and without the PIN.
 */
export async function completePinChoice(
  context: HubContext,
  tablet: PinChoiceTablet,
  targetId: UserId,
  request: PinChoiceCompleteRequest,
): Promise<KioskUser> {
  const { storage } = context;
  const grantHash = hashPinChoiceGrant(request.grant);
  const grant = await storage.pinChoiceGrants.get(grantHash);
  const reject = async (
    error: HubError,
    details: Record<string, unknown> = {},
  ): Promise<never> => {
    await audit(
      storage,
      {
        kind: "pin.reset",
        outcome: "failure",
        actorId: grant?.approverId ?? null,
        targetId: grant?.userId === targetId ? targetId : null,
        tabletId: tablet.id,
        storeIds: [tablet.storeId],
        reason: error.code,
        details: { mode: MODE, ...details },
      },
      context.now(),
    );
    context.logger.warn(
      { tabletId: tablet.id, targetId, code: error.code },
      "pin choice refused",
    );
    throw error;
  };

  // An unknown grant and another user's grant look alike to the caller.
  if (grant === null || grant.userId !== targetId) {
    return reject(new HubError("PIN_CHOICE_GRANT_INVALID"));
  }
  if (grant.tabletId !== tablet.id) {
    return reject(new HubError("PIN_CHOICE_GRANT_OTHER_TABLET"), {
      approvingTabletId: grant.tabletId,
    });
  }
  if (grant.usedAt !== null) {
    return reject(new HubError("PIN_CHOICE_GRANT_USED"));
  }
  const now = context.now();
  if (grant.expiresAt <= now) {
    return reject(
      new HubError("PIN_CHOICE_GRANT_EXPIRED", {
        expiredAt: new Date(grant.expiresAt).toISOString(),
      }),
    );
  }
  const rejection = await checkStillAllowed(storage, grant, tablet);
  if (rejection !== null) {
    return reject(rejection);
  }
  const user = await storage.users.get(targetId);
  if (user === null) {
    return reject(new HubError("USER_NOT_FOUND", { user: targetId }));
  }

  try {
    await assertPinAcceptable(context, user, request.pin);
  } catch (error) {
    if (error instanceof HubError) {
      const failures = await storage.pinChoiceGrants.recordFailure(
        grantHash,
        PIN_CHOICE_MAX_FAILURES,
        context.now(),
      );
      return reject(error, { ...error.details, failures });
    }
    throw error;
  }

  const material = await preparePin(context, targetId, request.pin);
  const completedAt = context.now();
  let entries: LogEntry[];
  try {
    entries = await storage.transaction(async (tx) => {
      // Checked again inside the transaction: a second request with the
      // same grant, or a reset meanwhile, must not get through.
      if (!(await tx.pinChoiceGrants.consume(grantHash, completedAt))) {
        throw new HubError("PIN_CHOICE_GRANT_USED");
      }
      const credential = await tx.credentials.getPin(targetId);
      if ((credential?.version ?? 0) !== grant.credentialVersion) {
        throw supersededError("the PIN was set again after the approval");
      }
      await storePin(tx, material, {
        temporary: false,
        expiresAt: null,
        now: completedAt,
      });
      await tx.credentials.saveLockout(targetId, NO_LOCKOUT);
      await tx.sessions.deleteAllOfUser(targetId);
      await tx.pinChoiceGrants.voidOpenOfUser(targetId, completedAt);
      const touched = await tx.users.touch(targetId, completedAt);
      return [
        await audit(
          tx,
          {
            kind: "pin.reset",
            outcome: "success",
            actorId: grant.approverId,
            targetId,
            tabletId: tablet.id,
            storeIds: [tablet.storeId],
            details: { mode: MODE, approvedAt: grant.createdAt },
          },
          completedAt,
        ),
        ...(await recordUserChange(tx, touched, completedAt, {
          actorId: grant.approverId,
        })),
      ];
    });
  } catch (error) {
    if (error instanceof HubError) {
      return reject(error);
    }
    throw error;
  }
  context.changes.publish(entries);
  context.logger.info(
    { approverId: grant.approverId, targetId, tabletId: tablet.id },
    "pin chosen by the user",
  );
  const updated = await storage.users.get(targetId);
  if (updated === null) {
    throw new Error(`user ${targetId} vanished after choosing a PIN`);
  }
  return loadKioskUser(storage, updated);
}

/**
 * Checks, at completion, what the approval checked: the target is still an
 * active user of the tablet's store, and the approver still may reset their
 * PIN. A role or membership may change in the minutes between. Returns the
 * error to reject with, or null.
 */
async function checkStillAllowed(
  storage: Storage,
  grant: PinChoiceGrantRecord,
  tablet: PinChoiceTablet,
): Promise<HubError | null> {
  const user = await storage.users.get(grant.userId);
  const target = user ? await resolveUser(storage, user) : null;
  if (!user || !target || !target.storeIds.includes(tablet.storeId)) {
    return new HubError("USER_NOT_FOUND", { user: grant.userId });
  }
  if (user.status !== "active") {
    return new HubError("USER_INACTIVE", {
      name: `${user.firstName} ${user.lastName}`,
    });
  }
  const approverUser = await storage.users.get(grant.approverId);
  if (!approverUser || approverUser.status !== "active") {
    return supersededError("the approving manager was deactivated");
  }
  const approver = await resolveUser(storage, approverUser);
  const decision = decideScope(
    toScopeActor(approver),
    toScopeTarget(target),
    "pin.reset",
  );
  if (!decision.allowed) {
    return supersededError(
      "the approving manager may no longer reset this PIN",
    );
  }
  return null;
}

function supersededError(reason: string): HubError {
  return new HubError(
    "CONFLICT_SUPERSEDED",
    { reason },
    {
      details: { reason },
    },
  );
}
