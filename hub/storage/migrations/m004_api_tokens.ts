import type { Kysely, Migration } from "kysely";

/** Adds the API tokens that head-office systems read the feed with. */
export const m004ApiTokens: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("token_hash", "text", (col) => col.notNull().unique())
      .addColumn("scopes_json", "text", (col) => col.notNull())
      .addColumn("store_ids_json", "text")
      .addColumn("created_by", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("revoked_at", "bigint")
      .addColumn("last_used_at", "bigint")
      .execute();
  },
};
