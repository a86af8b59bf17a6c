import type {
  Expression,
  ExpressionBuilder,
  Kysely,
  Selectable,
  SqlBool,
} from "kysely";
import type { UserId } from "../../protocol";
import type { Database, OutboxTable } from "./schema";
import type { OutboxMessageInput, OutboxMessageRecord } from "./records";

/** A message one hub process holds a lease on while it sends it. */
export interface ClaimedMessage extends OutboxMessageRecord {
  readonly claimToken: string;
}

/** Delivery progress of one outbox message. */
export interface DeliveryState {
  readonly status: OutboxMessageRecord["status"];
  readonly attempts: number;
  /** Earliest time of the next attempt, in ms since the epoch. */
  readonly nextAttemptAt: number;
  /** End of the current claim's lease; null when no process is sending it. */
  readonly claimedUntil: number | null;
  /** Error of the last failed attempt, with the PIN replaced by `[PIN]`. */
  readonly lastError: string | null;
  /** Whether the sealed PIN is still stored. */
  readonly holdsPin: boolean;
}

/** A message that ran past its expiry before it was delivered. */
export interface ExpiredMessage {
  readonly id: string;
  readonly userId: UserId;
  readonly channel: OutboxMessageRecord["channel"];
  readonly attempts: number;
  readonly lastError: string | null;
}

