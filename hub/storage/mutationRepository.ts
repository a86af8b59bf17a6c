import type { Kysely } from "kysely";
import type { MutationResult, TabletId } from "../../protocol";
import type { Database } from "./schema";

/**
 * The verdict on every mutation a tablet sent, by its tablet-made id, so a
 * mutation sent again gets the same answer and changes nothing.
 */
export class MutationRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async get(
    id: string,
  ): Promise<(MutationResult & { tabletId: TabletId }) | null> {
    const row = await this.#db
      .selectFrom("applied_mutations")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) {
      return null;
    }
    return {
      id: row.id,
      tabletId: row.tablet_id as TabletId,
      status: row.status,
      ...(row.reason !== null && { reason: row.reason }),
      ...(row.message !== null && { message: row.message }),
    };
  }

  async record(
    tabletId: TabletId,
    kind: string,
    result: MutationResult,
    now: number,
  ): Promise<void> {
    await this.#db
      .insertInto("applied_mutations")
      .values({
        id: result.id,
        tablet_id: tabletId,
        kind,
        status: result.status,
        reason: result.reason ?? null,
        message: result.message ?? null,
        received_at: now,
      })
      .execute();
  }
}
