import type { Kysely, Migration } from "kysely";

/**
 * Adds control panel access: password credentials, panel sessions and the
 * one-time codes a password is set with.
 */
export const m006AdminAccess: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("admin_passwords")
      .addColumn("user_id", "text", (col) =>
        col.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("hash", "text", (col) => col.notNull())
      .addColumn("set_at", "bigint", (col) => col.notNull())
      .addColumn("failures", "integer", (col) => col.notNull().defaultTo(0))
      .addColumn("locked_until", "bigint")
      .addColumn("last_failure_at", "bigint")
      .execute();

    await db.schema
      .createTable("admin_sessions")
      .addColumn("token_hash", "text", (col) => col.primaryKey())
      .addColumn("csrf_hash", "text", (col) => col.notNull())
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("last_seen_at", "bigint", (col) => col.notNull())
      .addColumn("idle_expires_at", "bigint", (col) => col.notNull())
      .addColumn("absolute_expires_at", "bigint", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("admin_sessions_user")
      .on("admin_sessions")
      .column("user_id")
      .execute();

    await db.schema
      .createTable("password_codes")
      .addColumn("code_hash", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("created_by", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema
      .createIndex("password_codes_user")
      .on("password_codes")
      .column("user_id")
      .execute();
  },
};
