import type { Kysely } from "kysely";
import type { UserId } from "../../protocol";
import type { Database } from "./schema";

/** A user's control panel password credential and its failure count. */
export interface AdminPasswordRecord {
  readonly userId: UserId;
  /** argon2id PHC string; never leaves the hub. */
  readonly hash: string;
  readonly setAt: number;
  readonly failures: number;
  readonly lockedUntil: number | null;
  readonly lastFailureAt: number | null;
}

/** Control panel passwords, stored as argon2id hashes. */
export class AdminPasswordRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async get(userId: UserId): Promise<AdminPasswordRecord | null> {
    const row = await this.#db
      .selectFrom("admin_passwords")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      userId: row.user_id as UserId,
      hash: row.hash,
      setAt: row.set_at,
      failures: row.failures,
      lockedUntil: row.locked_until,
      lastFailureAt: row.last_failure_at,
    };
  }

  /** Stores a new password hash and clears the failure count and lock. */
  async set(userId: UserId, hash: string, now: number): Promise<void> {
    await this.#db
      .insertInto("admin_passwords")
      .values({
        user_id: userId,
        hash,
        set_at: now,
        failures: 0,
        locked_until: null,
        last_failure_at: null,
      })
      .onConflict((conflict) =>
        conflict.column("user_id").doUpdateSet({
          hash,
          set_at: now,
          failures: 0,
          locked_until: null,
          last_failure_at: null,
        }),
      )
      .execute();
  }

  /**
   * Counts one more wrong password in a single statement, so concurrent
   * guesses cannot lose a count. Returns the new count, or null when the
   * user has no password.
   */
  async countFailure(userId: UserId, now: number): Promise<number | null> {
    const row = await this.#db
      .updateTable("admin_passwords")
      .set((eb) => ({
        failures: eb("failures", "+", 1),
        last_failure_at: now,
      }))
      .where("user_id", "=", userId)
      .returning("failures")
      .executeTakeFirst();
    return row ? row.failures : null;
  }

  /** Rejects password sign-in for the user until `lockedUntil`. */
  async lock(userId: UserId, lockedUntil: number): Promise<void> {
    await this.#db
      .updateTable("admin_passwords")
      .set({ locked_until: lockedUntil })
      .where("user_id", "=", userId)
      .execute();
  }

  /** Clears the failure count and lock after a right password. */
  async clearFailures(userId: UserId): Promise<void> {
    await this.#db
      .updateTable("admin_passwords")
      .set({ failures: 0, locked_until: null })
      .where("user_id", "=", userId)
      .execute();
  }
}
