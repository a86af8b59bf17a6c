import type { Kysely, Selectable } from "kysely";
import type { UserId } from "../../protocol";
import type { Database, OutboxTable } from "./schema";
import type { OutboxMessageInput, OutboxMessageRecord } from "./records";

/** Messages waiting for delivery, each holding an encrypted temporary PIN. */
export class OutboxRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async enqueue(message: OutboxMessageInput, now: number): Promise<void> {
    await this.#db
      .insertInto("outbox")
      .values({
        id: message.id,
        user_id: message.userId,
        channel: message.channel,
        recipient: message.recipient,
        ciphertext: message.ciphertext,
        status: "pending",
        attempts: 0,
        created_at: now,
        expires_at: message.expiresAt,
        delivered_at: null,
        last_error: null,
      })
      .execute();
  }

  /** Lists messages, newest first. */
  async list(limit: number): Promise<OutboxMessageRecord[]> {
    const rows = await this.#db
      .selectFrom("outbox")
      .selectAll()
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  /**
   * Marks messages past their expiry as expired and drops their encrypted
   * PIN; returns how many expired.
   */
  async expire(now: number): Promise<number> {
    const result = await this.#db
      .updateTable("outbox")
      .set({ status: "expired", ciphertext: "" })
      .where("expires_at", "<", now)
      .where("status", "in", ["pending", "failed"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Supersedes the user's undelivered messages, e.g. after a newer reset. */
  async discardPendingOfUser(userId: UserId): Promise<void> {
    await this.#db
      .updateTable("outbox")
      .set({ status: "expired", ciphertext: "" })
      .where("user_id", "=", userId)
      .where("status", "in", ["pending", "failed"])
      .execute();
  }
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessageRecord {
  return {
    id: row.id,
    userId: row.user_id as UserId,
    channel: row.channel,
    recipient: row.recipient,
    ciphertext: row.ciphertext,
    expiresAt: Number(row.expires_at),
    status: row.status,
    attempts: row.attempts,
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}
