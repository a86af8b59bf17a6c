import type { Kysely, Selectable } from "kysely";
import type { StoreId, TabletId, UserId } from "../../protocol";
import type { Database, LogEntryTable } from "./schema";
import type { LogCategory, LogEntry, LogEntryInput } from "./records";

/** Filters of an audit log query; every filter given narrows the result. */
export interface AuditFilter {
  /** Entries in which this user acted or was acted upon. */
  readonly userId?: UserId;
  readonly actorId?: UserId;
  /** Entries that concern this store. */
  readonly storeId?: StoreId;
  /** An exact kind, or a family such as `tablet.*` for every `tablet.` kind. */
  readonly kind?: string;
  /** Entries at or after this time, in ms since the epoch. */
  readonly from?: number;
  /** Entries before this time, in ms since the epoch. */
  readonly to?: number;
  /** Entries with a lower sequence number. */
  readonly before?: number;
  /**
   * Only entries that concern at least one of these stores; null for every
   * entry, organisation-wide ones included.
   */
  readonly visibleStoreIds: readonly StoreId[] | null;
}

/**
 * The append-only log of changes and audit events. Both share one sequence,
 * so head office can follow everything in order; only changes reach tablets.
 */
export class LogRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Appends an entry and returns it with its sequence number and time. */
  async append(entry: LogEntryInput, now: number): Promise<LogEntry> {
    const row = await this.#db
      .insertInto("log_entries")
      .values({
        at: now,
        category: entry.category,
        kind: entry.kind,
        actor_id: entry.actorId ?? null,
        target_id: entry.targetId ?? null,
        tablet_id: entry.tabletId ?? null,
        store_ids_json: JSON.stringify(entry.storeIds),
        outcome: entry.outcome ?? null,
        reason: entry.reason ?? null,
        payload_json: JSON.stringify(entry.payload),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const stored = toEntry(row);
    const storeIds = [...new Set(entry.storeIds)];
    if (storeIds.length > 0) {
      await this.#db
        .insertInto("log_entry_stores")
        .values(
          storeIds.map((storeId) => ({ seq: stored.seq, store_id: storeId })),
        )
        .execute();
    }
    return stored;
  }

  /**
   * Lists the change entries a store's tablets may see after `afterSeq`, in
   * sequence order.
   */
  async listChangesForStore(
    storeId: StoreId,
    afterSeq: number,
    limit: number,
  ): Promise<LogEntry[]> {
    const rows = await this.#db
      .selectFrom("log_entry_stores")
      .innerJoin("log_entries", "log_entries.seq", "log_entry_stores.seq")
      .selectAll("log_entries")
      .where("log_entry_stores.store_id", "=", storeId)
      .where("log_entry_stores.seq", ">", afterSeq)
      .where("log_entries.category", "=", "change")
      .orderBy("log_entry_stores.seq")
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /**
   * Returns the newest change a store may see before `seq`, 0 for none: the
   * `previousSeq` of a live push, so a tablet can tell a gap from a change it
   * was never meant to see.
   */
  async previousChangeSeqForStore(
    storeId: StoreId,
    seq: number,
  ): Promise<number> {
    const row = await this.#db
      .selectFrom("log_entry_stores")
      .innerJoin("log_entries", "log_entries.seq", "log_entry_stores.seq")
      .select((eb) => eb.fn.max("log_entry_stores.seq").as("seq"))
      .where("log_entry_stores.store_id", "=", storeId)
      .where("log_entry_stores.seq", "<", seq)
      .where("log_entries.category", "=", "change")
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** Counts the change entries a store's tablets may see after `afterSeq`. */
  async countChangesForStore(
    storeId: StoreId,
    afterSeq: number,
  ): Promise<number> {
    const row = await this.#db
      .selectFrom("log_entry_stores")
      .innerJoin("log_entries", "log_entries.seq", "log_entry_stores.seq")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("log_entry_stores.store_id", "=", storeId)
      .where("log_entry_stores.seq", ">", afterSeq)
      .where("log_entries.category", "=", "change")
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Lists audit entries that match `filter`, newest first. */
  async listAudit(filter: AuditFilter, limit: number): Promise<LogEntry[]> {
    if (
      filter.visibleStoreIds !== null &&
      filter.visibleStoreIds.length === 0
    ) {
      return [];
    }
    let query = this.#db
      .selectFrom("log_entries")
      .selectAll()
      .where("category", "=", "audit")
      .orderBy("seq", "desc")
      .limit(limit);

    const { userId, visibleStoreIds, storeId, kind } = filter;

    if (userId !== undefined) {
      query = query.where((eb) =>
        eb.or([eb("actor_id", "=", userId), eb("target_id", "=", userId)]),
      );
    }
    if (filter.actorId !== undefined) {
      query = query.where("actor_id", "=", filter.actorId);
    }
    if (kind !== undefined) {
      query = kind.endsWith(".*")
        ? query.where("kind", "like", `${kind.slice(0, -1)}%`)
        : query.where("kind", "=", kind);
    }
    if (filter.from !== undefined) {
      query = query.where("at", ">=", filter.from);
    }
    if (filter.to !== undefined) {
      query = query.where("at", "<", filter.to);
    }
    if (filter.before !== undefined) {
      query = query.where("seq", "<", filter.before);
    }

    if (storeId !== undefined) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("log_entry_stores")
            .select("log_entry_stores.seq")
            .whereRef("log_entry_stores.seq", "=", "log_entries.seq")
            .where("log_entry_stores.store_id", "=", storeId),
        ),
      );
    }

    if (visibleStoreIds !== null) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("log_entry_stores")
            .select("log_entry_stores.seq")
            .whereRef("log_entry_stores.seq", "=", "log_entries.seq")
            .where("log_entry_stores.store_id", "in", visibleStoreIds),
        ),
      );
    }
    const rows = await query.execute();
    return rows.map(toEntry);
  }

  /** Returns the oldest sequence number the log still holds, 0 for an empty log. */
  async oldestSeq(): Promise<number> {
    const row = await this.#db
      .selectFrom("log_entries")
      .select((eb) => eb.fn.min("seq").as("seq"))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /**
   * Deletes entries older than `before` (ms since the epoch), the log's
   * retention; returns how many went. The newest entry always stays, so the
   * sequence never restarts.
   */
  async deleteOlderThan(before: number): Promise<number> {
    const newest = await this.latestSeq();
    const result = await this.#db
      .deleteFrom("log_entries")
      .where("at", "<", before)
      .where("seq", "<", newest)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Counts the wrong PINs typed at a tablet since `since` (ms since the epoch). */
  async countTabletFailures(
    tabletId: TabletId,
    since: number,
  ): Promise<number> {
    const row = await this.#db
      .selectFrom("log_entries")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tablet_id", "=", tabletId)
      .where("at", ">=", since)
      .where("category", "=", "audit")
      .where("reason", "=", "PIN_INCORRECT")
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Returns the newest sequence number, 0 for an empty log. */
  async latestSeq(): Promise<number> {
    const row = await this.#db
      .selectFrom("log_entries")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** Lists entries after `afterSeq` in sequence order. */
  async list(options: {
    afterSeq: number;
    limit: number;
    category?: LogCategory;
  }): Promise<LogEntry[]> {
    let query = this.#db
      .selectFrom("log_entries")
      .selectAll()
      .where("seq", ">", options.afterSeq)
      .orderBy("seq")
      .limit(options.limit);
    if (options.category) {
      query = query.where("category", "=", options.category);
    }
    const rows = await query.execute();
    return rows.map(toEntry);
  }
}

function toEntry(row: Selectable<LogEntryTable>): LogEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    category: row.category,
    kind: row.kind,
    actorId: row.actor_id as UserId | null,
    targetId: row.target_id as UserId | null,
    tabletId: row.tablet_id as TabletId | null,
    storeIds: JSON.parse(row.store_ids_json) as StoreId[],
    outcome: row.outcome,
    reason: row.reason,
    payload: JSON.parse(row.payload_json) as Record<string, unknown>,
  };
}
