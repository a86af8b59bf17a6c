import type { Kysely, Migration } from "kysely";

/**
 * Adds passkeys: registered WebAuthn credentials, the single-use challenges
 * the hub issues, one-time registration grants (stored as their SHA-256),
 * the offline assertions already accepted, and a per-user version of the
 * passkey list that tablets compare to refetch public keys.
 */
export const m010Passkeys: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("passkey_credentials")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("credential_id", "text", (col) => col.notNull().unique())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("public_key", "text", (col) => col.notNull())
      .addColumn("counter", "integer", (col) => col.notNull())
      .addColumn("transports", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("device_type", "text", (col) => col.notNull())
      .addColumn("backed_up", "integer", (col) => col.notNull())
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("last_used_at", "bigint")
      .execute();
    await db.schema
      .createIndex("passkey_credentials_user_idx")
      .on("passkey_credentials")
      .column("user_id")
      .execute();

    await db.schema
      .createTable("webauthn_challenges")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("challenge", "text", (col) => col.notNull())
      .addColumn("purpose", "text", (col) => col.notNull())
      .addColumn("user_id", "text")
      .addColumn("tablet_id", "text")
      .addColumn("session_key", "text")
      .addColumn("grant_hash", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("used_at", "bigint")
      .execute();

    await db.schema
      .createTable("passkey_grants")
      .addColumn("grant_hash", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("issued_by", "text")
      .addColumn("created_at", "bigint", (col) => col.notNull())
      .addColumn("expires_at", "bigint", (col) => col.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema
      .createIndex("passkey_grants_user_idx")
      .on("passkey_grants")
      .column("user_id")
      .execute();

    await db.schema
      .createTable("offline_passkey_assertions")
      .addColumn("mutation_id", "text", (col) => col.primaryKey())
      .addColumn("credential_id", "text", (col) => col.notNull())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("tablet_id", "text", (col) => col.notNull())
      .addColumn("counter", "integer", (col) => col.notNull())
      .addColumn("accepted_at", "bigint", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("passkey_versions")
      .addColumn("user_id", "text", (col) => col.primaryKey())
      .addColumn("version", "integer", (col) => col.notNull())
      .execute();
  },
};
