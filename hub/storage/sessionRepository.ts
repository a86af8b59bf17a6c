import type { Kysely } from "kysely";
import type { StoreId, TabletId, UserId } from "../../protocol";
import type { Database } from "./schema";
import type { KioskSessionRecord } from "./records";

/** Kiosk sessions, stored by the hash of their bearer token. */
export class SessionRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(session: KioskSessionRecord): Promise<void> {
    await this.#db
      .insertInto("kiosk_sessions")
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        store_id: session.storeId,
        tablet_id: session.tabletId,
        must_change_pin: session.mustChangePin ? 1 : 0,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async get(tokenHash: string): Promise<KioskSessionRecord | null> {
    const row = await this.#db
      .selectFrom("kiosk_sessions")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      tokenHash: row.token_hash,
      userId: row.user_id as UserId,
      storeId: row.store_id as StoreId,
      tabletId: row.tablet_id as TabletId,
      mustChangePin: row.must_change_pin === 1,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  async update(
    tokenHash: string,
    patch: { expiresAt?: number; mustChangePin?: boolean },
  ): Promise<void> {
    await this.#db
      .updateTable("kiosk_sessions")
      .set({
        ...(patch.expiresAt !== undefined && { expires_at: patch.expiresAt }),
        ...(patch.mustChangePin !== undefined && {
          must_change_pin: patch.mustChangePin ? 1 : 0,
        }),
      })
      .where("token_hash", "=", tokenHash)
      .execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.#db
      .deleteFrom("kiosk_sessions")
      .where("token_hash", "=", tokenHash)
      .execute();
  }

  /** Ends every session of a user; returns how many there were. */
  async deleteAllOfUser(userId: UserId): Promise<number> {
    const result = await this.#db
      .deleteFrom("kiosk_sessions")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes sessions that ended before `now`. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.#db
      .deleteFrom("kiosk_sessions")
      .where("expires_at", "<", now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
