import type { Kysely, Selectable } from "kysely";
import type { StoreId, TabletId, UserId } from "../../protocol";
import type { Database, PinChoiceGrantTable } from "./schema";

/** A manager's approval for a user to choose their own PIN on one tablet. */
export interface PinChoiceGrantRecord {
  readonly grantHash: string;
  readonly userId: UserId;
  readonly approverId: UserId;
  readonly tabletId: TabletId;
  readonly storeId: StoreId;
  /** The user's credential version at approval. */
  readonly credentialVersion: number;
  readonly failedAttempts: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** When the grant was used or voided; null while it is open. */
  readonly usedAt: number | null;
}

/** PIN choice grants, stored by the SHA-256 of the grant. */
export class PinChoiceGrantRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(
    grant: Omit<PinChoiceGrantRecord, "failedAttempts" | "usedAt">,
  ): Promise<void> {
    await this.#db
      .insertInto("pin_choice_grants")
      .values({
        grant_hash: grant.grantHash,
        user_id: grant.userId,
        approver_id: grant.approverId,
        tablet_id: grant.tabletId,
        store_id: grant.storeId,
        credential_version: grant.credentialVersion,
        created_at: grant.createdAt,
        expires_at: grant.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async get(grantHash: string): Promise<PinChoiceGrantRecord | null> {
    const row = await this.#db
      .selectFrom("pin_choice_grants")
      .selectAll()
      .where("grant_hash", "=", grantHash)
      .executeTakeFirst();
    return row ? toGrant(row) : null;
  }

  /**
   * Marks an open, unexpired grant as used. Returns false when it was used,
   * voided or expired meanwhile, so two requests cannot both use it.
   */
  async consume(grantHash: string, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("pin_choice_grants")
      .set({ used_at: now })
      .where("grant_hash", "=", grantHash)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Voids every open grant of a user; returns how many there were. */
  async voidOpenOfUser(userId: UserId, now: number): Promise<number> {
    const result = await this.#db
      .updateTable("pin_choice_grants")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Counts a PIN rejected under a grant, and voids the grant once
   * `maxFailures` PINs were rejected. Returns the new count.
   */
  async recordFailure(
    grantHash: string,
    maxFailures: number,
    now: number,
  ): Promise<number> {
    const row = await this.#db
      .updateTable("pin_choice_grants")
      .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
      .where("grant_hash", "=", grantHash)
      .returning("failed_attempts")
      .executeTakeFirst();
    const failures = row?.failed_attempts ?? 0;
    if (failures >= maxFailures) {
      await this.#db
        .updateTable("pin_choice_grants")
        .set({ used_at: now })
        .where("grant_hash", "=", grantHash)
        .where("used_at", "is", null)
        .execute();
    }
    return failures;
  }

  /** Deletes grants that expired before `before`; returns how many. */
  async deleteExpired(before: number): Promise<number> {
    const result = await this.#db
      .deleteFrom("pin_choice_grants")
      .where("expires_at", "<", before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toGrant(row: Selectable<PinChoiceGrantTable>): PinChoiceGrantRecord {
  return {
    grantHash: row.grant_hash,
    userId: row.user_id as UserId,
    approverId: row.approver_id as UserId,
    tabletId: row.tablet_id as TabletId,
    storeId: row.store_id as StoreId,
    credentialVersion: Number(row.credential_version),
    failedAttempts: Number(row.failed_attempts),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
  };
}
