import type { Kysely, Migration } from "kysely";

/**
 * Adds the grants a manager's approval issues so that an employee chooses
 * their own PIN on the approving tablet. A grant is stored only as its
 * SHA-256.
 */
export const m007PinChoiceGrants: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("pin_choice_grants")
      .addColumn("grant_hash", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("approver_id", "text", (col) => col.notNull())
      .addColumn("tablet_id", "text", (col) => col.notNull())
      .addColumn("store_id", "text", (col) => col.notNull())
      .addColumn("credential_version", "integer", (col) => col.notNull())
      .addColumn("failed_attempts", "integer", (col) =>
        col.notNull().defaultTo(0),
      )
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema
      .createIndex("pin_choice_grants_user_idx")
      .on("pin_choice_grants")
      .column("user_id")
      .execute();
  },
};
