import type { Kysely } from "kysely";
import type { UserId } from "../../protocol";
import type { Database } from "./schema";

/** A one-time code that lets a user set their control panel password. */
export interface PasswordCodeRecord {
  readonly codeHash: string;
  readonly userId: UserId;
  readonly createdBy: UserId | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

/** One-time password codes, stored by the SHA-256 of the code. */
export class PasswordCodeRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(code: Omit<PasswordCodeRecord, "usedAt">): Promise<void> {
    await this.#db
      .insertInto("password_codes")
      .values({
        code_hash: code.codeHash,
        user_id: code.userId,
        created_by: code.createdBy,
        created_at: code.createdAt,
        expires_at: code.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async get(codeHash: string): Promise<PasswordCodeRecord | null> {
    const row = await this.#db
      .selectFrom("password_codes")
      .selectAll()
      .where("code_hash", "=", codeHash)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      codeHash: row.code_hash,
      userId: row.user_id as UserId,
      createdBy: row.created_by as UserId | null,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    };
  }

  /**
   * Marks an unused code as used. Returns false when it was used already, so
   * two requests racing with one code cannot both succeed.
   */
  async markUsed(codeHash: string, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("password_codes")
      .set({ used_at: now })
      .where("code_hash", "=", codeHash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Voids every unused code of a user, when a newer one replaces them. */
  async voidUnused(userId: UserId, now: number): Promise<void> {
    await this.#db
      .updateTable("password_codes")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
  }

  /** Deletes codes that expired or were used before `before`. */
  async deleteOld(before: number): Promise<number> {
    const result = await this.#db
      .deleteFrom("password_codes")
      .where((eb) =>
        eb.or([eb("expires_at", "<", before), eb("used_at", "<", before)]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
