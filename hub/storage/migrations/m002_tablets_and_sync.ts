import type { Kysely, Migration } from "kysely";

/**
 * Adds enrolled tablets, enrollment codes, key challenges, the record of
 * applied tablet mutations, offline PIN verifiers, a credential version, and
 * an index of which stores may see each log entry.
 */
export const m002TabletsAndSync: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("pin_credentials")
      .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
      .execute();

    await db.schema
      .createTable("offline_verifiers")
      .addColumn("user_id", "text", (col) =>
        col.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("credential_version", "integer", (col) => col.notNull())
      .addColumn("sealed_verifier", "text", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("tablets")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("store_id", "text", (col) =>
        col.notNull().references("stores.id"),
      )
      .addColumn("label", "text", (col) => col.notNull())
      .addColumn("public_key_json", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("enrolled_by", "text")
      .addColumn("enrolled_at", "bigint", (col) => col.notNull())
      .addColumn("last_seen_at", "bigint")
      .addColumn("last_sync_at", "bigint")
      .addColumn("last_sync_seq", "bigint", (col) => col.notNull().defaultTo(0))
      .addColumn("revoked_at", "bigint")
      .execute();
    await db.schema
      .createIndex("tablets_store_idx")
      .on("tablets")
      .column("store_id")
      .execute();

    await db.schema
      .createTable("enrollment_codes")
      .addColumn("code_hash", "text", (col) => col.primaryKey())
      .addColumn("store_id", "text", (col) =>
        col.notNull().references("stores.id"),
      )
      .addColumn("created_by", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("redeemed_at", "bigint")
      .addColumn("tablet_id", "text")
      .execute();

    await db.schema
      .createTable("tablet_challenges")
      .addColumn("challenge", "text", (col) => col.primaryKey())
      .addColumn("tablet_id", "text", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("applied_mutations")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("tablet_id", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("reason", "text")
      .addColumn("message", "text")
      .addColumn("received_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("log_entry_stores")
      .addColumn("seq", "integer", (col) =>
        col.notNull().references("log_entries.seq").onDelete("cascade"),
      )
      .addColumn("store_id", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("log_entry_stores_pk", ["store_id", "seq"])
      .execute();
  },
};
