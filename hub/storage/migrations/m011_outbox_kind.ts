import type { Kysely, Migration } from "kysely";

/**
 * Stores what each outbox message carries (`temporary-pin`, `password-link`
 * or `passkey-notice`), because the sealed content that tells them apart is
 * dropped once a message is delivered or given up.
 * NOTE: messages queued before this migration all count as temporary PINs,
 * the only kind the hub queued at first.
 */
export const m011OutboxKind: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("outbox")
      .addColumn("kind", "text", (col) =>
        col.notNull().defaultTo("temporary-pin"),
      )
      .execute();
  },
};
