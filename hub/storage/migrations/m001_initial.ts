import { sql, type Kysely, type Migration } from "kysely";

/** Creates the tables of the first release. */
export const m001Initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("organisation")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("settings_json", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("stores")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("code", "text", (col) => col.notNull().unique())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("time_zone", "text", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("store_groups")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull().unique())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("store_group_stores")
      .addColumn("group_id", "text", (col) =>
        col.notNull().references("store_groups.id").onDelete("cascade"),
      )
      .addColumn("store_id", "text", (col) =>
        col.notNull().references("stores.id").onDelete("cascade"),
      )
      .addPrimaryKeyConstraint("store_group_stores_pk", [
        "group_id",
        "store_id",
      ])
      .execute();

    await db.schema
      .createTable("roles")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("name", "text", (col) => col.notNull().unique())
      .addColumn("level", "integer", (col) => col.notNull())
      .addColumn("permissions_json", "text", (col) => col.notNull())
      .addColumn("built_in", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("employee_number", "text", (col) => col.notNull())
      .addColumn("employee_number_key", "text", (col) => col.notNull().unique())
      .addColumn("first_name", "text", (col) => col.notNull())
      .addColumn("last_name", "text", (col) => col.notNull())
      .addColumn("email", "text")
      .addColumn("phone", "text")
      .addColumn("role_id", "text", (col) =>
        col.notNull().references("roles.id"),
      )
      .addColumn("org_wide", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("version", "integer", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("updated_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("user_stores")
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("store_id", "text", (col) =>
        col.notNull().references("stores.id").onDelete("cascade"),
      )
      .addPrimaryKeyConstraint("user_stores_pk", ["user_id", "store_id"])
      .execute();
    await db.schema
      .createIndex("user_stores_store_idx")
      .on("user_stores")
      .column("store_id")
      .execute();

    await db.schema
      .createTable("user_groups")
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("group_id", "text", (col) =>
        col.notNull().references("store_groups.id").onDelete("cascade"),
      )
      .addPrimaryKeyConstraint("user_groups_pk", ["user_id", "group_id"])
      .execute();

    await db.schema
      .createTable("pin_credentials")
      .addColumn("user_id", "text", (col) =>
        col.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("hash", "text", (col) => col.notNull())
      .addColumn("temporary", "integer", (col) => col.notNull())
      .addColumn("expires_at", "bigint")
      .addColumn("set_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("pin_history")
      .addColumn("id", "integer", (col) => col.primaryKey().autoIncrement())
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("hash", "text", (col) => col.notNull())
      .addColumn("set_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("pin_history_user_idx")
      .on("pin_history")
      .columns(["user_id", "set_at"])
      .execute();

    await db.schema
      .createTable("lockouts")
      .addColumn("user_id", "text", (col) =>
        col.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("failures", "integer", (col) => col.notNull())
      .addColumn("lock_kind", "text", (col) => col.notNull())
      .addColumn("locked_until", "bigint")
      .addColumn("last_failure_at", "bigint")
      .addColumn("last_tablet_id", "text")
      .execute();

    await db.schema
      .createTable("kiosk_sessions")
      .addColumn("token_hash", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("store_id", "text", (col) => col.notNull())
      .addColumn("tablet_id", "text", (col) => col.notNull())
      .addColumn("must_change_pin", "integer", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("kiosk_sessions_user_idx")
      .on("kiosk_sessions")
      .column("user_id")
      .execute();

    await db.schema
      .createTable("log_entries")
      .addColumn("seq", "integer", (col) => col.primaryKey().autoIncrement())
      .addColumn("at", "bigint", (col) => col.notNull())
      .addColumn("category", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("actor_id", "text")
      .addColumn("target_id", "text")
      .addColumn("tablet_id", "text")
      .addColumn("store_ids_json", "text", (col) => col.notNull())
      .addColumn("outcome", "text")
      .addColumn("reason", "text")
      .addColumn("payload_json", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("log_entries_category_idx")
      .on("log_entries")
      .columns(["category", "seq"])
      .execute();

    await db.schema
      .createTable("outbox")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("channel", "text", (col) => col.notNull())
      .addColumn("recipient", "text", (col) => col.notNull())
      .addColumn("ciphertext", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("delivered_at", "bigint")
      .addColumn("last_error", "text")
      .execute();

    // Append-only: the database itself rejects edits of the log.
    await sql`CREATE TRIGGER log_entries_no_update BEFORE UPDATE ON log_entries
      BEGIN SELECT RAISE(ABORT, 'log_entries is append-only'); END`.execute(db);
  },
};
