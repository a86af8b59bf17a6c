import type { Kysely, Migration } from "kysely";

/** Indexes the log by tablet and time, for counting a tablet's recent wrong PINs. */
export const m005TabletFailureIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex("log_entries_tablet_idx")
      .on("log_entries")
      .columns(["tablet_id", "at"])
      .execute();
  },
};
