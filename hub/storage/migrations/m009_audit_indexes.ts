import type { Kysely, Migration } from "kysely";

/**
 * Indexes the log by actor and by target, newest first, so the control
 * panel's audit filters on a person stay fast on a long log.
 */
export const m009AuditIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex("log_entries_actor_idx")
      .on("log_entries")
      .columns(["actor_id", "seq"])
      .execute();
    await db.schema
      .createIndex("log_entries_target_idx")
      .on("log_entries")
      .columns(["target_id", "seq"])
      .execute();
  },
};
