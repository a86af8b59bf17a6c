import { randomUUID } from "node:crypto";
import type { StoreId, UserId } from "../../protocol";
import {
  deliveryChannels,
  queueTemporaryPin,
  type DeliveryRoute,
} from "../delivery/queueTemporaryPin";
import { effectiveStoreIds } from "../domain/effectiveStoreIds";
import { recordUserChange } from "../domain/userChanges";
import { preparePin, storePin } from "../services/storePin";
import { generateRandomPin } from "../security/randomPin";
import { audit } from "../services/audit";
import type { HubContext } from "../services/hubContext";
import type { LogEntry } from "../storage/records";
import type { Storage } from "../storage/Storage";
import type { RosterImportPlan } from "./planRosterImport";

/** Length of the temporary PIN each new user receives. */
const NEW_USER_PIN_LENGTH = 6;

/** A user created by an import, with where their temporary PIN went. */
export interface CreatedUser {
  readonly userId: UserId;
  readonly employeeNumber: string;
  readonly name: string;
  readonly delivery: DeliveryRoute;
  /**
   * The temporary PIN, only for users with neither e-mail nor phone: the
   * person running the import hands it over in person.
   */
  readonly temporaryPin?: string;
}

export interface RosterImportResult {
  readonly created: readonly CreatedUser[];
  readonly updated: number;
  readonly deactivated: number;
  readonly unchanged: number;
}

/**
 * Applies an import plan in one transaction: creates users with a generated
 * temporary PIN queued for delivery, updates changed users, and deactivates
 * those the plan lists. Tablets of the stores concerned learn of each change.
 */
export async function applyRosterImport(
  context: HubContext,
  plan: RosterImportPlan,
  options: {
    actorId?: UserId | null;
    source: string;
    /**
     * Runs first inside the transaction, after the slow PIN hashing; a
     * throw rolls the import back. Lets a caller check that the plan still
     * matches the data it is about to change.
     */
    checkBeforeWrite?: (tx: Storage) => Promise<void>;
  },
): Promise<RosterImportResult> {
  const settings = await context.storage.org.getSettings();
  const pinLength = Math.max(settings.pinMinLength, NEW_USER_PIN_LENGTH);
  const expiresAt = context.now() + settings.temporaryPinTtlHours * 3_600_000;

  // argon2 is slow on purpose: hash before the transaction holds the write lock.
  // NOTE: the offline verifier costs 64 MiB and 3 passes a user, so a roster
  // of thousands takes minutes; argon2 runs on libuv's 4 worker threads.
  const prepared = await Promise.all(
    plan.create.map(async (row) => {
      const pin = generateRandomPin(pinLength, row.employeeNumber);
      const id = randomUUID() as UserId;
      return { row, pin, id, material: await preparePin(context, id, pin) };
    }),
  );

  const now = context.now();
  const { result, entries } = await context.storage.transaction(async (tx) => {
    await options.checkBeforeWrite?.(tx);
    const entries: LogEntry[] = [];
    const created: CreatedUser[] = [];

    for (const { row, pin, id, material } of prepared) {
      await tx.users.create(
        {
          id,
          employeeNumber: row.employeeNumber,
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          phone: row.phone,
          roleId: row.roleId,
          orgWide: false,
          storeIds: row.storeIds,
          groupIds: [],
        },
        now,
      );
      await storePin(tx, material, { temporary: true, expiresAt, now });
      const user = await tx.users.get(id);
      if (!user) {
        throw new Error(`user ${id} was not created`);
      }
      const delivery = await queueTemporaryPin(tx, context.secretBox, {
        user,
        pin,
        expiresAt,
        now,
        channels: deliveryChannels(context.config.delivery),
      });
      entries.push(
        ...(await recordUserChange(tx, user, now, {
          actorId: options.actorId ?? null,
        })),
      );
      created.push({
        userId: id,
        employeeNumber: row.employeeNumber,
        name: `${row.firstName} ${row.lastName}`,
        delivery,
        ...(delivery === "in-person" && { temporaryPin: pin }),
      });
    }

    for (const { userId, row } of plan.update) {
      const before = await tx.users.get(userId);
      const previousStoreIds: StoreId[] = before
        ? await effectiveStoreIds(tx, before)
        : [];
      const user = await tx.users.update(
        userId,
        {
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          phone: row.phone,
          roleId: row.roleId,
          storeIds: row.storeIds,
          status: "active",
        },
        now,
      );
      entries.push(
        ...(await recordUserChange(tx, user, now, {
          previousStoreIds,
          actorId: options.actorId ?? null,
        })),
      );
    }

    for (const { userId } of plan.deactivate) {
      const user = await tx.users.update(
        userId,
        { status: "deactivated" },
        now,
      );
      await tx.sessions.deleteAllOfUser(userId);
      entries.push(
        ...(await recordUserChange(tx, user, now, {
          actorId: options.actorId ?? null,
        })),
      );
    }

    const result: RosterImportResult = {
      created,
      updated: plan.update.length,
      deactivated: plan.deactivate.length,
      unchanged: plan.unchanged,
    };
    entries.push(
      await audit(
        tx,
        {
          kind: "roster.import",
          outcome: "success",
          actorId: options.actorId ?? null,
          details: {
            source: options.source,
            created: created.length,
            updated: result.updated,
            deactivated: result.deactivated,
            unchanged: result.unchanged,
          },
        },
        now,
      ),
    );
    return { result, entries };
  });
  context.changes.publish(entries);
  context.logger.info(
    {
      created: result.created.length,
      updated: result.updated,
      deactivated: result.deactivated,
    },
    "roster imported",
  );
  return result;
}
