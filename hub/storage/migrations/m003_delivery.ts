import type { Kysely, Migration } from "kysely";

/**
 * Adds what the delivery worker needs on the outbox: when a message is due
 * for its next attempt, and the lease (`claimed_until`, `claim_token`) that
 * lets one hub process send it while others skip it.
 */
export const m003Delivery: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // 0 makes messages queued before this migration due at once.
    await db.schema
      .alterTable("outbox")
      .addColumn("next_attempt_at", "bigint", (col) =>
        col.notNull().defaultTo(0),
      )
      .execute();
    await db.schema
      .alterTable("outbox")
      .addColumn("claimed_until", "bigint")
      .execute();
    await db.schema
      .alterTable("outbox")
      .addColumn("claim_token", "text")
      .execute();
    await db.schema
      .createIndex("outbox_due_idx")
      .on("outbox")
      .columns(["status", "next_attempt_at"])
      .execute();
  },
};
