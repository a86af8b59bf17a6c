import type { Kysely, Selectable } from "kysely";
import type { UserId } from "../../protocol";
import type { AdminSessionTable, Database } from "./schema";

/** A control panel session, stored by the hashes of its tokens. */
export interface AdminSessionRecord {
  readonly tokenHash: string;
  readonly csrfHash: string;
  readonly userId: UserId;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly idleExpiresAt: number;
  readonly absoluteExpiresAt: number;
}

/** Control panel sessions. */
export class AdminSessionRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(session: AdminSessionRecord): Promise<void> {
    await this.#db
      .insertInto("admin_sessions")
      .values({
        token_hash: session.tokenHash,
        csrf_hash: session.csrfHash,
        user_id: session.userId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        idle_expires_at: session.idleExpiresAt,
        absolute_expires_at: session.absoluteExpiresAt,
      })
      .execute();
  }

  async get(tokenHash: string): Promise<AdminSessionRecord | null> {
    const row = await this.#db
      .selectFrom("admin_sessions")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Records a request on the session and moves its idle expiry. */
  async touch(
    tokenHash: string,
    lastSeenAt: number,
    idleExpiresAt: number,
  ): Promise<void> {
    await this.#db
      .updateTable("admin_sessions")
      .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
      .where("token_hash", "=", tokenHash)
      .execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.#db
      .deleteFrom("admin_sessions")
      .where("token_hash", "=", tokenHash)
      .execute();
  }

  /**
   * Ends every panel session of a user except the one of `keepTokenHash`;
   * returns how many ended.
   */
  async deleteAllOfUser(
    userId: UserId,
    keepTokenHash?: string,
  ): Promise<number> {
    let query = this.#db
      .deleteFrom("admin_sessions")
      .where("user_id", "=", userId);
    if (keepTokenHash !== undefined) {
      query = query.where("token_hash", "!=", keepTokenHash);
    }
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes sessions that ended, by idle or absolute expiry, before `now`. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.#db
      .deleteFrom("admin_sessions")
      .where((eb) =>
        eb.or([
          eb("idle_expires_at", "<", now),
          eb("absolute_expires_at", "<", now),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toRecord(row: Selectable<AdminSessionTable>): AdminSessionRecord {
  return {
    tokenHash: row.token_hash,
    csrfHash: row.csrf_hash,
    userId: row.user_id as UserId,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
  };
}