/** A message that will not be delivered, as the control panel's alerts list it. */
export interface UndeliveredMessage {
  readonly id: string;
  readonly userId: UserId;
  readonly channel: OutboxMessageRecord["channel"];
  readonly status: "failed" | "expired";
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
}

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
        kind: message.kind,
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
   * NOTE: this writes no audit entry. The delivery worker expires the
   * messages it is responsible for through `expireDue` and audits each.
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

  /** Returns the delivery state of one message, or null when it is unknown. */
  async deliveryState(id: string): Promise<DeliveryState | null> {
    const row = await this.#db
      .selectFrom("outbox")
      .select([
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_until",
        "last_error",
        "ciphertext",
      ])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: Number(row.next_attempt_at),
      claimedUntil:
        row.claimed_until === null ? null : Number(row.claimed_until),
      lastError: row.last_error,
      holdsPin: row.ciphertext !== "",
    };
  }

  /**
   * Claims the pending message that has been due longest, for `leaseMs`,
   * and counts the attempt. One UPDATE statement both checks and takes the
   * lease, so two hub processes never claim the same message: the loser
   * matches no row. Returns null when nothing is due.
   */
  async claimNext(
    now: number,
    leaseMs: number,
    claimToken: string,
  ): Promise<ClaimedMessage | null> {
    const row = await this.#db
      .updateTable("outbox")
      .set((eb) => ({
        claimed_until: now + leaseMs,
        claim_token: claimToken,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", (eb) =>
        eb
          .selectFrom("outbox")
          .select("id")
          .where((inner) => claimable(inner, now))
          .orderBy("next_attempt_at")
          .orderBy("created_at")
          .limit(1),
      )
      .where((eb) => claimable(eb, now))
      .returningAll()
      .executeTakeFirst();
    return row ? { ...toMessage(row), claimToken } : null;
  }

  /**
   * Marks a claimed message delivered and drops its encrypted PIN. Returns
   * false when the lease was lost or the message was superseded meanwhile.
   */
  async markDelivered(claim: ClaimedMessage, now: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("outbox")
      .set({
        status: "delivered",
        ciphertext: "",
        delivered_at: now,
        last_error: null,
        claimed_until: null,
        claim_token: null,
      })
      .where((eb) => heldBy(eb, claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Releases a claimed message until `nextAttemptAt`, keeping its PIN. */
  async scheduleRetry(
    claim: ClaimedMessage,
    nextAttemptAt: number,
    error: string,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable("outbox")
      .set({
        next_attempt_at: nextAttemptAt,
        last_error: error,
        claimed_until: null,
        claim_token: null,
      })
      .where((eb) => heldBy(eb, claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Gives a claimed message up as `failed` or `expired` and drops its
   * encrypted PIN. Returns false when the lease was lost meanwhile.
   */
  async markUndeliverable(
    claim: ClaimedMessage,
    status: "failed" | "expired",
    error: string,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable("outbox")
      .set({
        status,
        ciphertext: "",
        last_error: error,
        claimed_until: null,
        claim_token: null,
      })
      .where((eb) => heldBy(eb, claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Marks pending messages past their expiry, and not leased by a process
   * sending them, as expired, drops their encrypted PIN and returns them.
   */
  async expireDue(now: number): Promise<ExpiredMessage[]> {
    const rows = await this.#db
      .updateTable("outbox")
      .set({ status: "expired", ciphertext: "", claim_token: null })
      .where("status", "=", "pending")
      .where("expires_at", "<=", now)
      .where((eb) =>
        eb.or([
          eb("claimed_until", "is", null),
          eb("claimed_until", "<=", now),
        ]),
      )
      .returning(["id", "user_id", "channel", "attempts", "last_error"])
      .execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id as UserId,
      channel: row.channel,
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }

  /**
   * Lists the failed and expired temporary PINs that are the newest
   * temporary PIN of their user, newest first. A newer PIN, from a new reset,
   * settles an older failure.
   * NOTE: failed password links and passkey notices are not listed, so no
   * alert reports them.
   */
  async listUndeliveredNewest(): Promise<UndeliveredMessage[]> {
    const rows = await this.#db
      .selectFrom("outbox as message")
      .select([
        "message.id",
        "message.user_id",
        "message.channel",
        "message.status",
        "message.attempts",
        "message.last_error",
        "message.created_at",
        "message.expires_at",
      ])
      .where("message.kind", "=", "temporary-pin")
      .where("message.status", "in", ["failed", "expired"])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("outbox as newer")
              .select("newer.id")
              .whereRef("newer.user_id", "=", "message.user_id")
              .where("newer.kind", "=", "temporary-pin")
              .whereRef("newer.created_at", ">", "message.created_at"),
          ),
        ),
      )
      .orderBy("message.created_at", "desc")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id as UserId,
      channel: row.channel,
      status: row.status === "failed" ? "failed" : "expired",
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
    }));
  }

  /**
   * Marks the user's undelivered temporary PINs `superseded` and drops their
   * sealed PIN, because a newer PIN, sent or set in person, replaced them.
   * Password links and passkey notices stay queued.
   */
  async supersedeTemporaryPins(userId: UserId): Promise<void> {
    await this.#db
      .updateTable("outbox")
      .set({ status: "superseded", ciphertext: "", claim_token: null })
      .where("user_id", "=", userId)
      .where("kind", "=", "temporary-pin")
      .where("status", "in", ["pending", "failed"])
      .execute();
  }
}

/** Pending, due, unexpired and not leased by another process. */
function claimable(
  eb: ExpressionBuilder<Database, "outbox">,
  now: number,
): Expression<SqlBool> {
  return eb.and([
    eb("status", "=", "pending"),
    eb("next_attempt_at", "<=", now),
    eb("expires_at", ">", now),
    eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<=", now)]),
  ]);
}

/** Still pending and still under the lease `claim` took. */
function heldBy(
  eb: ExpressionBuilder<Database, "outbox">,
  claim: ClaimedMessage,
): Expression<SqlBool> {
  return eb.and([
    eb("id", "=", claim.id),
    eb("claim_token", "=", claim.claimToken),
    eb("status", "=", "pending"),
  ]);
}

function toMessage(row: Selectable<OutboxTable>): OutboxMessageRecord {
  return {
    id: row.id,
    userId: row.user_id as UserId,
    channel: row.channel,
    recipient: row.recipient,
    kind: row.kind,
    ciphertext: row.ciphertext,
    expiresAt: Number(row.expires_at),
    status: row.status,
    attempts: row.attempts,
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}
